"""Load the curated question bank from ``assets/question_bank/*.json``: validated, idempotent, atomic.

Run ``python -m db.seed`` (or let the app do it on first start). A bad file stops the seed with a message
naming the file, the item and the problem, and nothing is written.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.enums import RUBRIC_CRITERIA, TYPE_CATEGORIES, Difficulty, InterviewType, QuestionCategory
from db.models import QuestionBank

BANK_DIR = Path(__file__).resolve().parent.parent / "assets" / "question_bank"
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{2,63}$")
FIELDS = (
    "question",
    "category",
    "difficulty",
    "interview_type",
    "industry",
    "role",
    "hints",
    "rubric",
    "sample_answer",
    "tags",
)


class BankDataError(ValueError):
    """One or more data files are invalid; ``problems`` lists each as ``file: item: problem``."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "\n".join(f"  - {p}" for p in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"question bank data is invalid ({len(problems)} problem(s)):\n{shown}{more}")


@dataclass
class SeedReport:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    files: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"question bank: {self.inserted} inserted, {self.updated} updated, "
            f"{self.unchanged} unchanged from {len(self.files)} file(s)"
        )


def search_text_for(question: str, tags: list[str]) -> str:
    """The text the full-text index covers: question and tags."""
    return " ".join([question, *tags]).lower()


def _check_item(item: Any, where: str) -> list[str]:
    if not isinstance(item, dict):
        return [f"{where}: item is not an object"]
    problems = [f"{where}: missing field '{name}'" for name in ("key", *FIELDS) if name not in item]
    if problems:
        return problems

    def bad(msg: str) -> None:
        problems.append(f"{where}: {msg}")

    if not isinstance(item["key"], str) or not KEY_PATTERN.match(item["key"]):
        bad(f"key {item['key']!r} must match {KEY_PATTERN.pattern}")
    if not isinstance(item["question"], str) or not 20 <= len(item["question"].strip()) <= 600:
        bad("question must be text of 20-600 characters")
    enum_fields: tuple[tuple[str, type], ...] = (
        ("category", QuestionCategory),
        ("difficulty", Difficulty),
        ("interview_type", InterviewType),
    )
    for name, enum_cls in enum_fields:
        allowed = [m.value for m in enum_cls]  # type: ignore[attr-defined]
        if item[name] not in allowed or item[name] == "MIXED":
            bad(f"{name} {item[name]!r} is not one of {', '.join(a for a in allowed if a != 'MIXED')}")
    if problems:
        return problems
    itype = InterviewType(item["interview_type"])
    if QuestionCategory(item["category"]) not in TYPE_CATEGORIES[itype]:
        bad(f"category {item['category']} does not fit interview_type {itype.value}")
    for name in ("industry", "role"):
        if item[name] is not None and (not isinstance(item[name], str) or not item[name].strip()):
            bad(f"{name} must be a non-empty string or null")
    hints = item["hints"]
    if (
        not isinstance(hints, list)
        or not 2 <= len(hints) <= 3
        or not all(isinstance(h, str) and h for h in hints)
    ):
        bad("hints must be a list of 2-3 non-empty strings")
    tags = item["tags"]
    if (
        not isinstance(tags, list)
        or not 1 <= len(tags) <= 8
        or not all(isinstance(t, str) and t for t in tags)
    ):
        bad("tags must be a list of 1-8 non-empty strings")
    if not isinstance(item["sample_answer"], str) or len(item["sample_answer"].split()) < 40:
        bad("sample_answer must be a real answer of at least 40 words")
    problems.extend(f"{where}: {p}" for p in _check_rubric(item["rubric"], itype))
    return problems


def _check_rubric(rubric: Any, itype: InterviewType) -> list[str]:
    if not isinstance(rubric, dict) or not isinstance(rubric.get("criteria"), list):
        return ["rubric must be an object with a 'criteria' list"]
    problems = []
    criteria = rubric["criteria"]
    try:
        names = [str(c["name"]) for c in criteria]
        total = sum(float(c["weight"]) for c in criteria)
    except (KeyError, TypeError, ValueError):
        return ["every rubric criterion needs a name and a numeric weight"]
    if abs(total - 1.0) > 1e-6:
        problems.append(f"rubric weights sum to {total:.3f}, not 1")
    expected = [name for name, _ in RUBRIC_CRITERIA[itype]]
    if names != expected:
        problems.append(f"rubric criteria {names} should be {expected} for {itype.value}")
    points = rubric.get("key_points", [])
    if not isinstance(points, list) or not all(isinstance(p, str) for p in points):
        problems.append("rubric key_points must be a list of strings")
    return problems


def load_bank(directory: Path = BANK_DIR) -> tuple[list[dict[str, Any]], list[str]]:
    """Read and validate every ``*.json`` file; return (items, file names) or raise BankDataError."""
    files = sorted(directory.glob("*.json"))
    if not files:
        raise BankDataError([f"{directory}: no *.json question files found"])
    items: list[dict[str, Any]] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            problems.append(f"{path.name}: cannot be read as JSON: {exc}")
            continue
        if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
            problems.append(f"{path.name}: top level must be an object with a 'questions' list")
            continue
        for index, item in enumerate(data["questions"]):
            key = item.get("key") if isinstance(item, dict) else None
            where = f"{path.name}: item {index} ({key or 'no key'})"
            item_problems = _check_item(item, where)
            if isinstance(key, str) and key in seen:
                item_problems.append(f"{where}: duplicate key, also in {seen[key]}")
            problems.extend(item_problems)
            if isinstance(key, str):
                seen.setdefault(key, path.name)
            if not item_problems:
                items.append(item)
    if problems:
        raise BankDataError(problems)
    return items, [p.name for p in files]


def _row_values(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "question": item["question"].strip(),
        "category": QuestionCategory(item["category"]),
        "difficulty": Difficulty(item["difficulty"]),
        "interview_type": InterviewType(item["interview_type"]),
        "industry": item["industry"],
        "role": item["role"],
        "hints": list(item["hints"]),
        "rubric": item["rubric"],
        "sample_answer": item["sample_answer"].strip(),
        "tags": [t.strip().lower() for t in item["tags"]],
        "search_text": search_text_for(item["question"].strip(), [t.strip().lower() for t in item["tags"]]),
    }


def seed_bank(db: Session, items: list[dict[str, Any]]) -> SeedReport:
    """Insert new items and update changed ones by key; the caller owns the transaction."""
    report = SeedReport()
    existing = {row.key: row for row in db.scalars(select(QuestionBank).where(QuestionBank.key.is_not(None)))}
    for item in items:
        values = _row_values(item)
        row = existing.get(item["key"])
        if row is None:
            db.add(QuestionBank(key=item["key"], **values))
            report.inserted += 1
        elif any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            report.updated += 1
        else:
            report.unchanged += 1
    db.flush()
    return report


def bank_is_empty(db: Session) -> bool:
    return not db.scalar(select(func.count()).select_from(QuestionBank))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m db.seed", description=__doc__)
    parser.add_argument("--dir", type=Path, default=BANK_DIR, help="folder of question JSON files")
    parser.add_argument("--database-url", help="default: DATABASE_URL or the local SQLite file")
    args = parser.parse_args(argv)

    from core.settings import load_settings
    from db.engine import make_engine, make_sessionmaker
    from db.migrate import upgrade_to_head

    try:
        items, files = load_bank(args.dir)
    except BankDataError as exc:
        print(f"seed stopped, nothing changed: {exc}", file=sys.stderr)
        return 1
    settings = load_settings({"database_url": args.database_url} if args.database_url else None)
    engine = make_engine(settings.database_url)
    upgrade_to_head(engine)
    with make_sessionmaker(engine).begin() as db:
        report = seed_bank(db, items)
    report.files = files
    print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
