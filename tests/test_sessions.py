"""Session lifecycle: start, list, transitions, completion, deletion, access refusals, query counts."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.dto import SessionAction, StartRequest
from core.errors import AccessDenied, InvalidInput, InvalidTransition, NotFound
from core.sessions import (
    delete_session,
    get_questions,
    get_session,
    list_sessions,
    score_session,
    start_session,
    submit_answer,
    update_session,
)
from core.stats import get_stats
from db.enums import InterviewStatus, InterviewType
from db.models import InterviewAnswer, InterviewQuestion, QuestionBank
from tests.fakes import (
    T0,
    FakeScorer,
    answer_at,
    count_queries,
    new_user,
    session_in,
    start_quick,
)

S = InterviewStatus
A = SessionAction


# ---- start and read -------------------------------------------------------------------------------


def test_start_matches_the_spec_response(bank: Session) -> None:
    user = new_user(bank)
    started = start_session(
        db=bank,
        user_id=user,
        now=T0,
        seed=1,
        request=StartRequest(type=InterviewType.BEHAVIORAL, question_count=5),
    )
    assert started.session.status is S.IN_PROGRESS and started.session.started_at == T0
    assert started.session.question_count == 5 and started.session.answered_count == 0
    assert started.session.total_score is None and started.seed == 1
    q = started.questions[0]
    assert q.order_index == 1 and q.hints and q.time_limit and q.answer is None
    detail = get_session(db=bank, user_id=user, session_id=started.session.id)
    assert detail.questions == started.questions
    assert detail.allowed_actions == (A.RESUME, A.COMPLETE, A.ABANDON)
    bank_rows = bank.scalars(
        select(QuestionBank).where(QuestionBank.id.in_([q.bank_id for q in started.questions]))
    )
    assert all(row.usage_count == 1 for row in bank_rows)
    assert get_stats(db=bank, user_id=user).total_sessions == 1


def test_list_sessions_newest_first_with_counts_and_paging(bank: Session) -> None:
    user, other = new_user(bank), new_user(bank, "eve")
    ids = [start_quick(bank, user) for _ in range(3)]
    start_quick(bank, other)
    answer_at(bank, user, ids[0], 0)
    page = list_sessions(db=bank, user_id=user, limit=2)
    assert page.total == 3 and len(page.items) == 2
    everything = list_sessions(db=bank, user_id=user).items
    assert {s.id for s in everything} == set(ids)
    first = next(s for s in everything if s.id == ids[0])
    assert (first.question_count, first.answered_count) == (3, 1)
    update_session(db=bank, user_id=user, session_id=ids[1], action="abandon")
    assert [s.id for s in list_sessions(db=bank, user_id=user, statuses=[S.ABANDONED]).items] == [ids[1]]
    with pytest.raises(InvalidInput, match="limit must be"):
        list_sessions(db=bank, user_id=user, limit=0)


# ---- transitions ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "action", "result"),
    [
        (S.PENDING, A.RESUME, S.IN_PROGRESS),
        (S.IN_PROGRESS, A.RESUME, S.IN_PROGRESS),
        (S.IN_PROGRESS, A.COMPLETE, S.COMPLETED),
        (S.IN_PROGRESS, A.ABANDON, S.ABANDONED),
    ],
)
def test_allowed_transitions(
    bank: Session, status: InterviewStatus, action: SessionAction, result: InterviewStatus
) -> None:
    user = new_user(bank)
    sid = session_in(bank, user, status)
    if action is A.COMPLETE:
        answer_at(bank, user, sid, 0)
    detail = update_session(db=bank, user_id=user, session_id=sid, action=action, scorer=FakeScorer(), now=T0)
    assert detail.summary.status is result
    if status is S.PENDING:
        assert detail.summary.started_at == T0
    if result is S.COMPLETED:
        assert detail.summary.completed_at == T0 and detail.summary.total_score == 80


@pytest.mark.parametrize(
    ("status", "action", "message"),
    [
        (S.PENDING, A.COMPLETE, "cannot complete this session: a PENDING session can only be started"),
        (S.PENDING, A.ABANDON, "cannot abandon this session: a PENDING session can only be started"),
        (S.COMPLETED, A.RESUME, "cannot resume this session: a COMPLETED session is final"),
        (S.COMPLETED, A.COMPLETE, "cannot complete this session: a COMPLETED session is final"),
        (S.COMPLETED, A.ABANDON, "cannot abandon this session: a COMPLETED session is final"),
        (S.ABANDONED, A.RESUME, "cannot resume this session: an ABANDONED session is final"),
        (S.ABANDONED, A.COMPLETE, "cannot complete this session: an ABANDONED session is final"),
        (S.ABANDONED, A.ABANDON, "cannot abandon this session: an ABANDONED session is final"),
    ],
)
def test_refused_transitions(
    bank: Session, status: InterviewStatus, action: SessionAction, message: str
) -> None:
    user = new_user(bank)
    sid = session_in(bank, user, status)
    with pytest.raises(InvalidTransition, match=message):
        update_session(db=bank, user_id=user, session_id=sid, action=action, scorer=FakeScorer())
    assert get_session(db=bank, user_id=user, session_id=sid).summary.status is status


def test_unknown_action_and_completing_without_answers(bank: Session) -> None:
    user = new_user(bank)
    sid = start_quick(bank, user)
    with pytest.raises(InvalidInput, match="unknown session action 'finish'"):
        update_session(db=bank, user_id=user, session_id=sid, action="finish")
    with pytest.raises(InvalidTransition, match="answer at least one question before completing"):
        update_session(db=bank, user_id=user, session_id=sid, action=A.COMPLETE, scorer=FakeScorer())


def test_resume_in_progress_changes_nothing(bank: Session) -> None:
    user = new_user(bank)
    sid = start_quick(bank, user)
    before = get_session(db=bank, user_id=user, session_id=sid)
    after = update_session(db=bank, user_id=user, session_id=sid, action="RESUME")
    assert after == before


# ---- access --------------------------------------------------------------------------------------


def test_every_function_refuses_foreign_and_unknown_ids(bank: Session) -> None:
    owner, intruder = new_user(bank, "ada"), new_user(bank, "eve")
    sid = start_quick(bank, owner)
    foreign_q = get_questions(db=bank, user_id=owner, session_id=sid)[0].id
    own_sid = start_quick(bank, intruder)
    scorer = FakeScorer()
    calls: dict[str, Callable[[str], object]] = {
        "get_session": lambda s: get_session(db=bank, user_id=intruder, session_id=s),
        "get_questions": lambda s: get_questions(db=bank, user_id=intruder, session_id=s),
        "update_session": lambda s: update_session(db=bank, user_id=intruder, session_id=s, action="abandon"),
        "score_session": lambda s: score_session(db=bank, user_id=intruder, session_id=s, scorer=scorer),
        "delete_session": lambda s: delete_session(db=bank, user_id=intruder, session_id=s),
        "submit_answer": lambda s: submit_answer(
            db=bank,
            user_id=intruder,
            session_id=s,
            question_id=foreign_q,
            text="mine now",
            duration_ms=None,
            scorer=scorer,
        ),
    }
    for name, call in calls.items():
        with pytest.raises(AccessDenied, match=f"interview session {sid}: it belongs to another user"):
            call(sid)
        with pytest.raises(NotFound, match="interview session missing does not exist"):
            call("missing")
        assert isinstance(AccessDenied("x"), PermissionError), name
    # A foreign question through one's own session id is refused too.
    with pytest.raises(AccessDenied, match=f"question {foreign_q}"):
        submit_answer(
            db=bank,
            user_id=intruder,
            session_id=own_sid,
            question_id=foreign_q,
            text="x",
            duration_ms=None,
            scorer=scorer,
        )
    with pytest.raises(AccessDenied):
        list_sessions(db=bank, user_id=intruder, owner_id=owner)
    # Nothing changed for the owner.
    detail = get_session(db=bank, user_id=owner, session_id=sid)
    assert detail.summary.status is S.IN_PROGRESS and detail.questions[0].answer is None


# ---- full flow -----------------------------------------------------------------------------------


def test_full_flow_start_answer_complete_stats_delete(bank: Session) -> None:
    user = new_user(bank)
    keep = start_quick(bank, user)
    answer_at(bank, user, keep, 0, "kept score=50")
    update_session(db=bank, user_id=user, session_id=keep, action=A.COMPLETE, scorer=FakeScorer(), now=T0)

    sid = start_quick(bank, user, question_count=4)
    answer_at(bank, user, sid, 0, "first score=30")
    answer_at(bank, user, sid, 0, "better score=90 weak=specificity")
    answer_at(bank, user, sid, 1, "second score=70 weak=specificity")
    question = get_questions(db=bank, user_id=user, session_id=sid)[2]
    submit_answer(
        db=bank,
        user_id=user,
        session_id=sid,
        question_id=question.id,
        text="late score=40",
        duration_ms=(question.time_limit or 0) * 1000 + 1,
        scorer=FakeScorer(fail=True),
    )
    scorer = FakeScorer()
    detail = update_session(db=bank, user_id=user, session_id=sid, action=A.COMPLETE, scorer=scorer, now=T0)
    assert scorer.batches == [1], "only the unscored answer is scored, in one batch"
    summary = detail.summary
    assert summary.status is S.COMPLETED and summary.total_score == 67 and summary.grade == "C"
    assert (summary.question_count, summary.answered_count) == (4, 3)
    assert detail.allowed_actions == ()
    text = detail.feedback_summary or ""
    assert "You answered 3 of 4 questions; average score 67 (C)." in text
    assert "Best answer: Q1" in text and "Weakest answer: Q3" in text
    assert "Most common improvement (2 answers): Improve specificity." in text
    assert "Over the time limit: Q3" in text and "Not attempted (not counted in the score): Q4" in text
    assert [c.avg for c in detail.category_scores] == sorted(
        (c.avg for c in detail.category_scores), reverse=True
    )

    bank_ids = [q.bank_id for q in detail.questions]
    row = bank.get(QuestionBank, bank_ids[0])
    assert row is not None and row.usage_count == 1 and row.avg_score == 90.0

    stats = get_stats(db=bank, user_id=user)
    assert (stats.total_sessions, stats.completed_sessions) == (2, 2)
    assert stats.avg_score == 58.5 and stats.best_score == 67
    assert stats.weekly_progress[0].sessions == 2

    delete_session(db=bank, user_id=user, session_id=sid)
    assert (
        bank.scalar(
            select(func.count()).select_from(InterviewQuestion).where(InterviewQuestion.session_id == sid)
        )
        == 0
    )
    assert (
        bank.scalar(
            select(func.count()).select_from(InterviewAnswer).where(InterviewAnswer.session_id == sid)
        )
        == 0
    )
    stats = get_stats(db=bank, user_id=user)
    assert (stats.total_sessions, stats.completed_sessions, stats.avg_score, stats.best_score) == (
        1,
        1,
        50.0,
        50,
    )
    bank.expire_all()
    row = bank.get(QuestionBank, bank_ids[0])
    assert row is not None and row.usage_count == 0 and row.avg_score is None
    with pytest.raises(NotFound):
        get_session(db=bank, user_id=user, session_id=sid)


def test_score_session_refuses_pending_and_abandoned(bank: Session) -> None:
    user = new_user(bank)
    for status in (S.PENDING, S.ABANDONED):
        sid = session_in(bank, user, status)
        with pytest.raises(InvalidTransition, match=f"cannot score a {status.value} session"):
            score_session(db=bank, user_id=user, session_id=sid, scorer=FakeScorer())


def test_complete_needs_a_scorer_only_for_unscored_answers(bank: Session) -> None:
    user = new_user(bank)
    sid = start_quick(bank, user)
    answer_at(bank, user, sid, 0, "x", scorer=FakeScorer(fail=True))
    with pytest.raises(InvalidInput, match="a scorer is needed"):
        update_session(db=bank, user_id=user, session_id=sid, action=A.COMPLETE)
    answer_at(bank, user, sid, 0, "x score=64")
    detail = update_session(db=bank, user_id=user, session_id=sid, action=A.COMPLETE)
    assert detail.summary.total_score == 64


# ---- query counts -------------------------------------------------------------------------------


def test_no_n_plus_one_queries(bank: Session) -> None:
    user = new_user(bank)
    small, big = start_quick(bank, user, question_count=2), start_quick(bank, user, question_count=12)
    for sid, n in ((small, 2), (big, 12)):
        for i in range(n):
            answer_at(bank, user, sid, i, f"a{i} score=70")
    counts = {}
    for sid in (small, big):
        bank.expire_all()
        with count_queries(bank) as count:
            get_session(db=bank, user_id=user, session_id=sid)
            counts[sid] = count()
    assert counts[small] == counts[big] <= 4
    with count_queries(bank) as count:
        list_sessions(db=bank, user_id=user)
    assert count() <= 2
    with count_queries(bank) as count:
        start_session(db=bank, user_id=user, request=StartRequest(question_count=12), seed=3)
    assert count() <= 20
    sid = start_quick(bank, user, question_count=12)
    question = get_questions(db=bank, user_id=user, session_id=sid)[5]
    bank.expire_all()
    with count_queries(bank) as count:
        submit_answer(
            db=bank,
            user_id=user,
            session_id=sid,
            question_id=question.id,
            text="x",
            duration_ms=None,
            scorer=FakeScorer(),
        )
    assert count() <= 14  # incl. SAVEPOINT/RELEASE around the insert and the early commit, whatever the size
