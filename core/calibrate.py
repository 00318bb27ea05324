"""Calibration: how well a scorer agrees with human grades.

``python -m core.calibrate FILE.jsonl|DIR [...] [--scorer rule] [--json]``

Each line is a JSON object with ``id``, ``question``, ``interview_type``, ``category``, ``role``, ``answer``
and ``human_score`` (0-100); other keys are ignored. Prints Spearman, Pearson, mean absolute error and the
quadratic-weighted kappa over the bands 0-30 / 31-55 / 56-79 / 80-100, overall, per interview type and per
category, plus a word-count-only baseline.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.scoring.agreement import mean_absolute_error, pearson, quadratic_weighted_kappa, spearman
from core.scoring.base import Scorer, ScoringInput
from db.enums import InterviewType, QuestionCategory

#: A factory builds a scorer from the app settings (``core.settings.Settings``; may be ignored).
ScorerFactory = Callable[[Any], Scorer]

_SCORERS: dict[str, ScorerFactory] = {}
#: Modules that register extra scorers when imported (e.g. ``core.ai`` registers "llm").
PLUGIN_MODULES: tuple[str, ...] = ("core.ai",)
_REQUIRED = ("id", "question", "interview_type", "category", "answer", "human_score")


class CalibrationError(Exception):
    """A problem with the input files or options; the message is shown as it is."""


def register_scorer(name: str, factory: ScorerFactory) -> None:
    """Make ``--scorer NAME`` available; a later registration of the same name replaces the earlier."""
    _SCORERS[name] = factory


def _rule_factory(settings: Any) -> Scorer:
    from core.scoring.rule import RuleScorer

    return RuleScorer()


register_scorer("rule", _rule_factory)


def _load_plugins() -> None:
    for module in PLUGIN_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise


def available_scorers() -> list[str]:
    _load_plugins()
    return sorted(_SCORERS)


def make_scorer(name: str, settings: Any = None) -> Scorer:
    """Build the scorer registered as ``name``; unknown names raise ``CalibrationError`` listing choices."""
    choices = available_scorers()
    if name not in _SCORERS:
        raise CalibrationError(f"unknown scorer {name!r}; choose one of: {', '.join(choices)}")
    if settings is None and name != "rule":
        from core.settings import load_settings

        try:
            settings = load_settings()
        except ValueError as exc:
            raise CalibrationError(str(exc)) from exc
    return _SCORERS[name](settings)


@dataclass(frozen=True)
class Item:
    id: str
    source: str
    input: ScoringInput
    human_score: float


def _enum(enum: type[InterviewType] | type[QuestionCategory], value: Any, key: str) -> Any:
    text = str(value).strip().upper().replace(" ", "_").replace("-", "_")
    try:
        return enum(text)
    except ValueError:
        raise ValueError(f"{key} {value!r} is not one of {', '.join(m.value for m in enum)}") from None


def parse_line(text: str) -> tuple[str, ScoringInput, float]:
    """(id, scoring input, human score) from one JSON line; ``ValueError`` says what is wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    missing = [key for key in _REQUIRED if key not in data]
    if missing:
        raise ValueError(f"missing key{'s' * (len(missing) > 1)}: {', '.join(missing)}")
    score = data["human_score"]
    if isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 100:
        raise ValueError(f"human_score must be a number from 0 to 100, got {score!r}")
    for key in ("question", "answer"):
        if not isinstance(data[key], str):
            raise ValueError(f"{key} must be a string")
    role = data.get("role")
    item = ScoringInput(
        question=data["question"],
        answer=data["answer"],
        interview_type=_enum(InterviewType, data["interview_type"], "interview_type"),
        category=_enum(QuestionCategory, data["category"], "category"),
        role=str(role) if role is not None else None,
        transcript=bool(data.get("transcript", False)),
    )
    return str(data["id"]), item, float(score)


def jsonl_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files to read: each file given, and every ``*.jsonl`` in each directory given."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(path.glob("*.jsonl"))
            if not found:
                raise CalibrationError(f"{path}: no *.jsonl files in this directory")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise CalibrationError(f"{path}: no such file or directory")
    return files


def load_items(paths: Iterable[str | Path]) -> list[Item]:
    items: list[Item] = []
    for path in jsonl_files(paths):
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    item_id, scoring_input, human = parse_line(line)
                except ValueError as exc:
                    raise CalibrationError(f"{path}:{number}: {exc}") from None
                items.append(Item(item_id, path.name, scoring_input, human))
    if not items:
        raise CalibrationError("no items to score")
    return items


def figures(human: Sequence[float], scores: Sequence[float]) -> dict[str, Any]:
    """n, Spearman, Pearson, MAE and quadratic-weighted kappa (None when undefined), rounded."""

    def r(value: float | None) -> float | None:
        return None if value is None else round(value, 4)

    return {
        "n": len(human),
        "spearman": r(spearman(human, scores)),
        "pearson": r(pearson(human, scores)),
        "mae": r(mean_absolute_error(human, scores)),
        "qwk": r(quadratic_weighted_kappa(human, scores)),
    }


def _grouped(items: Sequence[Item], scores: Sequence[float], key: Callable[[Item], str]) -> dict[str, Any]:
    groups: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        groups.setdefault(key(item), []).append(index)
    return {
        name: figures([items[i].human_score for i in idx], [scores[i] for i in idx])
        for name, idx in sorted(groups.items())
    }


def evaluate(items: Sequence[Item], scorer: Scorer) -> dict[str, Any]:
    """Score every item and compute the agreement figures (the ``--json`` report)."""
    results = scorer.score_many([item.input for item in items])
    scores = [float(r.score) for r in results]
    human = [item.human_score for item in items]
    word_counts = [float(len(item.input.answer.split())) for item in items]
    report: dict[str, Any] = {
        "scorer": getattr(scorer, "name", type(scorer).__name__),
        "files": sorted({item.source for item in items}),
        "overall": figures(human, scores),
        "by_type": _grouped(items, scores, lambda it: it.input.interview_type.value),
        "by_category": _grouped(items, scores, lambda it: it.input.category.value),
        "baseline": {"word_count_spearman": figures(human, word_counts)["spearman"]},
        "items": [
            {"id": item.id, "human_score": item.human_score, "score": result.score}
            for item, result in zip(items, results, strict=True)
        ],
    }
    if len(report["files"]) > 1:
        report["by_file"] = _grouped(items, scores, lambda it: it.source)
    return report


def _fmt(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def format_report(report: dict[str, Any]) -> str:
    """The human-readable table of a report."""
    rows = [("all", report["overall"])]
    for section, prefix in (("by_file", "file"), ("by_type", "type"), ("by_category", "category")):
        rows.extend((f"{prefix}={name}", figs) for name, figs in report.get(section, {}).items())
    width = max(len(name) for name, _ in rows)
    lines = [
        f"scorer: {report['scorer']}   files: {', '.join(report['files'])}   items: {report['overall']['n']}",
        "",
        f"{'group'.ljust(width)}  {'n':>4}  {'spearman':>8}  {'pearson':>8}  {'mae':>6}  {'qwk':>6}",
    ]
    for name, f in rows:
        lines.append(
            f"{name.ljust(width)}  {f['n']:>4}  {_fmt(f['spearman']):>8}  {_fmt(f['pearson']):>8}  "
            f"{_fmt(f['mae'], 1):>6}  {_fmt(f['qwk']):>6}"
        )
    lines += ["", f"baseline (word count only): spearman {_fmt(report['baseline']['word_count_spearman'])}"]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core.calibrate", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "paths", nargs="+", metavar="FILE_OR_DIR", help="JSONL files, or directories of *.jsonl"
    )
    parser.add_argument("--scorer", default="rule", help="scoring engine (default: rule)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = parser.parse_args(argv)
    try:
        items = load_items(args.paths)
        scorer = make_scorer(args.scorer)
    except CalibrationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    report = evaluate(items, scorer)
    print(json.dumps(report, indent=None) if args.json else format_report(report))
    return 0


if __name__ == "__main__":
    # NOTE: run as ``-m``, this file is ``__main__``; plugins register with the importable
    # ``core.calibrate``, so delegate to that module to share one registry.
    from core.calibrate import main as _main

    raise SystemExit(_main())
