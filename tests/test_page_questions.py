"""AppTest: the question bank page (pages/questions.py): filters, pages, preview and practice mode."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.enums import InterviewStatus
from core.questions import BankFilters, search_bank
from core.sessions import list_sessions
from db.engine import unit_of_work

if TYPE_CHECKING:
    from tests.pages_support import PageEnv

pytest_plugins = ["tests.pages_support"]


def _items(at: object) -> list[str]:
    return [b.key for b in at.button if b.key and b.key.startswith("bank_preview_")]  # type: ignore[attr-defined]


def _total(env: PageEnv, filters: BankFilters | None = None) -> int:
    with unit_of_work(env.factory) as db:
        return search_bank(db=db, filters=filters, page_size=1).total


def test_lists_the_first_page_with_pager(page_env: PageEnv) -> None:
    at = page_env.app("questions").run()  # browsing needs no profile
    assert not at.exception and not at.error
    total = _total(page_env)
    assert len(_items(at)) == min(10, total)
    assert f"of {total} questions" in page_env.texts(at)
    assert at.button(key="bank_prev").disabled
    if total > 10:
        at.button(key="bank_next").click().run()
        assert at.session_state["bank_page"] == 2
        assert "Showing 11–" in page_env.texts(at)


def test_filters_narrow_the_list_and_reset_the_page(page_env: PageEnv) -> None:
    at = page_env.app("questions", bank_page=3).run()
    at.multiselect(key="bank_categories").set_value(["LEADERSHIP"])
    at.multiselect(key="bank_difficulties").set_value(["HARD"]).run()
    assert not at.exception
    expected = _total(page_env, BankFilters(categories=("LEADERSHIP",), difficulties=("HARD",)))  # type: ignore[arg-type]
    assert at.session_state["bank_page"] == 1
    if expected:
        assert f"of {expected} questions" in page_env.texts(at)
    badges = [m.value for m in at.markdown if "badge[" in m.value]
    assert badges and all("Leadership" in b or "Hard" in b or "badge[" in b for b in badges)
    at.button(key="bank_clear").click().run()
    assert f"of {_total(page_env)} questions" in page_env.texts(at)


def test_free_text_search_and_no_match_message(page_env: PageEnv) -> None:
    at = page_env.app("questions").run()
    at.text_input(key="bank_text").input("zzzqqqxxx").run()
    assert not at.exception
    assert "No questions match these filters" in page_env.texts(at)
    at.text_input(key="bank_text").input("team").run()
    assert f"of {_total(page_env, BankFilters(text='team'))} questions" in page_env.texts(at)


def test_role_and_industry_filters_come_from_the_bank(page_env: PageEnv) -> None:
    at = page_env.app("questions").run()
    roles = at.selectbox(key="bank_role").options
    assert roles[0] == "Any role"
    if len(roles) > 1:
        role = roles[1]
        at.selectbox(key="bank_role").set_value(role).run()
        assert f"of {_total(page_env, BankFilters(role=role))} questions" in page_env.texts(at)


def test_preview_dialog_shows_hints_and_rubric(page_env: PageEnv) -> None:
    at = page_env.app("questions").run()
    at.button(key="bank_preview_0").click().run()
    assert not at.exception
    text = page_env.texts(at)
    assert "How answers are scored" in text and "Hints" in text
    assert at.button(key="bank_dialog_practise")
    at.run()  # the dialog opens once, not again on the next rerun
    assert "How answers are scored" not in page_env.texts(at)


def test_practice_mode_scores_one_answer(page_env: PageEnv) -> None:
    uid = page_env.user()
    at = page_env.app("questions", user_id=uid).run()
    at.button(key="bank_practise_0").click().run()
    assert "Practice mode" in page_env.texts(at)
    at.button(key="bank_practice_score").click().run()
    assert at.warning and "Write an answer" in at.warning[0].value
    at.text_area(key="bank_practice_answer").input(page_env.strong_answer)
    at.button(key="bank_practice_score").click().run()
    assert not at.exception and not at.error
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Score"].endswith("/ 100")
    assert len(at.get("plotly_chart")) == 2
    assert any("stronger example" in e.label for e in at.expander)
    # It is saved as a completed one-question interview, with a way to its results.
    with unit_of_work(page_env.factory) as db:
        history = list_sessions(db=db, user_id=uid)
    assert history.total == 1 and history.items[0].status is InterviewStatus.COMPLETED
    at.button(key="bank_practice_score").click().run()  # again, unchanged: nothing new is saved
    assert not at.exception
    with unit_of_work(page_env.factory) as db:
        assert list_sessions(db=db, user_id=uid).total == 1
    at.button(key="bank_practice_results").click().run()
    assert at.session_state["nav_target"] == ("results", {"id": history.items[0].id})
    at = page_env.app("questions", user_id=uid).run()
    at.button(key="bank_practise_0").click().run()
    at.button(key="bank_practice_close").click().run()
    assert "Practice mode" not in page_env.texts(at) and _items(at)


def test_practice_needs_a_profile(page_env: PageEnv) -> None:
    at = page_env.app("questions").run()
    at.button(key="bank_practise_0").click().run()
    assert not at.exception
    assert "Create your profile to start" in page_env.texts(at)
