"""Offline scorer throughput: answers/second and p50/p95 latency on 300-word answers of several kinds.

``python -m bench scoring [--repeat N] [--words N]``. Target: at least 500 answers/second on one core.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import time

from bench.common import print_table, summary, time_calls
from core.scoring.base import ScoringInput
from core.scoring.rule import RuleScorer
from db.enums import InterviewType, QuestionCategory

TARGET_PER_S = 500.0

_BEHAVIORAL = (
    "Last spring at a regional logistics company, our night shift kept missing the 6 a.m. truck cutoff. "
    "I was the shift lead, so it was my job to get dispatch back on time without overtime. I timed every "
    "step for a week and found pickers waited 20 minutes for replenishment. I moved replenishment to the "
    "start of the shift, rebuilt the pick paths by zone, and trained two people to cover the packing bench. "
    "As a result on-time dispatch rose from 88% to 97% in six weeks and we cut overtime by 30 hours a month. "
)
_TECHNICAL = (
    "An index is a B-tree that keeps a column's values sorted with pointers to rows, so a lookup is "
    "O(log n) instead of a full scan. For example, an index on orders.customer_id turns a scan of 10 million "
    "rows into a few page reads. The trade-off is that every insert and update must also maintain the index, "
    "which slows writes and uses memory, so on write-heavy tables or low-selectivity columns it can hurt. "
)
_DESIGN = (
    "First I'd clarify requirements: 100 million new links a month, reads far above writes, and redirects "
    "under 50 ms. A stateless API behind a load balancer writes code to URL mappings in a key-value store, "
    "with a Redis cache for hot codes. Codes are base62 from counter ranges per server, so there are no "
    "collisions. To scale I'd shard by code hash and add read replicas; the trade-off is guessable codes. "
)
_CASE = (
    "I'd clarify the goal is profit, not revenue, and assume about 200 stores. Profit is revenue minus "
    "costs; revenue is price times volume by store and daypart. If bean costs rose 30% and beans are a "
    "quarter of costs, margin falls about 7.5 points. I'd compare with competitors, then recommend "
    "renegotiating supply and piloting a 5% price rise in 10 stores, watching weekly visits as the risk. "
)
_FILLERS = "so um I was like the shift lead and uh we had you know a problem with the trucks being late "
_STUFFED = "conflict coworker conflict resolution teamwork synergy leadership communication stakeholder "
_GIBBERISH = "asdkj qwoeiru zxcmvn lkjasd fqwpoeiru mnbv plok ijuh ygtf "

KINDS: tuple[tuple[str, InterviewType, QuestionCategory, str, str, bool], ...] = (
    ("behavioral STAR", InterviewType.BEHAVIORAL, QuestionCategory.BEHAVIORAL,
     "Tell me about a time you turned a team around.", _BEHAVIORAL, False),
    ("technical", InterviewType.TECHNICAL, QuestionCategory.TECHNICAL,
     "What is a database index, and when can adding one hurt performance?", _TECHNICAL, False),
    ("system design", InterviewType.SYSTEM_DESIGN, QuestionCategory.TECHNICAL,
     "Design a URL shortening service like bit.ly.", _DESIGN, False),
    ("case study", InterviewType.CASE_STUDY, QuestionCategory.PROBLEM_SOLVING,
     "A coffee chain's profits fell 20% last year. How would you find out why?", _CASE, False),
    ("transcript + fillers", InterviewType.BEHAVIORAL, QuestionCategory.BEHAVIORAL,
     "Tell me about a time deliveries kept arriving late.", _FILLERS, True),
    ("keyword stuffing", InterviewType.BEHAVIORAL, QuestionCategory.BEHAVIORAL,
     "Tell me about a conflict with a coworker.", _STUFFED, False),
    ("gibberish", InterviewType.BEHAVIORAL, QuestionCategory.BEHAVIORAL,
     "Tell me about a conflict with a coworker.", _GIBBERISH, False),
)  # fmt: skip


def _answer(seed: str, words: int) -> str:
    """``seed`` repeated to exactly ``words`` words."""
    return " ".join(itertools.islice(itertools.cycle(seed.split()), words))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench scoring", description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=300, help="scored answers per kind (default 300)")
    parser.add_argument("--words", type=int, default=300, help="answer length in words (default 300)")
    args = parser.parse_args(argv)
    scorer = RuleScorer()
    rows: list[list[object]] = []
    inputs: list[ScoringInput] = []
    for name, kind, category, question, seed, transcript in KINDS:
        item = ScoringInput(question, _answer(seed, args.words), kind, category, transcript=transcript)
        inputs.append(item)
        p50, p95, mean = summary(time_calls(functools.partial(scorer.score, item), args.repeat))
        rate = 1000.0 / mean if mean else float("inf")
        rows.append(
            [
                name,
                args.words,
                p50,
                p95,
                rate,
                f">= {TARGET_PER_S:.0f}/s",
                "ok" if rate >= TARGET_PER_S else "SLOW",
            ]
        )
    batch = inputs * max(1, args.repeat // len(inputs))
    best = float("inf")
    for _ in range(3):  # best of three: the machine may be busy with other work
        start = time.perf_counter()
        scorer.score_many(batch)
        best = min(best, time.perf_counter() - start)
    overall = len(batch) / best
    verdict = "ok" if overall >= TARGET_PER_S else "SLOW"
    rows.append(
        ["all kinds (score_many)", args.words, "-", "-", overall, f">= {TARGET_PER_S:.0f}/s", verdict]
    )
    print(f"RuleScorer on {args.words}-word answers, {args.repeat} runs per kind (one core)\n")
    print_table(["answers", "words", "p50 ms", "p95 ms", "answers/s", "target", "result"], rows)
    return 0 if overall >= TARGET_PER_S else 1
