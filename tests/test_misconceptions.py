"""The misconception catalogue: every entry finds its own wrong claims and nothing else, and the scorer
caps an answer that states one, naming the correct fact in the feedback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.scoring import misconceptions as mc
from core.scoring.base import ScoringInput
from core.scoring.rule import RuleScorer
from db.enums import InterviewType, QuestionCategory

RAW = json.loads(mc.CATALOGUE.read_text(encoding="utf-8"))
IDS = [entry["id"] for entry in RAW]


def test_the_catalogue_loads_with_unique_ids_and_enough_entries() -> None:
    entries = mc.load()
    assert len(entries) == len(RAW) >= 100
    assert all(len(entry["match"]) >= 2 for entry in RAW)
    assert len(set(IDS)) == len(IDS)
    assert all(e.correction.endswith(".") and len(e.correction) <= 220 for e in entries)


@pytest.mark.parametrize("entry", RAW, ids=IDS)
def test_each_entry_finds_its_claims_but_not_the_correct_fact_or_a_rejection(entry: dict) -> None:
    for claim in entry["match"]:
        assert [m.id for m in mc.find(claim)] == [entry["id"]], claim
    correct, rejection = entry["no_match"]
    assert mc.find(correct) == [], correct
    assert mc.find(rejection) == [], rejection
    assert mc.find(entry["correction"]) == [], entry["correction"]
    for statement in entry.get("correct", []):  # how a strong candidate would put it
        assert mc.find(statement) == [], statement


def test_no_entry_fires_on_correct_statements_of_the_others() -> None:
    correct = [entry["no_match"][0] for entry in RAW] + [entry["correction"] for entry in RAW]
    correct += [statement for entry in RAW for statement in entry.get("correct", [])]
    fired = {(m.id, text) for text in correct for m in mc.find(text)}
    assert not fired


def test_claims_are_found_in_order_each_once_and_within_longer_text() -> None:
    text = (
        "Good question. TCP is a connectionless protocol, so it is fast. "
        "Also, a p-value is the probability that the null hypothesis is true. "
        "And TCP is a connectionless protocol, as I said."
    )
    found = mc.find(text)
    assert [m.id for m in found] == [m.id for m in mc.find(text)]  # deterministic
    assert len(found) == len({m.id for m in found}) >= 1
    assert all(m.sentence in text and m.correction for m in found)


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("A higher WACC increases the valuation; the model can't tell you more than that.", True),
        ("It is not true that a higher WACC increases the valuation.", False),
        ("A higher WACC increases the valuation, which is wrong.", False),
        ("A higher WACC increases the valuation; that's a myth.", False),
    ],
)
def test_only_a_rejection_of_the_claim_itself_keeps_it_from_being_found(sentence: str, found: bool) -> None:
    # A negation in a later clause is about something else; a rejecting word before the claim or a verdict
    # after it is about the claim.
    assert bool(mc.find(sentence)) is found


def test_a_broken_catalogue_is_named_and_the_scorer_then_skips_the_check(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps([{"id": "oops", "domain": "x", "keywords": ["a"], "pattern": "(", "correction": "c."}])
    )
    with pytest.raises(ValueError, match="oops"):
        mc.load(bad)
    mc.catalogue.cache_clear()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(mc, "CATALOGUE", tmp_path / "missing.json")
            assert mc.catalogue() == () and mc.find(WRONG) == []
            assert "misconception" not in _score(WRONG).flags  # scored as before, nothing raised
    finally:
        mc.catalogue.cache_clear()
    assert mc.catalogue()


QUESTION = "What is a p-value, and what does it not tell you?"
WRONG = (
    "A p-value is the probability that the null hypothesis is true. So if an A/B test gives p = 0.03, "
    "there is a 3% chance there is no real difference between the variants. What it does not tell you is "
    "the size of the effect, so I always report the effect size and a confidence interval with it, because "
    "a tiny effect in a huge sample can still give a small p-value."
)
RIGHT = WRONG.replace(
    "A p-value is the probability that the null hypothesis is true.",
    "A p-value is the probability of seeing data at least this extreme if the null hypothesis were true.",
).replace("there is a 3% chance there is no real difference between the variants", "data this extreme would "
          "turn up 3% of the time if the variants really performed the same")  # fmt: skip


def _score(answer: str):  # type: ignore[no-untyped-def]
    item = ScoringInput(question=QUESTION, answer=answer, interview_type=InterviewType.TECHNICAL,
                        category=QuestionCategory.TECHNICAL)  # fmt: skip
    return RuleScorer().score(item)


def test_a_stated_misconception_caps_the_answer_and_the_feedback_corrects_it() -> None:
    wrong, right = _score(WRONG), _score(RIGHT)
    assert "misconception" in wrong.flags and "misconception" not in right.flags
    assert wrong.score <= 55 and right.score >= wrong.score + 10
    accuracy = next(c for c in wrong.rubric if c.name == "Accuracy")
    assert accuracy.score <= 30 and "misconception" in accuracy.notes
    advice = " ".join(wrong.improvements)
    assert "common misconception" in advice and "assuming the null hypothesis is true" in advice


def test_the_stronger_example_answer_corrects_the_claim_instead_of_repeating_it() -> None:
    example = _score(WRONG).example_answer
    assert "probability that the null hypothesis is true" not in example
    assert "[Corrected: A p-value is the probability of data at least as extreme" in example


def test_two_misconceptions_cost_more_than_one() -> None:
    both = WRONG + " A smaller p-value means a bigger effect."
    assert len(mc.find(both)) == 2
    one, two = _score(WRONG), _score(both)
    assert two.score < one.score and two.score <= 35


def test_a_claim_made_of_the_questions_subject_through_a_pronoun_is_found() -> None:
    question = "A product manager asks what a p-value of 0.04 in our pricing test means. What do you say?"
    answer = "I'd say it means there's a 4% chance the null hypothesis is true, so we're 96% sure."
    assert mc.find(answer) == []  # alone, "it" could be anything
    assert [m.id for m in mc.find(answer, question=question)] == ["p-value-prob-null-true"]
    correct = (
        "I'd say it means data this extreme would turn up 4% of the time if the null hypothesis were true."
    )
    assert mc.find(correct, question=question) == []


def test_a_pronoun_is_not_read_as_one_side_when_the_question_compares_two() -> None:
    # "It" follows the MCB, not the RCD: with two subjects in the question, the scorer resolves no pronoun.
    question = "What's the difference between an MCB and an RCD?"
    answer = (
        "An MCB protects the cable against overcurrent. It trips thermally on overload and magnetically on a "
        "short circuit. An RCD protects people: it trips when current leaks to earth, typically at 30 mA."
    )
    item = ScoringInput(question=question, answer=answer, interview_type=InterviewType.TECHNICAL,
                        category=QuestionCategory.TECHNICAL)  # fmt: skip
    assert [m.id for m in mc.find(answer, question=question)] == ["gfci-protects-against-overload"]
    result = RuleScorer().score(item)
    assert "misconception" not in result.flags


def test_the_text_a_pattern_requires_is_read_from_the_pattern_and_skips_only_hopeless_sentences() -> None:
    pattern = r"\bindex(es)?\b[^.]{0,40}\b(makes? (reads|queries) slower|hurts? (reads|lookups))"
    assert mc.required_text(pattern, ["index"]) == (" slower", "lookups", "reads")  # one of each way
    assert mc.required_text(r"\bindex\b[^.]{0,40}(slow)?", ["index"]) == ()  # nothing certain but the keyword
    entries = [e for e in mc.load() if e.needs]
    assert len(entries) >= 0.8 * len(RAW)  # most entries skip most sentences without running their pattern
    for entry in entries:
        claims = next(raw["match"] for raw in RAW if raw["id"] == entry.id)
        assert all(any(n in c.lower() for n in entry.needs) or entry.negative for c in claims), entry.id
