"""The offline rule-based scorer: each dimension moves the right way, tricky answers land where they
should, bad input scores near 0 with a plain message, and any text scores 0-100 deterministically.

Every answer here is written for these tests (none comes from the calibration dev set).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.scoring.base import (
    DIMENSIONS,
    RUBRIC_CRITERIA,
    Scorer,
    ScoreResult,
    ScoringInput,
    letter_grade,
    overall_from_dimensions,
)
from core.scoring.evidence import asks_for_story, compared_sides
from core.scoring.features import extract
from core.scoring.rule import RuleScorer
from core.scoring.text import analyse
from db.enums import InterviewType, QuestionCategory

ROOT = Path(__file__).resolve().parents[1]
SCORER = RuleScorer()

# --- Hand-written questions and answers -------------------------------------------------------------

CONFLICT_Q = "Tell me about a time you had a conflict with a coworker. How did you handle it?"

CONFLICT_SITUATION = (
    "Last spring at a regional logistics startup, a senior developer and I disagreed about shipping a new "
    "billing feature without automated tests two days before a client demo."
)
CONFLICT_TASK = "I was the QA lead, so it was my job to sign off on every release."
CONFLICT_ACTION = (
    "I asked him for fifteen minutes, listened to his worry about the deadline, and proposed a compromise: "
    "I wrote smoke tests for the three riskiest payment flows that afternoon while he finished the UI. "
    "I also set up a short check-in with our product manager so the risk was visible to everyone."
)
CONFLICT_RESULT = (
    "We shipped on time, the smoke tests caught a rounding bug in checkout before the demo, and the client "
    "signed a 12-month contract. Since then we agree test scope at sprint planning, and escaped defects "
    "dropped from 9 to 3 per quarter."
)
CONFLICT_GOOD = " ".join([CONFLICT_SITUATION, CONFLICT_TASK, CONFLICT_ACTION, CONFLICT_RESULT])
CONFLICT_VAGUE_RESULT = "In the end it went fine and everyone was happy."

CONFLICT_OFF_TOPIC = (
    "Last year our warehouse team had a tight deadline to move the billing system to a new provider. "
    "I was responsible for the data migration. I wrote scripts to export 2 million invoices, validated the "
    "totals against the old ledger, and scheduled the cutover for a quiet weekend. The migration finished in "
    "6 hours with zero data loss, and we now save $40,000 a year in processing fees."
)
CONFLICT_STUFFED = (
    "Conflict with a coworker is something I handle. When there is conflict with a coworker I handle the "
    "conflict. Conflict resolution with coworkers, handling conflict, coworker conflict, conflict management "
    "and teamwork are key. I handle every conflict with every coworker through conflict resolution."
)
CONFLICT_BUZZ = (
    "As a passionate, results-driven team player I always leverage synergies and a growth mindset to turn "
    "friction into alignment. I proactively drive cross-functional alignment with key stakeholders, think "
    "outside the box, and deliver best-in-class, win-win outcomes that move the needle."
)
CONFLICT_RESTATED = (
    "A time I had a conflict with a coworker and how I handled the conflict with the coworker."
)
CONFLICT_WE = (
    "At my last job there was a conflict in our team about the release process. We talked about it in a "
    "meeting and we decided to change the process. We fixed it and we agreed on a new approach. In the end "
    "we were all happy with it."
)
CONFLICT_NUMBERS = (
    "I had a conflict once and I fixed it 100%. I improved things by 300% and results went up 450%, with "
    "1000% better outcomes, 12 synergies and 7 wins. Morale rose 250% and everything was 10x better."
)
CONFLICT_SHORT = (
    "A designer and I clashed over a deadline. I asked what worried her, we cut two low-value screens, and "
    "I wrote the copy myself. We launched on Friday and support tickets fell from 40 to 12 a week."
)
FILLERS = ("um, ", "uh, ", "like, ", "you know, ")

INDEX_Q = "What is a database index, and when can adding one hurt performance?"
INDEX_GOOD = (
    "An index is a separate data structure, usually a B-tree, that keeps a column's values sorted with "
    "pointers to the rows, so a lookup is O(log n) instead of a full table scan. For example, an index on "
    "orders.customer_id turns a query for one customer's orders from scanning 10 million rows into a few "
    "page reads. The cost is that every INSERT, UPDATE and DELETE must also update the index, which slows "
    "writes, and each index takes disk and memory. It can hurt when the column has low selectivity, such "
    "as a boolean flag, because the planner will still scan, or on write-heavy tables where the extra "
    "maintenance outweighs the read gain. So I index columns used in WHERE, JOIN and ORDER BY on read-heavy "
    "tables, and I check the query plan with EXPLAIN before and after."
)
INDEX_TRADEOFF_SENTENCE = (
    " The trade-off is slower writes and extra storage, so instead of indexing everything I would weigh "
    "read gains against write costs."
)
INDEX_SHALLOW = "An index makes queries faster. It is good for performance and you should add indexes."
INDEX_OFF_TOPIC = (
    "Kubernetes autoscaling is what matters for performance. The Horizontal Pod Autoscaler watches CPU "
    "utilization and adjusts replica counts to hit a target, and you should set container resource requests "
    "carefully because utilization is computed relative to them. KEDA can scale consumers on Kafka lag."
)

URL_Q = "Design a URL shortening service like bit.ly."
URL_GOOD = (
    "First I'd clarify requirements: about 100 million new links a month, a 100:1 read to write ratio, "
    "redirects under 50 ms, and links that never expire unless deleted. The high-level design is a stateless "
    "API service behind a load balancer, a key-value database for code to URL mappings, and a Redis cache in "
    "front for hot links. For the deep dive, I'd generate 7-character base62 codes from a counter range "
    "handed to each server, which avoids collisions without a lookup on every write; the table is keyed by "
    "code with the long URL, owner and created time. To scale, I'd shard the table by code hash, add read "
    "replicas, and cache popular codes with a TTL because reads dominate. The trade-off is that counter "
    "ranges make codes guessable, so if privacy matters I'd use random codes instead and accept a "
    "uniqueness check on insert."
)
URL_BUZZ = (
    "I'd build a highly scalable, distributed, cloud-native microservices architecture with Kafka, Redis, "
    "Cassandra and Kubernetes, sharded and replicated for high availability. A load balancer and API gateway "
    "front the microservices and a CDN handles global low latency. Everything is resilient, performant, "
    "event-driven and horizontally scalable at massive scale."
)

CAFE_Q = (
    "A coffee chain's profits fell 20% last year. How would you find out why, and what would you recommend?"
)
CAFE_GOOD = (
    "First I'd clarify the objective: restore profit, not just revenue, and I'd assume the chain has about "
    "200 stores. I'd break profit into revenue and costs. On revenue, I'd split price times volume by "
    "store, daypart and product; on costs, fixed costs like rent versus variable costs like beans and "
    "labour. If volume is flat but bean costs rose 30%, and beans are a quarter of costs, that alone cuts "
    "margin by about 7.5 points. I'd compare against competitors to see whether the drop is market-wide. "
    "My recommendation would be to renegotiate supply contracts and test a 5% price rise in 10 pilot "
    "stores, watching volume weekly; the main risk is losing price-sensitive regulars, so I'd monitor "
    "visit frequency before rolling out."
)
CAFE_NO_RECOMMENDATION = (
    "Coffee chains have lots of competition these days, and people are spending less. Maybe the coffee is "
    "not as good as before or the stores need renovating. Costs are probably higher too, with inflation."
)


def item(
    question: str, answer: str, kind: InterviewType = InterviewType.BEHAVIORAL, **extra: object
) -> ScoringInput:
    """A scoring input whose category fits ``kind``."""
    category = {
        InterviewType.BEHAVIORAL: QuestionCategory.BEHAVIORAL,
        InterviewType.TECHNICAL: QuestionCategory.TECHNICAL,
        InterviewType.SYSTEM_DESIGN: QuestionCategory.TECHNICAL,
        InterviewType.CASE_STUDY: QuestionCategory.PROBLEM_SOLVING,
        InterviewType.MIXED: QuestionCategory.BEHAVIORAL,
    }[kind]
    return ScoringInput(question=question, answer=answer, interview_type=kind, category=category, **extra)  # type: ignore[arg-type]


def score(
    question: str, answer: str, kind: InterviewType = InterviewType.BEHAVIORAL, **extra: object
) -> ScoreResult:
    return SCORER.score(item(question, answer, kind, **extra))


def flagged_weaker(
    flag: str, question: str, weak: str, strong: str, kind: InterviewType = InterviewType.BEHAVIORAL
) -> tuple[ScoreResult, ScoreResult]:
    """Score a weak and a strong answer to one question; ``flag`` marks the weak one and not the strong."""
    low, high = score(question, weak, kind), score(question, strong, kind)
    assert flag in low.flags and flag not in high.flags
    return low, high


def criterion(result: ScoreResult, name: str) -> int:
    return next(c.score for c in result.rubric if c.name == name)


def dim(result: ScoreResult, name: str) -> int:
    return result.dimensions[name].score


def with_fillers(text: str, every: int = 6) -> str:
    """``text`` with a filler word every few words, as a transcription would have them."""
    words = text.split()
    out: list[str] = []
    for i, word in enumerate(words):
        if i and i % every == 0:
            out.append(FILLERS[(i // every) % len(FILLERS)].strip())
        out.append(word)
    return " ".join(out)


GOOD = score(CONFLICT_Q, CONFLICT_GOOD)


# --- The contract -------------------------------------------------------------------------------------


def test_rule_scorer_implements_the_scorer_protocol() -> None:
    assert isinstance(SCORER, Scorer)
    assert SCORER.name == "rule"


def test_result_has_the_spec_dimensions_rubric_grade_and_engine() -> None:
    assert set(GOOD.dimensions) == set(DIMENSIONS)
    assert all(0 <= d.score <= 100 and d.notes for d in GOOD.dimensions.values())
    assert GOOD.score == overall_from_dimensions({k: v.score for k, v in GOOD.dimensions.items()})
    assert GOOD.grade == letter_grade(GOOD.score)
    assert [(c.name, c.weight) for c in GOOD.rubric] == list(RUBRIC_CRITERIA[InterviewType.BEHAVIORAL])
    assert GOOD.engine == "rule" and GOOD.model is None
    assert GOOD.feedback and GOOD.strengths and GOOD.example_answer


@pytest.mark.parametrize(
    ("kind", "question", "answer"),
    [
        (InterviewType.TECHNICAL, INDEX_Q, INDEX_GOOD),
        (InterviewType.SYSTEM_DESIGN, URL_Q, URL_GOOD),
        (InterviewType.CASE_STUDY, CAFE_Q, CAFE_GOOD),
    ],
)
def test_each_type_uses_its_own_rubric(kind: InterviewType, question: str, answer: str) -> None:
    result = score(question, answer, kind)
    assert [(c.name, c.weight) for c in result.rubric] == list(RUBRIC_CRITERIA[kind])
    assert result.score >= 75, result.to_feedback_json()


def test_mixed_interview_resolves_the_rubric_by_category() -> None:
    mixed = ScoringInput(INDEX_Q, INDEX_GOOD, InterviewType.MIXED, QuestionCategory.TECHNICAL)
    assert [c.name for c in SCORER.score(mixed).rubric] == [
        n for n, _ in RUBRIC_CRITERIA[InterviewType.TECHNICAL]
    ]


def test_a_questions_own_valid_rubric_is_used() -> None:
    rubric = {"criteria": [{"name": "Situation", "weight": 0.5}, {"name": "Empathy", "weight": 0.5}]}
    result = SCORER.score(item(CONFLICT_Q, CONFLICT_GOOD, rubric=rubric))
    assert [(c.name, c.weight) for c in result.rubric] == [("Situation", 0.5), ("Empathy", 0.5)]
    assert all(0 <= c.score <= 100 for c in result.rubric)


def test_score_many_keeps_the_input_order() -> None:
    inputs = [item(CONFLICT_Q, CONFLICT_GOOD), item(CONFLICT_Q, ""), item(CONFLICT_Q, CONFLICT_SHORT)]
    assert [r.score for r in SCORER.score_many(inputs)] == [SCORER.score(i).score for i in inputs]


def test_feedback_json_round_trips() -> None:
    data = GOOD.to_feedback_json()
    assert {"overall", "grade", "rubric", "strengths", "improvements", "example_answer", "flags"} <= set(data)
    assert ScoreResult.from_feedback_json(GOOD.score, GOOD.feedback, data) == GOOD


def test_scoring_is_deterministic() -> None:
    again = RuleScorer().score(item(CONFLICT_Q, CONFLICT_GOOD))
    assert again == GOOD
    assert again.to_feedback_json() == GOOD.to_feedback_json()


_PROCESS_SCORE = """
import json, sys
from core.scoring.base import ScoringInput
from core.scoring.rule import RuleScorer
from db.enums import InterviewType, QuestionCategory
q, a = json.loads(sys.stdin.read())
r = RuleScorer().score(ScoringInput(question=q, answer=a, interview_type=InterviewType.BEHAVIORAL,
                                    category=QuestionCategory.COMMUNICATION))
print(json.dumps(r.to_feedback_json(), sort_keys=True))
"""


def test_scoring_is_the_same_in_every_process() -> None:
    # Python salts string hashes per process: nothing the feedback says may depend on set order. This
    # off-topic story (a dev-set answer) misses competencies its question names as phrases; the advice lists
    # them, and used to list them in a different order from one process to the next.
    with (ROOT / "assets" / "calibration" / "dev_a.jsonl").open(encoding="utf-8") as lines:
        case = next(row for row in map(json.loads, lines) if row["id"] == "a-040")
    question, answer = case["question"], case["answer"]
    outputs = {
        subprocess.run(
            [sys.executable, "-c", _PROCESS_SCORE],
            input=json.dumps([question, answer]),
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout
        for seed in (0, 3)
    }
    assert len(outputs) == 1, outputs


# --- Each dimension responds the right way -----------------------------------------------------------


def test_a_strong_complete_answer_scores_high() -> None:
    assert GOOD.score >= 80
    assert min(criterion(GOOD, n) for n in ("Situation", "Task", "Action", "Result")) >= 70


def test_removing_the_situation_lowers_situation() -> None:
    without = score(CONFLICT_Q, " ".join([CONFLICT_TASK, CONFLICT_ACTION, CONFLICT_RESULT]))
    assert criterion(without, "Situation") < criterion(GOOD, "Situation")


def test_a_concrete_result_raises_result_and_impact() -> None:
    story = " ".join([CONFLICT_SITUATION, CONFLICT_TASK, CONFLICT_ACTION])
    none = score(CONFLICT_Q, story)
    vague = score(CONFLICT_Q, f"{story} {CONFLICT_VAGUE_RESULT}")
    concrete = score(CONFLICT_Q, f"{story} {CONFLICT_RESULT}")
    assert criterion(none, "Result") < criterion(concrete, "Result")
    assert criterion(vague, "Result") < criterion(concrete, "Result")
    assert dim(none, "impact") < dim(vague, "impact") < dim(concrete, "impact")
    assert concrete.score > none.score


def test_naming_the_trade_offs_raises_trade_offs_and_impact() -> None:
    base = score(INDEX_Q, INDEX_SHALLOW, InterviewType.TECHNICAL)
    more = score(INDEX_Q, INDEX_SHALLOW + INDEX_TRADEOFF_SENTENCE, InterviewType.TECHNICAL)
    assert criterion(more, "Trade-offs") > criterion(base, "Trade-offs")
    assert dim(more, "impact") > dim(base, "impact")


def test_clarifying_requirements_raises_requirements() -> None:
    body = URL_GOOD.split(". ", 1)[1]
    without = score(URL_Q, body, InterviewType.SYSTEM_DESIGN)
    assert criterion(score(URL_Q, URL_GOOD, InterviewType.SYSTEM_DESIGN), "Requirements") > criterion(
        without, "Requirements"
    )


def test_a_case_answer_needs_framing_numbers_and_a_recommendation() -> None:
    good = score(CAFE_Q, CAFE_GOOD, InterviewType.CASE_STUDY)
    thin = score(CAFE_Q, CAFE_NO_RECOMMENDATION, InterviewType.CASE_STUDY)
    for name in ("Framing", "Quantification", "Recommendation"):
        assert criterion(good, name) > criterion(thin, name) + 30
    assert thin.score < good.score - 30


def test_a_depth_free_technical_answer_scores_lower() -> None:
    good = score(INDEX_Q, INDEX_GOOD, InterviewType.TECHNICAL)
    shallow = score(INDEX_Q, INDEX_SHALLOW, InterviewType.TECHNICAL)
    assert criterion(shallow, "Depth") < criterion(good, "Depth")
    assert shallow.score < good.score - 25


# --- Tricky answers land where they should ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "question", "answer", "kind", "max_score", "flag"),
    [
        ("off topic story", CONFLICT_Q, CONFLICT_OFF_TOPIC, InterviewType.BEHAVIORAL, 60, "off_topic"),
        ("off topic technical", INDEX_Q, INDEX_OFF_TOPIC, InterviewType.TECHNICAL, 60, None),
        ("keyword stuffing", CONFLICT_Q, CONFLICT_STUFFED, InterviewType.BEHAVIORAL, 25, None),
        ("buzzwords", CONFLICT_Q, CONFLICT_BUZZ, InterviewType.BEHAVIORAL, 30, "buzzwords"),
        ("tech buzzwords", URL_Q, URL_BUZZ, InterviewType.SYSTEM_DESIGN, 35, "buzzwords"),
        ("meaningless numbers", CONFLICT_Q, CONFLICT_NUMBERS, InterviewType.BEHAVIORAL, 40, None),
        ("we not I", CONFLICT_Q, CONFLICT_WE, InterviewType.BEHAVIORAL, 55, "we_not_i"),
    ],
)
def test_tricky_answers_score_well_below_a_good_answer(
    name: str, question: str, answer: str, kind: InterviewType, max_score: int, flag: str | None
) -> None:
    good = {
        InterviewType.BEHAVIORAL: GOOD,
        InterviewType.TECHNICAL: score(INDEX_Q, INDEX_GOOD, InterviewType.TECHNICAL),
        InterviewType.SYSTEM_DESIGN: score(URL_Q, URL_GOOD, InterviewType.SYSTEM_DESIGN),
    }[kind]
    result = score(question, answer, kind)
    assert result.score <= max_score, (name, result.score, result.flags)
    assert result.score <= good.score - 25, name
    if flag:
        assert flag in result.flags, (name, result.flags)


def test_a_buzzword_the_question_asks_about_is_its_subject_not_empty_talk() -> None:
    question = "A client claims $50 million of annual synergies from an acquisition. How would you test that?"
    answer = (
        "I'd split the synergies into cost synergies and revenue synergies, because their certainty differs. "
        "Cost synergies come from procurement scale, duplicate finance teams and merged warehouses; I'd "
        "build them bottom-up by function and check them against comparable deals. Revenue synergies from "
        "cross-selling are less reliable, so I'd haircut them by half. Then timing: synergies ramp over two "
        "to three years and cost about one times the annual run-rate to achieve, in severance and systems "
        "work. Say $35 million of cost and $15 million of revenue synergies: after the haircut and 25% tax "
        "that is about $32 million a year, worth roughly $270 million net of costs at a 10% rate. If the "
        "premium paid is $350 million, the client is paying away more than the synergies are worth."
    )
    result = score(question, answer, InterviewType.CASE_STUDY)
    assert "buzzwords" not in result.flags
    assert result.score >= 65
    # The same words in an answer to a question that does not use them are still buzzwords.
    hype = score(question, CONFLICT_BUZZ, InterviewType.CASE_STUDY)
    assert hype.score <= 30


def test_an_off_topic_answer_loses_relevance_however_polished() -> None:
    off = score(CONFLICT_Q, CONFLICT_OFF_TOPIC)
    assert dim(off, "relevance") < dim(GOOD, "relevance") - 40
    assert "does not seem to answer the question" in off.feedback


def test_the_off_topic_advice_names_each_missed_word_once() -> None:
    # "high-stakes" gives two stems; the advice names the word the candidate saw once.
    question = "Tell me about a high-stakes decision you had to make with incomplete information."
    answer = (
        "Last spring our warehouse night shift kept missing the 6 a.m. truck cutoff. I was the shift lead. I "
        "timed every step for a week and found pickers waited 20 minutes for replenishment, so I moved "
        "replenishment to the start of the shift and rebuilt the pick paths by zone. On-time dispatch rose "
        "from 88% to 97%."
    )
    result = score(question, answer)
    assert "off_topic" in result.flags
    assert "it never gets to 'high-stakes', 'decision' and 'incomplete'" in result.feedback


PROUD_STORY = (
    "One of the things I'm proudest of is the spring science fair I ran last year. The school had not held "
    "one since 2019, and I had a budget of 300 pounds. I recruited six parent volunteers, set up judging "
    "with two engineers from the local water company, and built a timetable so every class could visit "
    "during lessons. 41 projects were entered, and the head asked me to make it an annual event."
)


def test_a_proud_story_chosen_for_another_question_is_off_topic() -> None:
    # The opening announces a prepared success story and it never gets to the conversation that went badly.
    question = "Tell me about a conversation with a parent that went badly. What did you do afterwards?"
    result = score(question, PROUD_STORY)
    assert "off_topic" in result.flags and result.score <= 40
    assert "something you are proud of" in result.feedback and "'went badly'" in result.feedback
    # The same opening is the answer when the question asks for an achievement.
    asked = score("Tell me about an achievement at school you are proud of.", PROUD_STORY)
    assert "off_topic" not in asked.flags and asked.score >= result.score + 25
    # A proud opening that leads into the asked-for setback is no pivot.
    setback = (
        "I'm proud of most parents' evenings, but one in March went badly. A father was angry that his son "
        "had been moved down a maths set and said I had never told him; he was right, my email had gone to "
        "an old address. I apologised, showed him the test scores and agreed a review after six weeks. I "
        "now check contact details every September, and his son moved back up in May."
    )
    told = score(question, setback)
    assert "off_topic" not in told.flags and told.score >= 60


def test_a_short_complete_precise_answer_can_score_well() -> None:
    short = score(CONFLICT_Q, CONFLICT_SHORT)
    assert len(CONFLICT_SHORT.split()) < 45
    assert short.score >= 65
    assert "too_short" not in short.flags


def test_an_answer_with_nothing_concrete_is_poor_however_fluent() -> None:
    question = "Tell me about a time you disagreed with your manager about a deadline. How did you handle it?"
    platitudes = (
        "There was a time when I disagreed with my manager about a deadline. It's important to handle "
        "disagreements with managers professionally, because the project is what matters most. I handled "
        "it by addressing the disagreement and making sure the deadline was appropriate for the project. "
        "Disagreeing with a manager can be difficult, but handling it well is part of being a good lead."
    )
    told = (
        "In March my manager committed us to shipping the billing export in two weeks. I estimated four: "
        "the tax rules for Germany alone needed a week of tests. I showed her the breakdown in our 1:1 and "
        "offered two options, ship the UK and France formats in two weeks or all five in four. She took the "
        "first, we shipped on 14 March, and Germany followed ten days later with no defects."
    )
    vague, concrete = flagged_weaker("no_detail", question, platitudes, told)
    assert vague.score <= 30 < concrete.score - 30
    assert "stays general" in vague.feedback
    # Its own advice replaces the story advice: there is no scene to set and no outcome to add to.
    assert "Your story stops at" not in vague.feedback and "You open with" not in vague.feedback


def test_transcript_fillers_cost_only_a_little() -> None:
    spoken = score(CONFLICT_Q, with_fillers(CONFLICT_GOOD), transcript=True)
    assert GOOD.score - 8 <= spoken.score <= GOOD.score
    typed_fillers = score(CONFLICT_Q, with_fillers(CONFLICT_GOOD))
    assert GOOD.score - 10 <= typed_fillers.score <= spoken.score


def test_meaningless_numbers_do_not_count_as_a_result() -> None:
    result = score(CONFLICT_Q, CONFLICT_NUMBERS)
    assert dim(result, "specificity") < dim(GOOD, "specificity") - 30
    assert any(flag in result.flags for flag in ("vague_numbers", "unsupported_numbers"))


# --- Nothing to judge: near 0 with a plain message ---------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "flag"),
    [
        ("", "empty"),
        ("   \n\t  ", "empty"),
        ("?!... --", "empty"),
        ("asdkfj qwoeiru zxcmvn lkjasd fqwpoeiru", "gibberish"),
        ("blah blah blah blah blah blah blah blah", "gibberish"),
        ("Purple the spoon because ocean triangle the. Window carpet elevator sideways banana.", "gibberish"),
        (CONFLICT_RESTATED, "restates_question"),
        ("这是一个关于冲突的回答，我们解决了问题。", "gibberish"),
    ],
)
def test_nothing_to_judge_scores_near_zero_with_a_plain_message(answer: str, flag: str) -> None:
    result = score(CONFLICT_Q, answer)
    assert result.score <= 10
    assert flag in result.flags
    assert result.feedback and "Traceback" not in result.feedback
    assert result.grade == "F"


# --- Feedback and the example answer -----------------------------------------------------------------


def _quotes(text: str) -> list[str]:
    return re.findall(r'"([^"]{4,})"', text)


def test_feedback_quotes_the_answer_itself() -> None:
    for result, answer in (
        (score(CONFLICT_Q, CONFLICT_WE), CONFLICT_WE),
        (
            score(CONFLICT_Q, " ".join([CONFLICT_SITUATION, CONFLICT_ACTION])),
            CONFLICT_SITUATION + CONFLICT_ACTION,
        ),
        (GOOD, CONFLICT_GOOD),
    ):
        quoted = [
            q.rstrip(" .")
            for q in _quotes(" ".join([result.feedback, *result.strengths, *result.improvements]))
        ]
        assert any(q.replace(" ...", "") in answer for q in quoted), (result.feedback, quoted)


def test_we_not_i_feedback_names_the_we() -> None:
    result = score(CONFLICT_Q, CONFLICT_WE)
    text = " ".join(result.improvements)
    assert 'You say "We' in text and "personally" in text


def test_a_missing_result_is_called_out() -> None:
    result = score(CONFLICT_Q, " ".join([CONFLICT_SITUATION, CONFLICT_TASK, CONFLICT_ACTION]))
    assert any("outcome" in text for text in result.improvements)


def test_example_answer_reuses_the_candidates_material_and_marks_gaps() -> None:
    story = " ".join([CONFLICT_SITUATION, CONFLICT_ACTION])
    example = score(CONFLICT_Q, story).example_answer
    assert CONFLICT_SITUATION in example
    assert "I asked him for fifteen minutes" in example
    assert example.index("Situation:") < example.index("Action:") < example.index("Result:")
    assert "[Add:" in example.split("Result:", 1)[1]


def test_example_answer_fills_gaps_from_the_sample_answer() -> None:
    sample = (
        "Last year a colleague and I disagreed about a release. I was the release owner. I set up a call and "
        "proposed a staged rollout. As a result we shipped on time and incidents fell by half."
    )
    story = " ".join([CONFLICT_SITUATION, CONFLICT_ACTION])
    example = SCORER.score(item(CONFLICT_Q, story, sample_answer=sample)).example_answer
    assert CONFLICT_SITUATION in example
    assert "incidents fell by half" in example


def test_without_usable_material_the_example_is_the_sample_or_a_template() -> None:
    assert (
        SCORER.score(item(CONFLICT_Q, "", sample_answer="A model answer.")).example_answer
        == "A model answer."
    )
    template = score(URL_Q, "", InterviewType.SYSTEM_DESIGN).example_answer
    for section in ("Requirements:", "High-level design:", "Deep dive:", "Scaling:", "Trade-offs:"):
        assert section in template


def test_strengths_and_improvements_are_lists_of_sentences() -> None:
    weak = score(CONFLICT_Q, CONFLICT_WE)
    assert weak.improvements and all(isinstance(t, str) and t for t in weak.improvements)
    assert len(GOOD.strengths) >= 2


def test_overtime_is_flagged() -> None:
    result = SCORER.score(item(CONFLICT_Q, CONFLICT_GOOD, duration_ms=200_000, time_limit_s=120))
    assert "overtime" in result.flags
    assert any("limit" in text for text in result.improvements)


# --- Any text: 0-100, deterministic, fast enough ------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(answer=st.text(), question=st.text(max_size=200))
def test_any_text_scores_within_bounds_deterministically(answer: str, question: str) -> None:
    first = SCORER.score(item(question or CONFLICT_Q, answer))
    second = SCORER.score(item(question or CONFLICT_Q, answer))
    assert 0 <= first.score <= 100
    assert all(0 <= d.score <= 100 for d in first.dimensions.values())
    assert all(0 <= c.score <= 100 for c in first.rubric)
    assert first == second


@settings(max_examples=60, deadline=None)
@given(
    answer=st.lists(
        st.sampled_from(CONFLICT_GOOD.split() + ["um", "😀", "\x00", "\u202e", "2024", "$5k"]), max_size=120
    )
)
def test_shuffled_real_words_stay_in_bounds(answer: list[str]) -> None:
    for kind in (
        InterviewType.BEHAVIORAL,
        InterviewType.TECHNICAL,
        InterviewType.SYSTEM_DESIGN,
        InterviewType.CASE_STUDY,
    ):
        result = score(CONFLICT_Q, " ".join(answer), kind)
        assert 0 <= result.score <= 100


def test_huge_unicode_and_control_character_input_is_handled() -> None:
    huge = (CONFLICT_GOOD + " \x00\x07 café naïve 😀 \u200b ") * 400
    start = time.perf_counter()
    result = score(CONFLICT_Q, huge)
    assert time.perf_counter() - start < 2.0
    assert 0 <= result.score <= 100
    assert (
        "rambl" in result.dimensions["communication"].notes
        or "long" in result.dimensions["communication"].notes
    )


@settings(max_examples=80, deadline=None)
@given(
    answer=st.text(max_size=400),
    sample=st.one_of(st.none(), st.text(max_size=300)),
    key_points=st.lists(st.one_of(st.text(max_size=40), st.integers()), max_size=4),
    hints=st.lists(st.text(max_size=40), max_size=3),
    kind=st.sampled_from(list(InterviewType)),
    category=st.sampled_from(list(QuestionCategory)),
    duration_ms=st.one_of(st.none(), st.integers(0, 10**7)),
    time_limit_s=st.one_of(st.none(), st.integers(0, 1000)),
)
def test_any_question_metadata_is_handled(
    answer: str,
    sample: str | None,
    key_points: list[object],
    hints: list[str],
    kind: InterviewType,
    category: QuestionCategory,
    duration_ms: int | None,
    time_limit_s: int | None,
) -> None:
    result = SCORER.score(
        ScoringInput(
            CONFLICT_Q,
            answer,
            kind,
            category,
            rubric={"key_points": key_points, "criteria": [{"name": "Odd", "weight": "x"}]},
            sample_answer=sample,
            hints=tuple(hints),
            duration_ms=duration_ms,
            time_limit_s=time_limit_s,
            transcript=True,
        )
    )
    assert 0 <= result.score <= 100
    assert ScoreResult.from_feedback_json(result.score, result.feedback, result.to_feedback_json()) == result


# --- Focal concepts: an answer to another question is off topic however polished ----------------------

MENTOR_Q = "Tell me about a time you mentored or onboarded a new colleague."
MENTOR_PARAPHRASE = (
    "Last year at a payments startup, Priya joined as our first graduate engineer and I volunteered to be "
    "her point of contact. When Priya started, I paired with her for two weeks, walked her through our "
    "deploy process and reviewed her first pull requests line by line. I set up a short call every Friday "
    "to go over what had confused her that week, and I gave her a small, real bug to own end to end. "
    "By her sixth week she shipped a fix to the refund flow on her own, and she now runs our release "
    "checklist. I learned to explain the why behind our conventions, not just the rules."
)
SALES_STORY = (
    "Last year I closed the biggest contract in my territory, a 400-bed hospital that had bought from a "
    "competitor for ten years. I spent three months building relationships, ran in-service training on "
    "our infusion pumps for the ward staff and learned that the nurse educators influenced the decision "
    "more than procurement. I organised a two-week trial on two wards and covered the early shifts "
    "myself. Their feedback scores were far higher than for the old pumps, and we won a $2.4 million, "
    "five-year deal, the largest in my region that year. It taught me that persistence beats price."
)
PRIORITY_Q = "Describe a situation where you had to say no to a request from your manager."
HASH_Q = "How does consistent hashing help when adding nodes to a distributed cache, and what are its limits?"
HASH_ON_TOPIC = (
    "Consistent hashing places both nodes and keys on a ring, and each key belongs to the next node "
    "clockwise. When you add a node, only the keys between it and its predecessor move, roughly 1/n of "
    "them, instead of almost every key as with hash modulo n. Virtual nodes, say 100 points per server, "
    "smooth out the load because one physical node owns many small arcs. The limits: hot keys still land "
    "on one node, so you need replication or key splitting, and the ring membership must be agreed, for "
    "example through a coordination service, or clients route to different owners."
)
HASH_OFF_TOPIC = (
    "When I think about distributed systems the key piece is the deployment pipeline. We build container "
    "images in CI, run unit and integration tests, then roll out with a canary: 5% of pods get the new "
    "version while we watch error rates and p99 latency in Grafana. If the error budget burns faster "
    "than expected, Argo rolls back automatically. Blue-green deploys are an alternative when you need "
    "an instant switch, at the cost of double capacity during the release. Feature flags let us decouple "
    "deploys from releases, which removed most of our late-night rollbacks."
)


def test_an_off_topic_star_story_is_capped_low() -> None:
    result = score(MENTOR_Q, SALES_STORY)
    assert result.score <= 40 and "off_topic" in result.flags
    assert score(MENTOR_Q, MENTOR_PARAPHRASE).score - result.score >= 30


def test_an_on_topic_answer_that_paraphrases_the_question_is_not_capped() -> None:
    result = score(MENTOR_Q, MENTOR_PARAPHRASE)
    assert result.score >= 60 and "off_topic" not in result.flags


def test_a_refusal_story_engages_a_say_no_question_without_its_words() -> None:
    on_topic = (
        "In my last role my manager asked me to take over the quarterly vendor audit two weeks before our "
        "warehouse migration. I declined: I showed her the migration plan, explained that both would slip, "
        "and offered to hand the audit to Tom with my notes from last year. She agreed, Tom finished the "
        "audit on time and the migration went live on the planned weekend with no lost orders."
    )
    assert score(PRIORITY_Q, on_topic).score >= 55
    assert score(PRIORITY_Q, SALES_STORY).score <= 40


def test_an_off_topic_technical_answer_is_capped_low() -> None:
    on_topic = score(HASH_Q, HASH_ON_TOPIC, InterviewType.TECHNICAL)
    off_topic = score(HASH_Q, HASH_OFF_TOPIC, InterviewType.TECHNICAL)
    assert off_topic.score <= 30 and "off_topic" in off_topic.flags
    assert on_topic.score >= off_topic.score + 25 and "off_topic" not in on_topic.flags


def test_parroting_the_question_in_the_last_sentence_does_not_count() -> None:
    parrot = HASH_OFF_TOPIC + " So overall, consistent hashing is what keeps a distributed cache fast."
    assert score(HASH_Q, parrot, InterviewType.TECHNICAL).score <= 30


def test_the_off_topic_message_names_what_was_asked() -> None:
    result = score(MENTOR_Q, SALES_STORY)
    assert "does not seem to answer the question" in result.feedback.lower() or any(
        "does not seem to answer the question" in s.lower() for s in result.improvements
    )


def test_habit_and_motivation_questions_are_not_judged_as_one_past_story() -> None:
    question = "How do you keep a support team motivated through a long peak season?"
    practices = (
        "I plan the rota six weeks ahead so everyone gets at least one full weekend off, and I take the "
        "worst late shifts myself. I always share the daily customer-satisfaction comments in our morning "
        "huddle so people see the effect of their work, and I rotate people off the phones for an hour a day "
        "to handle email. Last peak nobody left the team, and our satisfaction score held at 91 percent."
    )
    result = score(question, practices)
    criteria = {c.name: c.score for c in result.rubric}
    assert criteria["Situation"] >= 50 and criteria["Task"] >= 50, criteria  # not asked for one episode
    assert result.score >= 50 and "off_topic" not in result.flags
    assert asks_for_story("Tell me about a time you motivated a tired team.")
    assert not asks_for_story(question)
    assert not asks_for_story("Why do you want to work for a local newsroom?")


INDEX_Q = "Explain database indexing. When can adding an index make things worse?"
INDEX_QUALIFIED = (
    "An index is a separate sorted structure, usually a B-tree, that maps column values to row locations, "
    "so a lookup reads a few pages instead of scanning the table. It helps selective queries on that "
    "column. It can make things worse on write-heavy tables, because every insert and update must also "
    "maintain the index, and it costs disk and memory. If the column has few distinct values the planner "
    "often ignores it, unless the query is covered by the index."
)
INDEX_SWEEPING = (
    "An index is a separate sorted structure that maps column values to rows. Indexes basically always make "
    "everything faster, so you should just index every column. The database automatically picks the best "
    "one and there is no downside at all. It is completely straightforward and guaranteed to speed up any "
    "query instantly, so adding an index never makes things worse."
)


def test_sweeping_unqualified_claims_cost_a_technical_answer() -> None:
    sweeping, qualified = flagged_weaker(
        "overclaiming", INDEX_Q, INDEX_SWEEPING, INDEX_QUALIFIED, InterviewType.TECHNICAL
    )
    assert qualified.score >= sweeping.score + 20
    advice = " ".join(sweeping.improvements)
    assert "Sweeping claims" in advice and "basically always" in advice  # quotes the answer's own words


def test_habits_in_a_story_are_not_taken_for_sweeping_claims() -> None:
    story = CONFLICT_GOOD + " I always agree test scope up front now, and I never skip the smoke tests."
    assert "overclaiming" not in score(CONFLICT_Q, story).flags


def test_a_scenario_question_is_answered_by_actions_not_by_naming_its_subject() -> None:
    question = "What would you do if an API endpoint that usually responds in 50 ms started taking 2 s?"
    actions = (
        "First I'd check the dashboards to see when it began and whether it lines up with a deploy; if it "
        "does, roll back and investigate after. If not, I'd pull traces for the slow calls to see where the "
        "time goes: a database query, a downstream call, or garbage collection. A missing index after a "
        "migration is a common cause, so I'd check the query plans, then fix and watch p95 recover."
    )
    result = score(question, actions, InterviewType.TECHNICAL)
    assert "off_topic" not in result.flags and result.score >= 50


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        (
            "What is the practical difference for a small charity between a restricted and an unrestricted "
            "grant?",
            "A restricted grant can only be spent on the purpose the funder named, such as a youth worker "
            "salary, and we must report against it and often return any underspend. An unrestricted grant "
            "can cover any cost, including rent, audit fees and reserves, so it keeps the lights on between "
            "projects.",
        ),
        (
            "Design a pipeline to ingest hourly readings from 50,000 river-level sensors, used for flood "
            "warnings and for monthly reports.",
            "Sensors post readings over MQTT to a broker; a small consumer validates each reading, drops "
            "duplicates by sensor and timestamp, and writes to a time-series table partitioned by day. Flood "
            "rules run on the stream: two readings above the warning level within an hour raise an alert. "
            "Monthly reports read a nightly rollup, and late readings are merged in for up to seven days.",
        ),
        (
            "Design the backend for a library hold and reservation system across 12 branches.",
            "Requirements first: about 400,000 items and a few thousand holds a day, so one PostgreSQL "
            "primary with a replica is plenty. Tables for items, copies, patrons and holds; a hold queue per "
            "title ordered by request time. When a copy is returned, a transaction locks the next hold row, "
            "assigns the copy and writes a notification to an outbox table, so two branches cannot grab the "
            "same copy. Trade-off: a strict global queue is fair but slow for patrons far from the copy; I'd "
            "prefer the nearest branch within a day of the head of the queue.",
        ),
        (
            "Design the end-to-end process for tenants reporting repairs and contractors completing them.",
            "Tenants report through a web form or the phone line; each report gets a reference, a photo and "
            "a priority: emergency within 24 hours, urgent within 5 days, routine within 28. A scheduler "
            "assigns contractors by trade and area, the contractor books a slot by text, and marks the job "
            "done with a photo. The tenant confirms or reopens it, and we audit 5% of jobs every month.",
        ),
    ],
)
def test_a_qualifier_or_container_word_is_not_the_subject(question: str, answer: str) -> None:
    # "practical" and "end-to-end" qualify what is asked, and "backend", "pipeline" or "process" only hold
    # it: an answer need not repeat them to be on topic.
    kind = InterviewType.SYSTEM_DESIGN if question.startswith("Design") else InterviewType.TECHNICAL
    result = score(question, answer, kind)
    assert "off_topic" not in result.flags and result.score >= 50


def test_code_keywords_in_capitals_are_what_the_question_asks_about() -> None:
    # "WHERE" and "HAVING" are stopwords in prose; in capitals they are the question's subject.
    question = "In SQL, what's the difference between WHERE and HAVING?"
    precise = (
        "WHERE filters rows before grouping, so it cannot use aggregates; HAVING filters groups after GROUP "
        "BY, so it can. For example, WHERE status = 'paid' keeps paid orders, then GROUP BY customer_id "
        "HAVING SUM(total) > 1000 keeps customers who spent over 1,000. Filtering in WHERE is cheaper."
    )
    other = (
        "SQL joins combine tables: an inner join keeps matching rows, a left join keeps every row of the "
        "left table with nulls for missing matches, and a full outer join keeps both sides. For example, "
        "orders left join customers shows orders even for deleted customers."
    )
    on, off = (
        score(question, precise, InterviewType.TECHNICAL),
        score(question, other, InterviewType.TECHNICAL),
    )
    assert dim(on, "relevance") >= dim(off, "relevance") + 10
    assert on.score > off.score


def test_a_worked_estimate_is_not_a_dump_of_numbers() -> None:
    question = "Estimate the annual market for electric bikes in Germany."
    estimate = (
        "Germany has about 84 million people. Germans buy around 4 to 5 million bikes a year and e-bikes are "
        "roughly half of that, so call it 2 million e-bikes. At an average price near 2,800 euros that is "
        "about 5.6 billion euros a year. As a check, if 10% of 42 million households own one and replace it "
        "every seven years, that gives far fewer, so I'd flag my penetration assumption and recommend "
        "validating it with industry sales data before using 5 to 6 billion."
    )
    result = score(question, estimate, InterviewType.CASE_STUDY)
    assert "unsupported_numbers" not in result.flags and result.score >= 55


def test_a_worked_calculation_and_measured_thresholds_are_not_a_dump_of_numbers() -> None:
    walk = (
        "Income statement: depreciation up 10, so operating income falls by 10; at 25% tax, taxes fall by "
        "2.5, so net income falls by 7.5. Cash flow: net income is down 7.5, but depreciation is non-cash "
        "so you add back 10, and cash from operations is up 2.5. Balance sheet: cash up 2.5, PP&E down 10, "
        "so assets are down 7.5, matched by retained earnings down 7.5."
    )
    question = "Walk me through how a $10 increase in depreciation flows through the three statements."
    assert "unsupported_numbers" not in score(question, walk, InterviewType.TECHNICAL).flags
    holding = (
        "Hot-hold at 135°F (57°C) or above, cold-hold at 41°F (5°C) or below. Cool from 135°F to 70°F within "
        "2 hours, then to 41°F within the next 4 hours, using shallow pans and an ice bath."
    )
    question = "What are the safe hot- and cold-holding temperatures, and how would you cool a pot of stock?"
    assert "unsupported_numbers" not in score(question, holding, InterviewType.TECHNICAL).flags
    invented = (
        "I'd run it with a WACC of 8.7% and terminal growth of 3.2%. Revenue grows 14% with 22.5% margins, "
        "so the value is $2.4 billion, 11.6x EBITDA. I'm 93% confident, and the upside is 18%."
    )
    question = "Walk me through valuing a company with a DCF."
    assert "unsupported_numbers" in score(question, invented, InterviewType.TECHNICAL).flags


CALM_Q = "Tell me about a time you had to calm down an angry customer at the counter."
CALM_HABIT = (
    "With angry customers I always stay calm and let them talk first, because people need to feel heard. I "
    "make sure I don't take it personally and I keep my voice low. Then I would repeat back the problem so "
    "they know I understand, and offer a concrete fix, like a refund or a replacement, within my authority. "
    "If it is beyond what I can do, I call the duty manager rather than promising something I can't deliver. "
    "Usually people calm down once they see someone is actually dealing with it."
)
CALM_STORY = (
    "Last December a customer came to our counter shouting because his repaired laptop had been sent to the "
    "wrong branch, two days before he flew abroad. I let him talk first and kept my voice low, then repeated "
    "back what had gone wrong so he knew I understood. I called the other branch, found the laptop, and "
    "booked a courier at our cost so it reached him the next morning. I also gave him a 20% voucher, within "
    "my authority. He thanked me, and the complaint he had threatened never came."
)


def test_habits_instead_of_the_occasion_asked_for_score_low_and_are_told_so() -> None:
    habit, story = flagged_weaker("no_episode", CALM_Q, CALM_HABIT, CALM_STORY)
    assert habit.score <= 45 and story.score >= habit.score + 25
    assert "pick one time it happened" in " ".join(habit.improvements)
    assert not any(tip.startswith("Your story stops at") for tip in habit.improvements)


def test_habits_are_the_answer_when_the_question_asks_for_them() -> None:
    practice = score("How do you keep yourself calm when a customer is shouting at you?", CALM_HABIT)
    assert "no_episode" not in practice.flags and practice.score >= 55


ORDERS_DROP_Q = (
    "Online orders at our bakery chain fell 25% in the month after we moved to a new ordering app. "
    "How would you figure out what went wrong?"
)
APP_PLAN = (
    "Great apps start with customers. I'd run interviews with regular customers to understand their "
    "jobs to be done, then build low-fidelity prototypes and test them with eight to ten people per "
    "round until task completion is high. Before relaunch I'd roll the new version out to 10% of "
    "stores behind a feature flag, set success metrics like orders per customer, and prepare in-store "
    "posters and an email campaign so customers know where things moved. I'd also offer a 10% "
    "discount code to win back lapsed customers."
)
APP_DIAGNOSIS = (
    "First I'd check the drop is real: is tracking in the new app counting orders the same way as the "
    "old one, and did store sales rise to compensate? Then I'd split the fall by store, device, new "
    "versus returning customers and funnel step, and compare with the same month last year to rule "
    "out seasonality. If returning customers on one platform stall at login or payment, the cause is "
    "likely the migration, for example saved cards or accounts not carried over; I'd confirm it with "
    "the error logs and a few calls to lapsed regulars. Once the cause is pinned down, I'd fix that "
    "step first and watch the daily orders recover."
)


def test_a_plan_in_answer_to_what_went_wrong_scores_below_a_diagnosis_and_is_told_so() -> None:
    plan, diagnosis = flagged_weaker(
        "no_diagnosis", ORDERS_DROP_Q, APP_PLAN, APP_DIAGNOSIS, InterviewType.CASE_STUDY
    )
    assert diagnosis.score >= plan.score + 20
    assert "asks what went wrong" in " ".join(plan.improvements)


def test_a_plan_is_not_marked_down_when_the_question_asks_for_a_decision() -> None:
    question = "Should our bakery chain launch its own ordering app next year? Walk me through your decision."
    result = score(question, APP_PLAN, InterviewType.CASE_STUDY)
    assert "no_diagnosis" not in result.flags and result.score >= 60


def test_invented_figures_that_add_up_by_chance_are_still_a_dump_of_numbers() -> None:
    # "10/20/30" is a list, not a division, and no figure is announced as the result of others: the
    # chance sums among many made-up numbers must not pass for worked arithmetic.
    question = (
        "Our physiotherapy clinic is full on weekday evenings but half empty on weekday mornings. "
        "What would you do?"
    )
    invented = (
        "I'd apply a four-step growth framework. First, I'd target a 31% lift in morning bookings using a "
        "3.5x demand multiplier that typically converts at 64% in clinics like ours. Second, a 10/20/30 "
        "discount ladder improves fill by 1.5 points a week, so within 12 weeks we'd be at 81%. Third, I'd "
        "move 25% of the marketing budget to channels with a 2.2 ROI index. Overall this delivers a 17% "
        "margin gain at a 92% confidence level."
    )
    result = score(question, invented, InterviewType.CASE_STUDY)
    assert "unsupported_numbers" in result.flags and result.score <= 35


def test_a_share_written_with_a_slash_is_not_a_division_worked_out() -> None:
    question = "Returns at our online shoe store rose from 18% to 26% this year. How would you approach it?"
    invented = (
        "I'd run a 4-step, 80/20 approach with 24/7 monitoring. At my last retailer I cut returns by 38% and "
        "lifted repeat purchases by 22 points, a 4.1x ROI in 60 days. Here I'd target a 50% cut in the first "
        "quarter with 9 workshops, 3 sprints and 12 KPIs, aiming at a 97% fit-accuracy score by month 4."
    )
    result = score(question, invented, InterviewType.CASE_STUDY)
    assert "unsupported_numbers" in result.flags and result.score <= 35
    # A real division among the same figures is arithmetic, and the answer is not a dump of numbers.
    worked = invented.replace(
        "a 4.1x ROI in 60 days", "so 2,400/600 = 4 returns saved per order batch, a 4.1x ROI in 60 days"
    )
    assert "unsupported_numbers" not in score(question, worked, InterviewType.CASE_STUDY).flags


@pytest.mark.parametrize(
    ("text", "worked"),
    [
        ("The desk is staffed 24/7.", 0),  # at the end of a sentence too
        ("We split it 50/50, then reviewed.", 0),
        ("The 80/20 rule held.", 0),
        ("That is 2,400/600 = 4 per batch.", 1),
        ("A 1/3 share.", 1),  # a fraction worked out, not a split of 100
    ],
)
def test_arithmetic_counts_divisions_not_shares(text: str, worked: int) -> None:
    assert extract(analyse(text)).arithmetic == worked


PROBE_Q = (
    "In Kubernetes, what's the difference between a liveness probe failing and a readiness probe failing?"
)
PROBE_BOTH = (
    "When a liveness probe fails past its threshold, the kubelet kills the container and restarts it. When a "
    "readiness probe fails, nothing restarts: the pod is taken out of the Service endpoints and gets no "
    "traffic until it passes again. Use liveness for a process that is stuck, readiness for one that is "
    "warming up or briefly overloaded."
)
PROBE_ONE = (
    "When a liveness probe fails past its threshold, the kubelet kills the container and restarts it, and "
    "the restart count goes up. The kubelet runs the probe on the period you set, with an initial delay so "
    "a slow start is not killed. Use liveness for a process that is stuck and cannot recover by itself."
)


def test_explaining_each_side_of_a_comparison_counts_as_weighing_them() -> None:
    both = score(PROBE_Q, PROBE_BOTH, InterviewType.TECHNICAL)
    one = score(PROBE_Q, PROBE_ONE, InterviewType.TECHNICAL)
    trade = {r.name: r for r in both.rubric}["Trade-offs"]
    assert trade.score >= 70 and trade.notes == "contrasts each option"
    assert {r.name: r for r in one.rubric}["Trade-offs"].score <= trade.score - 30
    assert both.score >= one.score + 5
    # Speaking of one side only is half an answer to the question asked, not just a thin trade-off.
    assert one.dimensions["relevance"].score <= both.dimensions["relevance"].score - 15


@pytest.mark.parametrize(
    ("question", "sides"),
    [
        ("When would you use std::unique_ptr versus std::shared_ptr?", ({"uniqu"}, {"shar"})),
        ("What's the difference between a process and a thread?", ({"process"}, {"thread"})),
        ("REST vs GraphQL: which would you pick for a mobile app?", ({"rest"}, {"graphql"})),
        ("How does a B-tree index work?", ()),
    ],
)
def test_the_things_a_question_asks_to_compare_are_read_from_it(question: str, sides: object) -> None:
    assert tuple(set(s) for s in compared_sides(question)) == tuple(sides)  # type: ignore[arg-type]


def test_a_story_told_only_as_we_cannot_score_well_whatever_its_detail() -> None:
    ours, mine = flagged_weaker("we_not_i", CONFLICT_Q, CONFLICT_WE, CONFLICT_GOOD)
    assert ours.score <= 55 < mine.score


@pytest.mark.parametrize(
    ("question", "story"),
    [
        (
            "Describe a time you disagreed with a senior colleague's instructions. What did you do?",
            "On a night shift the registrar wrote up a potassium dose that looked wrong to me for a patient "
            "whose last result was already high. I didn't give it. I went back to him with the chart and "
            "said I wanted to double-check before it went in. He looked again, agreed it was meant for "
            "another patient and changed the order. Afterwards I asked pharmacy to add a result check to "
            "that order set, and it has caught two more since.",
        ),
        (
            "Tell me about a time you received critical feedback on your work.",
            "I'd written the quarterly board pack and my director said the risk section buried the one "
            "number the board needed. Honestly, my first reaction was defensive, because I had spent days on "
            "it. I slept on it, reread it as a trustee would and saw she had a fair point: the liquidity "
            "figure was on page nine. I rebuilt the pack around a one-page summary with that figure first, "
            "and the chair asked for the same layout in every pack since.",
        ),
        (
            "Describe a time you built trust with a young person who didn't want to engage with you.",
            "A fifteen-year-old lad was referred to our youth club after two exclusions and for weeks he "
            "wouldn't talk to me. I stopped asking about school and just turned up at the pool table every "
            "Thursday, and I always did what I said I would. After a month he started talking about his "
            "brother, and by the spring he asked me to come with him to his college interview.",
        ),
        (
            "Tell me about an experiment that kept failing. How did you work out why?",
            "My qPCR assay gave no amplification for three weeks while the housekeeping gene looked fine. "
            "Instead of ordering new primers again, I ran a positive control template and a no-template "
            "control side by side and changed one variable per run. The positive control was flat too, "
            "which pointed at the master mix: our shared aliquot had been thawed dozens of times. Fresh mix "
            "gave clean curves the next day, and I split the stock into single-use aliquots for the lab.",
        ),
    ],
)
def test_a_story_told_in_other_words_than_the_question_is_not_off_topic(question: str, story: str) -> None:
    result = score(question, story)
    assert "off_topic" not in result.flags and result.score >= 55, (result.score, result.flags)


def test_hesitation_sounds_mark_a_pasted_transcript_as_speech() -> None:
    flagged = score(CONFLICT_Q, with_fillers(CONFLICT_GOOD), transcript=True)
    unflagged = score(CONFLICT_Q, with_fillers(CONFLICT_GOOD))  # pasted in, not recorded: still speech
    assert dim(unflagged, "communication") == dim(flagged, "communication")
    likes = CONFLICT_GOOD.replace(". ", ", like, basically. ")  # typed verbal tics are not hesitations
    assert dim(score(CONFLICT_Q, likes), "communication") < dim(GOOD, "communication")


PAYMENT_Q = "Design a payment API that never charges a customer twice, even when the client retries."
PAYMENT_DESIGN = (
    "The client sends an idempotency key with every attempt, and the server inserts a row for that key in a "
    "payments table under a unique constraint before calling the card processor. If the insert fails, it is "
    "a retry, so we return the stored outcome instead of charging again; two concurrent requests cannot "
    "both win the insert. When the processor times out we do not know if the charge happened, so the row "
    "stays pending and a reconciliation job asks the processor by the same key before anyone retries. "
    "Keys expire after 24 hours, and a request that reuses a key with a different body is rejected."
)


def test_a_design_question_that_asks_no_scale_does_not_mark_scaling_as_missing() -> None:
    result = score(PAYMENT_Q, PAYMENT_DESIGN, InterviewType.SYSTEM_DESIGN)
    scalability = next(c for c in result.rubric if c.name == "Scalability")
    assert scalability.notes == "not asked; the deep dive stands in" and scalability.score >= 45
    assert result.score >= 60
    at_scale = score(PAYMENT_Q.replace("payment API", "payment API for 50 million users"), PAYMENT_DESIGN,
                     InterviewType.SYSTEM_DESIGN)  # fmt: skip
    assert next(c for c in at_scale.rubric if c.name == "Scalability").notes == "scaling not covered"


def test_a_diagnosis_question_is_answered_by_the_analysis_without_a_final_call() -> None:
    question = "Our app's week-one retention fell from 40% to 30% last month. How would you figure out why?"
    diagnosis = (
        "First I'd check the drop is real: did the retention event or its tracking change with a release? "
        "Then I'd split the new users by signup week, channel, platform and app version. If it sits in one "
        "version, I'd compare the onboarding funnel step by step for that version against the previous one, "
        "because a broken step would show as a sudden fall at one point. If it sits in one channel, a new "
        "campaign may be bringing lower-intent users, so the mix changed, not the product."
    )
    result = score(question, diagnosis, InterviewType.CASE_STUDY)
    recommendation = next(c for c in result.rubric if c.name == "Recommendation")
    assert recommendation.notes == "diagnosis asked; the analysis stands in" and result.score >= 55


def test_a_rate_limiter_design_in_its_own_terms_is_on_topic() -> None:
    design = (
        "Each API key gets a token bucket in Redis: 100 tokens a minute with bursts of 20. A Lua script "
        "refills and takes a token atomically on each request; with none left the gateway answers 429 with "
        "Retry-After. If Redis is down we fail open for paid tiers and fall back to a local bucket per node."
    )
    result = score("Design a rate limiter for our public API.", design, InterviewType.SYSTEM_DESIGN)
    assert "off_topic" not in result.flags and result.score >= 45


def test_acronyms_are_read_both_ways_but_not_guessed_from_ordinary_words() -> None:
    from core.scoring.acronyms import expand

    question = "What's the difference between Value at Risk and Expected Shortfall?"
    assert expand("VaR ignores the tail; ES averages it.", question) == (
        "VaR (Value at Risk) ignores the tail; ES (Expected Shortfall) averages it."
    )
    alara = expand("Keep doses as low as reasonably achievable.", "How do you apply ALARA on a ward?")
    assert alara == "Keep doses as low as reasonably achievable (ALARA)."
    assert expand("Our HR team and I set it up.", "How did you improve your team's hiring rate?") == (
        "Our HR team and I set it up."  # two letters and ordinary words: a coincidence, not an acronym
    )
    answer = (
        "VaR at 99% is the loss you exceed only 1% of the time and says nothing about how bad that 1% is. "
        "ES is the average loss beyond VaR, so it captures tail severity, and it is subadditive, which makes "
        "it a coherent risk measure; VaR is not, which is why Basel's FRTB moved to 97.5% ES."
    )
    result = score(question, answer, InterviewType.TECHNICAL)
    assert "off_topic" not in result.flags and result.score >= 55


@pytest.mark.parametrize(
    ("question", "answer", "misread_as"),
    [
        pytest.param(
            # Spelled out, "ULS" and "SLS" repeat the question's "limit state" a dozen times; as written they
            # are how an engineer talks, and the answer is correct and complete.
            "Explain the difference between ultimate limit state and serviceability limit state design, "
            "and how partial factors are applied.",
            "ULS is the collapse check and SLS is the check in use. At ULS we apply partial factors, "
            "typically 1.35 on permanent and 1.5 on variable loads, plus material factors; at SLS the "
            "factors are 1.0. ULS covers bending, shear and buckling; SLS covers deflection, cracking and "
            "vibration. ULS protects life, SLS protects function, and on long steel beams SLS often governs.",
            "keyword_stuffing",
            id="the question's acronyms used throughout",
        ),
        pytest.param(
            # "What does it mean for X to be Y": Y is what is asked; an answer about Y that calls X by other
            # words ("the previous version") answers the question.
            "What does it mean for a schema migration to be reversible, and how would you make a column "
            "rename reversible?",
            "It means you can roll it back to the previous version without losing data. For a rename I "
            "wouldn't rename in place: add the new column, backfill it, have the application write to both, "
            "switch reads over, and only drop the old column in a later release. Each step has a down step "
            "that undoes it, so rolling back is running the down steps in reverse order.",
            "off_topic",
            id="the property asked about is part of the subject",
        ),
    ],
)
def test_a_sound_technical_answer_is_not_misread_by_its_words(
    question: str, answer: str, misread_as: str
) -> None:
    result = score(question, answer, InterviewType.TECHNICAL)
    assert misread_as not in result.flags and result.score >= 60


def test_word_forms_share_one_stem() -> None:
    from core.scoring.text import stem

    assert stem("families") == stem("family") and stem("applied") == stem("apply") == stem("applies")
    assert stem("dying") == stem("died") == stem("die") and stem("lying") == stem("lie")
    assert stem("studies") == stem("study") and stem("priorities") == stem("priority")


def test_an_answer_engaging_nearly_all_the_question_is_on_topic_without_the_subjects_own_word() -> None:
    question = "Design the data model for sales reporting across 300 stores and our website."
    star = (
        "I'd build a star schema for the data. The fact table holds sales at transaction-line grain, one row "
        "per product "
        "per transaction, with quantity, net value, discount and cost so margin can be reported. Dimensions: "
        "date with the fiscal calendar, product, customer, and a channel dimension so the 300 stores and the "
        "website share one fact table. Returns go in their own fact table, and slowly changing product "
        "attributes are type 2, so past sales keep the category they were sold under."
    )
    result = score(question, star, InterviewType.SYSTEM_DESIGN)
    assert "off_topic" not in result.flags and result.score >= 50


@pytest.mark.parametrize("answer", [None, 12345, b"VaR", ["VaR", "ES"]])
def test_an_answer_that_is_not_text_is_scored_as_text_without_an_exception(answer: object) -> None:
    result = score("What's the difference between Value at Risk and Expected Shortfall?", answer,  # type: ignore[arg-type]
                   InterviewType.TECHNICAL)  # fmt: skip
    assert 0 <= result.score <= 10
