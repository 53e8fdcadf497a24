"""A phone-sized screen (375 px): no main page scrolls sideways; a wide table scrolls in its own
box, which the keyboard reaches."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from skyddsnat import clock
from tests.web.builders import story

WIDTH = 375

#: The elements that stick out past the screen's right edge (their parent does not): what to fix.
STICKING_OUT = """(width) => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > width + 1
            && e.parentElement.getBoundingClientRect().right <= width + 1)
  .map(e => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}px`)
  .slice(0, 5)"""


@pytest.fixture
def phone(browser: Browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        locale="sv-SE",
        viewport={"width": WIDTH, "height": 800},
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def test_no_main_page_scrolls_sideways_on_a_phone(cast, phone, login, axe_violations):
    cases = story(cast, clock.today())
    pages = {
        cast.alice: [
            "/arenden/",
            f"/arenden/{cases.placement.pk}/",
            f"/arenden/{cases.investigation.pk}/",
            f"/arenden/{cases.late.pk}/",
            f"/arenden/{cases.placement.pk}/journal/",
            f"/arenden/{cases.placement.pk}/insatser/",
            "/mottagning/",
            "/sok/",
        ],
        cast.maja: ["/enhet/", "/enhet/logg/", "/uppfoljning/", "/uppfoljning/namndrapport/"],
    }
    wide = {}
    for user, paths in pages.items():
        phone.context.clear_cookies()
        login(phone, user)
        for path in paths:
            phone.goto(path)
            scroll = phone.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if scroll > 0:
                wide[path] = (scroll, phone.evaluate(STICKING_OUT, WIDTH))
    assert wide == {}

    # The access log's table is wider than the phone: it scrolls in its own box, by keyboard too.
    phone.goto("/enhet/logg/")
    box = phone.get_by_role("region", name="Loggrader")
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")
    box.focus()
    phone.keyboard.press("ArrowRight")
    # The browser may scroll smoothly, after the key press has returned: wait for it (a box that
    # never scrolls fails here when the wait times out).
    phone.wait_for_function("e => e.scrollLeft > 0", arg=box.element_handle(), timeout=5000)
    assert axe_violations(phone) == []
