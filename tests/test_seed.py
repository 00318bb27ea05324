"""Seeding the question bank: the shipped files are valid, loading is idempotent, bad files change nothing."""

from __future__ import annotations

import copy
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.enums import RUBRIC_CRITERIA, Difficulty, InterviewType, QuestionCategory
from db.models import QuestionBank
from db.seed import BankDataError, load_bank, main, seed_bank

GOOD_ITEM: dict[str, Any] = {
    "key": "zoo-beh-001",
    "question": "Tell me about a time an animal escaped its enclosure on your shift.",
    "interview_type": "BEHAVIORAL",
    "category": "BEHAVIORAL",
    "difficulty": "MEDIUM",
    "industry": "Zoology",
    "role": "Zookeeper",
    "hints": ["Say what you did first", "Say what changed afterwards"],
    "rubric": {
        "criteria": [
            {"name": "Situation", "weight": 0.2, "description": "context"},
            {"name": "Task", "weight": 0.2, "description": "role"},
            {"name": "Action", "weight": 0.3, "description": "actions"},
            {"name": "Result", "weight": 0.3, "description": "outcome"},
        ],
        "key_points": ["safety first", "radio the team", "review the latch"],
    },
    "sample_answer": " ".join(["On a busy Saturday a capybara slipped through a gate I had checked."] * 6),
    "tags": ["safety", "incident"],
}


def _write(folder: Path, items: list[dict[str, Any]], name: str = "zoo.json") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps({"questions": items}), encoding="utf-8")
    return path


def _bank_count(db: Session) -> int:
    return db.scalar(select(func.count()).select_from(QuestionBank)) or 0


def test_shipped_bank_is_valid_and_broad() -> None:
    items, files = load_bank()
    assert len(items) >= 300, f"only {len(items)} questions in {files}"
    assert {i["category"] for i in items} == {c.value for c in QuestionCategory}
    assert {i["difficulty"] for i in items} == {d.value for d in Difficulty}
    assert {i["interview_type"] for i in items} == {t.value for t in RUBRIC_CRITERIA}
    assert len({i["industry"] for i in items if i["industry"]}) >= 8
    assert len({i["role"] for i in items if i["role"]}) >= 15
    for item in items:
        assert 2 <= len(item["hints"]) <= 3
        assert len(item["sample_answer"].split()) >= 80, item["key"]
    # No near-verbatim duplicates of question text.
    texts = Counter(i["question"].strip().lower() for i in items)
    assert texts.most_common(1)[0][1] == 1


def test_seed_is_idempotent_and_updates_by_key(db: Session, tmp_path: Path) -> None:
    second = copy.deepcopy(GOOD_ITEM) | {"key": "zoo-beh-002", "question": "Describe training a new keeper."}
    _write(tmp_path, [GOOD_ITEM, second])
    items, _ = load_bank(tmp_path)
    before = _bank_count(db)

    first_run = seed_bank(db, items)
    assert (first_run.inserted, first_run.updated) == (2, 0)
    again = seed_bank(db, items)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 2)
    assert _bank_count(db) == before + 2

    edited = copy.deepcopy(GOOD_ITEM) | {"difficulty": "HARD", "tags": ["safety", "escape"]}
    _write(tmp_path, [edited, second])
    report = seed_bank(db, load_bank(tmp_path)[0])
    assert (report.inserted, report.updated) == (0, 1)
    row = db.scalar(select(QuestionBank).where(QuestionBank.key == "zoo-beh-001"))
    assert row is not None and row.difficulty is Difficulty.HARD and row.tags == ["safety", "escape"]
    assert row.interview_type is InterviewType.BEHAVIORAL
    assert _bank_count(db) == before + 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"category": "SLEEPING"}, r"zoo\.json: item 0 \(zoo-beh-001\): category 'SLEEPING' is not one of"),
        ({"difficulty": "IMPOSSIBLE"}, r"item 0 \(zoo-beh-001\): difficulty 'IMPOSSIBLE'"),
        ({"hints": ["only one"]}, r"item 0 \(zoo-beh-001\): hints must be a list of 2-3"),
        ({"category": "TECHNICAL"}, r"category TECHNICAL does not fit interview_type BEHAVIORAL"),
        ({"key": "Bad Key"}, r"key 'Bad Key' must match"),
    ],
)
def test_bad_item_names_file_item_and_problem(tmp_path: Path, change: dict[str, Any], message: str) -> None:
    _write(tmp_path, [copy.deepcopy(GOOD_ITEM) | change])
    with pytest.raises(BankDataError, match=message):
        load_bank(tmp_path)


def test_missing_field_and_bad_weights(tmp_path: Path) -> None:
    missing = {k: v for k, v in GOOD_ITEM.items() if k != "sample_answer"}
    weights = copy.deepcopy(GOOD_ITEM)
    weights["key"] = "zoo-beh-009"
    weights["rubric"]["criteria"][0]["weight"] = 0.5
    _write(tmp_path, [missing, weights])
    with pytest.raises(BankDataError) as caught:
        load_bank(tmp_path)
    text = str(caught.value)
    assert "item 0 (zoo-beh-001): missing field 'sample_answer'" in text
    assert "item 1 (zoo-beh-009): rubric weights sum to 1.300, not 1" in text


def test_duplicate_key_across_files(tmp_path: Path) -> None:
    _write(tmp_path, [GOOD_ITEM], "a.json")
    _write(tmp_path, [GOOD_ITEM], "b.json")
    with pytest.raises(
        BankDataError, match=r"b\.json: item 0 \(zoo-beh-001\): duplicate key, also in a\.json"
    ):
        load_bank(tmp_path)


def test_unreadable_json_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(BankDataError, match=r"broken\.json: cannot be read as JSON"):
        load_bank(tmp_path)


def test_cli_bad_file_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good"
    _write(good, [GOOD_ITEM])
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["--dir", str(good), "--database-url", url]) == 0
    assert "1 inserted" in capsys.readouterr().out

    bad = tmp_path / "bad"
    second = copy.deepcopy(GOOD_ITEM) | {
        "key": "zoo-beh-002",
        "question": "A brand new question about otters.",
    }
    _write(bad, [copy.deepcopy(GOOD_ITEM) | {"difficulty": "HARD"}, second | {"category": "NAPPING"}])
    assert main(["--dir", str(bad), "--database-url", url]) == 1
    err = capsys.readouterr().err
    assert "nothing changed" in err and "zoo-beh-002" in err and "NAPPING" in err

    from db.engine import make_engine

    engine = make_engine(url)
    with Session(engine) as db:
        rows = db.scalars(select(QuestionBank)).all()
        assert [(r.key, r.difficulty) for r in rows] == [("zoo-beh-001", Difficulty.MEDIUM)]
    engine.dispose()
    assert main(["--dir", str(good), "--database-url", url]) == 0
    assert "0 inserted, 0 updated, 1 unchanged" in capsys.readouterr().out
