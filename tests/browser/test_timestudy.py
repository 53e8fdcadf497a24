"""Tidsmätning on a phone (375×812): a social worker taps through her day, adds a block
afterwards, taps once without a connection (the browser's offline mode) and the registration is
sent when the connection returns; axe is clean and the taps work from the keyboard."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Browser, expect

from skyddsnat import clock
from skyddsnat.timestudy import services
from skyddsnat.timestudy.models import TimeBlock


@pytest.fixture
def phone(browser: Browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        locale="sv-SE",
        timezone_id="Europe/Stockholm",
        viewport={"width": 375, "height": 812},
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def test_a_social_worker_registers_her_day_on_a_phone_one_tap_offline(
    cast, phone, login, axe_violations, screenshot
):
    today = clock.today()
    yesterday = today - timedelta(days=1)
    services.create_study(
        acting_user=cast.maja,
        name="Höstens tidsmätning",
        unit_ids=[cast.inv_unit.pk],
        starts_on=yesterday,
        ends_on=today + timedelta(days=3),
    )
    login(phone, cast.alice)
    phone.goto("/tidsmatning/")
    expect(phone.get_by_role("heading", name="Vad gör du nu?")).to_be_visible()
    assert axe_violations(phone) == []

    # One tap starts the current activity.
    phone.get_by_role("button", name="Direkt tid barn & vuxna", exact=True).click()
    expect(phone.get_by_text("Pågår:")).to_contain_text("Direkt tid barn & vuxna")

    # The next, from the keyboard: it ends the running one.
    phone.get_by_role("button", name="Indirekt tid barn & vuxna", exact=True).focus()
    phone.keyboard.press("Enter")
    expect(phone.locator(".ts-running")).to_contain_text("Indirekt tid barn & vuxna")
    expect(
        phone.get_by_role("button", name="Indirekt tid barn & vuxna", exact=True)
    ).to_have_attribute("aria-pressed", "true")

    # A block afterwards, yesterday, with a gap before the next one.
    add = phone.locator("form[data-ts=block]")
    add.get_by_label("Aktivitet").select_option(label="Förflyttning")
    add.get_by_label("Dag").fill(yesterday.isoformat())
    add.get_by_label("Från").fill("08:00")
    add.get_by_label("Till").fill("08:30")
    add.get_by_role("button", name="Spara tidsblock", exact=True).click()
    expect(phone.get_by_text("Tidsblocket är sparat.")).to_be_visible()
    add = phone.locator("form[data-ts=block]")
    add.get_by_label("Aktivitet").select_option(label="Administration")
    add.get_by_label("Dag").fill(yesterday.isoformat())
    add.get_by_label("Från").fill("09:00")
    add.get_by_label("Till").fill("10:00")
    add.get_by_role("button", name="Spara tidsblock", exact=True).click()
    timeline = phone.locator(".ts-timeline")
    expect(timeline).to_contain_text("Förflyttning")
    expect(timeline.locator(".ts-gap")).to_contain_text("Lucka")
    assert axe_violations(phone) == []

    # Back to today; a tap without a connection is kept on the phone …
    phone.goto("/tidsmatning/")
    phone.context.set_offline(True)
    phone.get_by_role("button", name="Barntid", exact=True).click()
    expect(phone.locator("#ts-connection")).to_contain_text("sparad på telefonen")
    expect(phone.locator("#ts-pending")).to_contain_text("Barntid från")
    assert not TimeBlock.objects.filter(category__code="child_time").exists()
    assert axe_violations(phone) == []
    screenshot(phone, "timestudy-phone-offline")

    # … and sent when it returns: the page shows it running.
    phone.context.set_offline(False)
    expect(phone.locator(".ts-running")).to_contain_text("Barntid", timeout=15_000)
    expect(phone.locator("#ts-pending")).to_be_hidden()
    codes = list(
        TimeBlock.objects.filter(participant__user=cast.alice)
        .order_by("started_at")
        .values_list("category__code", flat=True)
    )
    assert codes == ["travel", "administration", "direct_time", "indirect_time", "child_time"]
    assert (
        phone.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        <= 0
    )
    assert axe_violations(phone) == []
    screenshot(phone, "timestudy-phone")


def test_a_manager_views_the_units_results_beside_the_national_figures(
    cast, phone, login, axe_violations, screenshot
):
    import random

    from skyddsnat.accounts.models import Role
    from skyddsnat.demo.time_study import load_time_study

    for i in range(4):
        cast.user(f"socialsekreterare{i}", Role.CASEWORKER, cast.inv_unit)
    load_time_study(cast.maja, clock.today(), random.Random(3))
    login(phone, cast.maja)
    phone.goto("/tidsmatning/resultat/")
    expect(phone.get_by_role("heading", name="Tidsmätningens resultat", level=1)).to_be_visible()
    table = phone.get_by_role("table", name="Nyckeltal, Socialsekreterare")
    expect(table).to_contain_text("Barntid")
    expect(table.get_by_role("row").filter(has_text="Direkt tid")).to_contain_text("15 %")
    # Maja, the only manager, is a group of one: her figures are not shown.
    expect(
        phone.get_by_role(
            "table", name="Andel av registrerad tid per kategori, Arbetsledare eller enhetschef"
        )
    ).to_contain_text("–")
    assert (
        phone.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        <= 0
    )
    assert axe_violations(phone) == []
    screenshot(phone, "timestudy-results")


def test_the_page_itself_opens_offline_and_a_tap_there_is_sent_when_back_online(
    cast, phone, login, axe_violations
):
    today = clock.today()
    services.create_study(
        acting_user=cast.maja,
        name="Vinterns tidsmätning",
        unit_ids=[cast.inv_unit.pk],
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=3),
    )
    login(phone, cast.alice)
    phone.goto("/tidsmatning/")
    expect(phone.get_by_role("heading", name="Vad gör du nu?")).to_be_visible()
    # The service worker is installed and has kept the shell.
    assert phone.evaluate(
        "navigator.serviceWorker.ready.then(r => caches.keys()).then(k => k.length > 0)"
    )
    phone.wait_for_function("navigator.serviceWorker.controller !== null")

    # Reloaded without a connection: the page, not the browser's error page.
    phone.context.set_offline(True)
    phone.reload()
    expect(phone.get_by_role("heading", name="Vad gör du nu?")).to_be_visible()
    expect(phone.get_by_text("Ingen anslutning: dagens registreringar")).to_be_visible()
    phone.get_by_role("button", name="Barntid", exact=True).click()
    expect(phone.locator("#ts-pending")).to_contain_text("Barntid från")
    # Reloaded again offline, the registration kept on the phone is still shown.
    phone.reload()
    expect(phone.locator("#ts-pending")).to_contain_text("Barntid från")
    assert not TimeBlock.objects.filter(category__code="child_time").exists()
    assert axe_violations(phone) == []

    # Back online: it is sent and shown running.
    phone.context.set_offline(False)
    expect(phone.locator(".ts-running")).to_contain_text("Barntid", timeout=15_000)
    expect(phone.locator("#ts-pending")).to_be_hidden()
    assert TimeBlock.objects.filter(
        participant__user=cast.alice, category__code="child_time"
    ).exists()


def test_a_manager_plans_and_closes_a_study_and_defines_categories(
    cast, phone, login, axe_violations
):
    from skyddsnat.timestudy.models import Study

    login(phone, cast.maja)
    phone.goto("/tidsmatning/kategorier/")
    expect(phone.get_by_role("heading", name="Kategorier för tidsmätning", level=1)).to_be_visible()
    assert axe_violations(phone) == []
    phone.get_by_label("Namn på uppsättningen").fill("Norrbys egna")
    phone.locator("#id_code").fill("norrby")
    first = phone.get_by_role("group", name="Kategori 1", exact=True)
    first.get_by_label("Kod").fill("barnsamtal")
    first.get_by_label("Namn").fill("Samtal med barnet")
    first.get_by_label("Räknas i nyckeltal").select_option("child_time")
    second = phone.get_by_role("group", name="Kategori 2", exact=True)
    second.get_by_label("Kod").fill("ovrigt")
    second.get_by_label("Namn").fill("Övrigt")
    phone.get_by_role("button", name="Spara uppsättningen").click()
    expect(phone.get_by_text("Uppsättningen Norrbys egna är sparad.")).to_be_visible()
    expect(phone.get_by_role("table", name="Norrbys egna (norrby)")).to_contain_text("Barntid")
    phone.get_by_role("link", name="Ändra Norrbys egna").click()
    expect(phone.get_by_role("heading", name="Ändra Norrbys egna", level=1)).to_be_visible()
    assert axe_violations(phone) == []
    second = phone.get_by_role("group", name="Kategori 2", exact=True)
    second.get_by_label("Namn").fill("Allt annat")
    phone.get_by_role("button", name="Spara ändringarna").click()
    expect(phone.get_by_role("table", name="Norrbys egna (norrby)")).to_contain_text("Allt annat")

    phone.goto("/tidsmatning/planera/")
    expect(phone.get_by_role("heading", name="Planera tidsmätning", level=1)).to_be_visible()
    assert axe_violations(phone) == []
    phone.locator("#id_name").fill("Vårens mätning")
    phone.get_by_role("button", name="Starta tidsmätningen").click()
    expect(phone.get_by_text("Tidsmätningen Vårens mätning är startad")).to_be_visible()
    phone.get_by_role("button", name="Avsluta Vårens mätning").click()
    expect(phone.get_by_text("Tidsmätningen Vårens mätning är avslutad.")).to_be_visible()
    assert Study.objects.get().is_closed
    assert (
        phone.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        <= 0
    )
    assert axe_violations(phone) == []
