"""A new user's first visit in a real browser: profile, behavioral interview, results, question bank.

Screenshots of every page go to test-artifacts/screenshots/ (desktop 1280 px and phone 390 px).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
ANSWER = (
    "In my last role I led a team of five engineers when our release slipped by three weeks. I was asked "
    "to get it back on track. I split the work into weekly milestones, automated 120 regression checks and "
    "held a short daily call with the product owner. As a result we shipped two days early and defects "
    "fell by 40 percent. **bold** <script>alert(1)</script>"
)
TIMEOUT = 20_000


def _expect() -> Any:
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT)
    return expect


def _settle(page: Any) -> None:
    """Let Streamlit finish the current run (brief polling of the 'running' indicator)."""
    page.wait_for_timeout(300)
    for _ in range(50):
        if not page.get_by_test_id("stStatusWidget").is_visible():
            break
        page.wait_for_timeout(200)
    page.wait_for_timeout(300)


def _shot(page: Any, folder: Path, name: str) -> Path:
    """A screenshot of the whole page (Streamlit scrolls inside its main block, so grow the viewport)."""
    _settle(page)
    size = page.viewport_size
    height = page.evaluate(
        "Math.max(0, ...[...document.querySelectorAll("
        "'[data-testid=stMain], [data-testid=stMainBlockContainer]')].map(e => e.scrollHeight))"
    )
    page.set_viewport_size({"width": size["width"], "height": min(max(size["height"], height + 40), 8000)})
    page.wait_for_timeout(400)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return path


def _open(browser: Any, viewport: dict[str, int]) -> Any:
    context = browser.new_context(viewport=viewport, locale="en-GB", timezone_id="Europe/London")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    return page


def _main(page: Any) -> Any:
    return page.get_by_test_id("stMain")


def _phone_shot(browser: Any, url: str, folder: Path, name: str, wait_for: str) -> None:
    """The same page on a 390 px phone (a second browser session acts as the same, only, profile)."""
    phone = _open(browser, PHONE)
    phone.goto(url)
    _expect()(_main(phone).get_by_text(wait_for).first).to_be_visible()
    _expect()(phone.get_by_test_id("stException")).to_have_count(0)
    _shot(phone, folder, name)
    phone.context.close()


def test_new_user_walkthrough(app_url: str, browser: Any, screenshots: Path) -> None:
    expect = _expect()
    page = _open(browser, DESKTOP)
    page.goto(app_url)
    main = _main(page)

    # 1. First visit: welcome screen, create a profile.
    expect(main.get_by_text("Welcome to JobCircle Mock Interview")).to_be_visible()
    _shot(page, screenshots, "01-welcome-desktop")
    main.get_by_label("Your name").fill("Alex Morgan")
    main.get_by_role("button", name="Create profile and start").click()

    # 2. The hub for a new user: helpful empty states and the quick start.
    expect(main.get_by_role("heading", name="Interview hub")).to_be_visible()
    expect(main.get_by_text("Your first mock interview")).to_be_visible()
    _settle(page)
    expect(page.get_by_test_id("stSidebar").get_by_text("Offline scoring (rule-based)")).to_have_count(1)
    _shot(page, screenshots, "02-hub-new-user-desktop")

    # 3. Start a 3-question behavioral interview.
    count = main.get_by_label("Questions")
    count.fill("3")
    count.press("Enter")
    _settle(page)
    main.get_by_role("button", name="Start interview").click()
    expect(main.get_by_role("heading", name=re.compile("Behavioral interview"))).to_be_visible()
    expect(page).to_have_url(re.compile(r"/session\?id=\w+"))

    # 4. Answer every question: hint on demand, submit, see the score, move on.
    for number in range(1, 4):
        expect(main.get_by_text(f"Question {number} of 3")).to_be_visible()
        _settle(page)
        if number == 1:
            main.get_by_role("button", name=re.compile("Need a hint")).click()
            expect(main.get_by_role("button", name=re.compile("Show a hint"))).to_be_visible()
            expect(main.get_by_text(re.compile(r"left of \d+:\d\d"))).to_be_visible()  # the countdown
            _shot(page, screenshots, "03-session-question-desktop")
            _phone_shot(browser, page.url, screenshots, "03-session-question-phone", "Question 1 of 3")
        box = main.get_by_label("Your answer")
        if number == 1:
            # A reload (a new browser session) keeps the draft, the place and the question's clock.
            box.fill("A draft typed before the reload")
            main.get_by_text(re.compile("your draft is saved")).click()  # focus leaves the box: saved
            _settle(page)
            page.reload()
            expect(main.get_by_text("Question 1 of 3")).to_be_visible()
            expect(main.get_by_label("Your answer")).to_have_value("A draft typed before the reload")
            expect(main.get_by_text(re.compile(r"left of \d+:\d\d"))).to_be_visible()
            profile = page.get_by_test_id("stSidebar").get_by_role("combobox")
            expect(profile).to_have_value("Alex Morgan")  # still the same profile
            box = main.get_by_label("Your answer")
        box.fill(ANSWER)
        main.get_by_role("button", name="Submit answer").click()
        expect(main.get_by_text("Your score for this question")).to_be_visible()
        if number == 1:
            _shot(page, screenshots, "04-session-scored-desktop")
        if number < 3:
            main.get_by_role("button", name="Next question").click()

    # 5. Finish: the results page with gauge, breakdown charts and the question review.
    main.get_by_role("button", name="Finish and see results").click()
    expect(main.get_by_role("heading", name=re.compile("interview results"))).to_be_visible()
    expect(page).to_have_url(re.compile(r"/results\?id=\w+"))
    # Gauge, category, dimension and criterion breakdowns (Plotly draws them one after another).
    expect(page.locator(".js-plotly-plot").nth(3)).to_be_visible()
    expect(main.get_by_text("Question by question")).to_be_visible()
    # The answer is shown literally: no bold text, no script element.
    expect(main.get_by_text("**bold** <script>alert(1)</script>").first).to_be_visible()
    assert page.locator("script:has-text('alert(1)')").count() == 0
    _shot(page, screenshots, "05-results-desktop")
    _phone_shot(browser, page.url, screenshots, "05-results-phone", "Question by question")

    # 6. Share: a read-only link that works in a fresh browser without a profile.
    main.get_by_role("button", name="Share").click()
    page.get_by_role("button", name="Create share link").click()
    code = page.get_by_test_id("stCode").filter(has_text="share=")
    expect(code).to_be_visible()
    share_url = code.inner_text().strip()
    assert share_url.startswith(app_url) and "results?share=" in share_url
    page.keyboard.press("Escape")

    stranger = _open(browser, DESKTOP)
    stranger.goto(share_url)
    expect(_main(stranger).get_by_text("Shared results: read-only")).to_be_visible()
    expect(_main(stranger).get_by_role("button", name="Share")).to_have_count(0)
    expect(stranger.get_by_text("Practising as")).to_have_count(0)  # no profile switcher for visitors
    _shot(stranger, screenshots, "06-shared-results-desktop")
    stranger.context.close()

    # 7. Back on the hub: the session card, trend chart and skill radar.
    page.get_by_role("link", name="Interview hub").click()
    expect(main.get_by_text("Completed interviews")).to_be_visible()
    expect(main.get_by_role("button", name="View results").first).to_be_visible()
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
    _shot(page, screenshots, "07-hub-after-first-interview-desktop")

    # 8. Question bank: filter, preview, then practise one question and get it scored.
    page.get_by_role("link", name="Question bank").click()
    expect(main.get_by_role("heading", name="Question bank")).to_be_visible()
    expect(main.get_by_text(re.compile(r"Showing 1–10 of \d+ questions"))).to_be_visible()
    _shot(page, screenshots, "08-question-bank-desktop")
    main.get_by_role("button", name="Preview").first.click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text("How answers are scored")).to_be_visible()
    _shot(page, screenshots, "09-question-preview-desktop")
    dialog.get_by_role("button", name="Practise this question").click()
    expect(main.get_by_text("Practice mode")).to_be_visible()
    main.get_by_label("Your answer").fill(ANSWER)
    main.get_by_role("button", name="Score my answer").click()
    expect(
        main.get_by_test_id("stMetricValue").filter(has_text=re.compile(r"^\d+ / 100$")).first
    ).to_be_visible()
    _shot(page, screenshots, "10-practice-scored-desktop")

    # 9. Profile and jobs: paste a CV, extract, save; add a target job.
    page.get_by_role("link", name="Profile & jobs").click()
    expect(main.get_by_role("heading", name="Profile & jobs")).to_be_visible()
    main.get_by_label("CV text").fill(
        "Alex Morgan\nSoftware Engineer\n7 years of experience building Python and SQL services on AWS."
    )
    main.get_by_role("button", name="Find skills in the text").click()
    expect(main.get_by_text(re.compile("Read the pasted text: found"))).to_be_visible()
    main.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Profile saved")).to_be_visible()
    _shot(page, screenshots, "11-profile-desktop")
    page.context.close()


@pytest.mark.parametrize("viewport,suffix", [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_pages_render_without_errors(
    app_url: str, browser: Any, screenshots: Path, viewport: dict[str, int], suffix: str
) -> None:
    """Every menu page renders (no exception box) at phone and desktop width; screenshots for review."""
    expect = _expect()
    page = _open(browser, viewport)
    for path, heading, name in (
        ("interviews", re.compile("Interview hub|Welcome"), "hub"),
        ("questions", "Question bank", "question-bank"),
        ("profile", re.compile("Profile & jobs|Welcome"), "profile"),
        ("session", "Interview", "session-none"),
    ):
        page.goto(f"{app_url}/{path}")
        expect(_main(page).get_by_role("heading", name=heading).first).to_be_visible()
        expect(page.get_by_test_id("stException")).to_have_count(0)
        _shot(page, screenshots, f"20-{name}-{suffix}")
    page.context.close()
