"""Employment periods: the manager appends and corrects her units' periods, audited; the HR
CSV import checks every row and writes all or nothing."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.accounts import employment, employment_import
from skyddsnat.accounts.models import EmploymentPeriod
from skyddsnat.audit.models import AuditEvent
from skyddsnat.errors import Forbidden, InvalidInput, NotFound

D = date.fromisoformat


def _data(cast, user=None, **kw):
    values = {
        "user_id": (user or cast.alice).pk,
        "unit_id": cast.inv_unit.pk,
        "role": "caseworker",
        "started_on": D("2024-01-01"),
        "ended_on": None,
        "reason_for_leaving": "",
    }
    values.update(kw)
    return employment.PeriodData(**values)


def test_the_manager_appends_and_corrects_a_period_audited(cast):
    period = employment.record_period(acting_user=cast.maja, data=_data(cast))
    assert (period.user, period.unit, period.recorded_by) == (cast.alice, cast.inv_unit, cast.maja)
    fixed = employment.correct_period(
        acting_user=cast.maja,
        period_id=period.pk,
        data=_data(cast, ended_on=D("2026-05-31"), reason_for_leaving="resigned"),
    )
    assert (fixed.ended_on, fixed.reason_for_leaving) == (D("2026-05-31"), "resigned")
    rows = AuditEvent.objects.filter(object_type="accounts.employmentperiod").order_by("pk")
    assert [(r.action, r.detail) for r in rows] == [
        ("create", f"employment=recorded;user={cast.alice.pk}"),
        (
            "update",
            f"employment=corrected;user={cast.alice.pk};fields=ended_on,reason_for_leaving",
        ),
    ]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"ended_on": D("2023-12-31"), "reason_for_leaving": "other"}, "ended_on", "före"),
        ({"ended_on": D("2024-12-31")}, "reason_for_leaving", "Välj varför"),
        ({"reason_for_leaving": "resigned"}, "reason_for_leaving", "bara när"),
        ({"role": "analyst"}, "role", "Välj handläggare"),
        ({"started_on": None}, "started_on", "Skriv dagen"),
    ],
)
def test_bad_periods_get_swedish_messages(cast, changes, field, message):
    with pytest.raises(InvalidInput) as caught:
        employment.record_period(acting_user=cast.maja, data=_data(cast, **changes))
    assert message in caught.value.errors[field][0]


def test_a_manager_keeps_only_her_own_units_and_municipality(cast):
    with pytest.raises(InvalidInput) as caught:
        employment.record_period(
            acting_user=cast.maja, data=_data(cast, user=cast.carl, unit_id=cast.intake_unit.pk)
        )
    assert "unit" in caught.value.errors
    with pytest.raises(InvalidInput) as caught:
        employment.record_period(acting_user=cast.maja, data=_data(cast, user=cast.sara))
    assert "user" in caught.value.errors
    for outsider in (cast.alice, cast.ana, cast.adam, cast.nils):
        with pytest.raises(Forbidden):
            employment.record_period(acting_user=outsider, data=_data(cast))
    other = EmploymentPeriod.objects.create(
        user=cast.carl, unit=cast.intake_unit, role="caseworker", started_on=D("2020-01-01")
    )
    with pytest.raises(NotFound):
        employment.correct_period(
            acting_user=cast.maja, period_id=other.pk, data=_data(cast, user=cast.carl)
        )


def test_overlapping_periods_in_the_same_unit_are_refused(cast):
    employment.record_period(acting_user=cast.maja, data=_data(cast))
    with pytest.raises(InvalidInput) as caught:
        employment.record_period(
            acting_user=cast.maja, data=_data(cast, started_on=D("2025-01-01"))
        )
    assert "överlappar" in caught.value.errors["started_on"][0]


def test_reads_are_the_managers_units_or_her_own_and_audited(cast):
    employment.record_period(acting_user=cast.maja, data=_data(cast))
    employment.record_period(acting_user=cast.maja, data=_data(cast, user=cast.bob))
    EmploymentPeriod.objects.create(
        user=cast.carl, unit=cast.intake_unit, role="caseworker", started_on=D("2020-01-01")
    )
    assert {p.user for p in employment.periods(acting_user=cast.maja)} == {cast.alice, cast.bob}
    assert {p.user for p in employment.periods(acting_user=cast.alice)} == {cast.alice}
    assert {p.user for p in employment.periods(acting_user=cast.carl)} == {cast.carl}
    assert employment.periods(acting_user=cast.ana) == []
    assert employment.periods(acting_user=cast.adam) == []
    reads = AuditEvent.objects.filter(action="read", object_type="accounts.employmentperiod")
    assert reads.count() == 5


def test_the_manager_sets_her_units_caseload_target(cast):
    unit = employment.set_caseload_target(
        acting_user=cast.maja, unit_id=cast.inv_unit.pk, target=12
    )
    assert unit.caseload_target == 12
    with pytest.raises(InvalidInput):
        employment.set_caseload_target(acting_user=cast.maja, unit_id=cast.inv_unit.pk, target=0)
    with pytest.raises(NotFound):
        employment.set_caseload_target(
            acting_user=cast.maja, unit_id=cast.intake_unit.pk, target=12
        )
    with pytest.raises(Forbidden):
        employment.set_caseload_target(acting_user=cast.alice, unit_id=cast.inv_unit.pk, target=5)


GOOD = """anvandarnamn;enhet;roll;fran;till;orsak
alice;Utredning barn;Handläggare;2022-01-01;2026-03-31;Egen uppsägning
bob;utredning barn;;2025-02-01;;
"""


def test_the_hr_import_appends_then_corrects_the_same_rows(cast):
    result = employment_import.import_periods(acting_user=cast.maja, text=GOOD)
    assert (result.new, result.corrected) == (2, 0)
    alice = EmploymentPeriod.objects.get(user=cast.alice)
    assert (alice.ended_on, alice.reason_for_leaving) == (D("2026-03-31"), "resigned")
    again = employment_import.import_periods(
        acting_user=cast.maja, text=GOOD.replace("2026-03-31", "2026-04-30")
    )
    assert (again.new, again.corrected) == (0, 2)
    assert EmploymentPeriod.objects.get(user=cast.alice).ended_on == D("2026-04-30")
    assert EmploymentPeriod.objects.count() == 2
    assert AuditEvent.objects.filter(object_type="accounts.employment_import").count() == 2


def test_the_hr_import_reports_every_bad_row_and_writes_nothing(cast):
    text = (
        "anvandarnamn,enhet,roll,fran,till,orsak\n"
        "alice,Utredning barn,Handläggare,2022-01-01,,\n"
        "nobody,Utredning barn,,2022-01-01,,\n"
        "carl,Mottagningen,,2022-01-01,,\n"
        "bob,Utredning barn,chef?,2022-13-01,2021-01-01,Flytt\n"
        "sara,Utredning barn,,2022-01-01,,\n"
        "alice,Utredning barn,,2023-01-01,,\n"
    )
    result = employment_import.preview(acting_user=cast.maja, text=text)
    assert not result.ok
    errors = {row.number: row.errors for row in result.rows}
    assert errors[2] == []
    assert errors[3] == ["anvandarnamn: 'nobody' finns inte i kommunen."]
    assert errors[4] == ["enhet: 'Mottagningen' är inte en av dina enheter."]
    assert errors[5] == [
        "roll: 'chef?' är ingen roll (t.ex. Handläggare).",
        "fran: skriv datumet som ÅÅÅÅ-MM-DD (inte '2022-13-01').",
        "orsak: 'Flytt' är ingen orsak (t.ex. Egen uppsägning).",
    ]
    assert errors[6] == ["anvandarnamn: 'sara' finns inte i kommunen."]
    assert errors[7] == [
        "fran: perioden överlappar perioden på rad 2 för samma person i samma enhet."
    ]
    with pytest.raises(InvalidInput):
        employment_import.import_periods(acting_user=cast.maja, text=text)
    assert not EmploymentPeriod.objects.exists()


def test_the_hr_import_file_errors_and_who_may_import(cast):
    assert employment_import.preview(acting_user=cast.maja, text="a;b\n1;2\n").errors == [
        "Rubrikraden saknar kolumnerna: anvandarnamn, enhet, fran."
    ]
    assert employment_import.preview(
        acting_user=cast.maja, text="anvandarnamn;enhet;fran\n"
    ).errors == ["Filen har inga rader med anställningar."]
    with pytest.raises(Forbidden):
        employment_import.preview(acting_user=cast.adam, text=GOOD)


# --- the periods follow the account (decision 0040) ------------------------------------------


def _account(cast, **changes):
    from skyddsnat.accounts.administration import UserData

    values = {
        "first_name": "Tove",
        "last_name": "Exempelsson",
        "email": "",
        "role": "caseworker",
        "unit_ids": (cast.inv_unit.pk,),
        "employment_started_on": D("2026-01-01"),
        "employment_ended_on": None,
    }
    values.update(changes)
    return UserData(**values)


def _periods(user):
    return [
        (
            p.unit.name,
            p.role,
            str(p.started_on),
            p.ended_on and str(p.ended_on),
            p.reason_for_leaving,
        )
        for p in EmploymentPeriod.objects.filter(user=user).order_by("started_on", "unit__name")
    ]


@pytest.mark.parametrize(
    ("role", "units", "started_on", "expected"),
    [
        (
            "caseworker",
            ("inv_unit",),
            "2026-01-01",
            [("Utredning barn", "caseworker", "2026-01-01", None, "")],
        ),
        (
            "manager",
            ("inv_unit", "intake_unit"),
            None,  # no first day given: from the day the account is made
            [
                ("Mottagningen", "manager", "2026-02-10", None, ""),
                ("Utredning barn", "manager", "2026-02-10", None, ""),
            ],
        ),
        (
            "intake",
            ("intake_unit",),
            "2026-02-01",
            [("Mottagningen", "intake", "2026-02-01", None, "")],
        ),
        ("analyst", (), None, []),
        ("caseworker", (), "2026-01-01", []),
    ],
)
def test_a_new_account_starts_its_employment(cast, frozen_today, role, units, started_on, expected):
    from skyddsnat.accounts import administration

    frozen_today(D("2026-02-10"))
    user = administration.create_user(
        acting_user=cast.adam,
        username="tove",
        data=_account(
            cast,
            role=role,
            unit_ids=tuple(getattr(cast, u).pk for u in units),
            employment_started_on=started_on and D(started_on),
        ),
    )
    assert _periods(user) == expected
    rows = AuditEvent.objects.filter(object_type="accounts.employmentperiod", actor=cast.adam)
    assert {r.detail for r in rows} == (
        {f"employment=account_created;user={user.pk}"} if expected else set()
    )


def _created(cast, frozen_today, **changes):
    from skyddsnat.accounts import administration

    frozen_today(D("2026-01-01"))
    return administration.create_user(
        acting_user=cast.adam, username="tove", data=_account(cast, **changes)
    )


#: A change on 2026-04-10: what the account becomes, and the periods afterwards.
CHANGES = [
    (  # a move between units: the old unit's period ends the day before, the new starts
        {"unit_ids": "intake_unit"},
        [
            ("Utredning barn", "caseworker", "2026-01-01", "2026-04-09", "internal"),
            ("Mottagningen", "caseworker", "2026-04-10", None, ""),
        ],
    ),
    (  # a new role in the same unit
        {"role": "manager"},
        [
            ("Utredning barn", "caseworker", "2026-01-01", "2026-04-09", "internal"),
            ("Utredning barn", "manager", "2026-04-10", None, ""),
        ],
    ),
    (  # a unit more: the first period goes on
        {"unit_ids": "inv_unit,intake_unit"},
        [
            ("Utredning barn", "caseworker", "2026-01-01", None, ""),
            ("Mottagningen", "caseworker", "2026-04-10", None, ""),
        ],
    ),
    (  # a role no period is kept for: the period ends as an internal move
        {"role": "analyst", "unit_ids": ""},
        [("Utredning barn", "caseworker", "2026-01-01", "2026-04-09", "internal")],
    ),
    (  # only the name changes: nothing happens to the periods
        {"first_name": "Tova"},
        [("Utredning barn", "caseworker", "2026-01-01", None, "")],
    ),
]


@pytest.mark.parametrize(("changes", "expected"), CHANGES)
def test_a_change_of_role_or_unit_ends_the_old_period_and_starts_a_new(
    cast, frozen_today, changes, expected
):
    from skyddsnat.accounts import administration

    user = _created(cast, frozen_today)
    frozen_today(D("2026-04-10"))
    if "unit_ids" in changes:
        names = [n for n in changes["unit_ids"].split(",") if n]
        changes = {**changes, "unit_ids": tuple(getattr(cast, n).pk for n in names)}
    administration.update_user(
        acting_user=cast.adam, user_id=user.pk, data=_account(cast, **changes)
    )
    assert _periods(user) == expected


def test_a_role_changed_the_day_the_account_was_made_corrects_the_period(cast, frozen_today):
    from skyddsnat.accounts import administration

    frozen_today(D("2026-04-10"))
    user = administration.create_user(
        acting_user=cast.adam, username="tove", data=_account(cast, employment_started_on=None)
    )
    administration.update_user(
        acting_user=cast.adam, user_id=user.pk, data=_account(cast, role="intake")
    )
    assert _periods(user) == [("Utredning barn", "intake", "2026-04-10", None, "")]


def test_deactivation_ends_the_open_periods_and_keeps_an_end_the_hr_file_gave(cast, frozen_today):
    from skyddsnat.accounts import administration

    user = _created(cast, frozen_today, unit_ids=(cast.inv_unit.pk, cast.intake_unit.pk))
    frozen_today(D("2026-06-01"))
    # The HR file already ended her intake period (she went part-time in one unit).
    EmploymentPeriod.objects.filter(user=user, unit=cast.intake_unit).update(
        ended_on=D("2026-03-31"), reason_for_leaving="temporary_ended"
    )
    administration.deactivate_user(acting_user=cast.adam, user_id=user.pk, ended_on=D("2026-05-31"))
    assert _periods(user) == [
        ("Mottagningen", "caseworker", "2026-01-01", "2026-03-31", "temporary_ended"),
        ("Utredning barn", "caseworker", "2026-01-01", "2026-05-31", "other"),
    ]
    closed = AuditEvent.objects.filter(detail=f"employment=account_closed;user={user.pk}")
    assert closed.count() == 1


def test_a_reactivated_account_starts_a_new_period_from_the_day_she_is_back(cast, frozen_today):
    from skyddsnat.accounts import administration

    user = _created(cast, frozen_today)
    frozen_today(D("2026-06-01"))
    administration.deactivate_user(acting_user=cast.adam, user_id=user.pk, ended_on=D("2026-05-31"))
    frozen_today(D("2026-09-01"))
    administration.reactivate_user(acting_user=cast.adam, user_id=user.pk)
    assert _periods(user) == [
        ("Utredning barn", "caseworker", "2026-01-01", "2026-05-31", "other"),
        ("Utredning barn", "caseworker", "2026-09-01", None, ""),
    ]
    assert AuditEvent.objects.filter(detail=f"employment=account_reopened;user={user.pk}").exists()


def test_a_deactivation_undone_the_same_day_opens_the_period_again(cast, frozen_today):
    from skyddsnat.accounts import administration

    user = _created(cast, frozen_today)
    frozen_today(D("2026-06-01"))
    administration.deactivate_user(acting_user=cast.adam, user_id=user.pk)
    administration.reactivate_user(acting_user=cast.adam, user_id=user.pk)
    assert _periods(user) == [("Utredning barn", "caseworker", "2026-01-01", None, "")]


def test_a_period_the_hr_import_recorded_is_not_started_again(cast, frozen_today):
    from skyddsnat.accounts import administration

    user = _created(cast, frozen_today, role="analyst", unit_ids=())
    # The HR file says she starts in the intake unit on 1 April as a caseworker.
    EmploymentPeriod.objects.create(
        user=user, unit=cast.intake_unit, role="caseworker", started_on=D("2026-04-01")
    )
    frozen_today(D("2026-04-10"))
    administration.update_user(
        acting_user=cast.adam,
        user_id=user.pk,
        data=_account(cast, unit_ids=(cast.intake_unit.pk,)),
    )
    assert _periods(user) == [("Mottagningen", "caseworker", "2026-04-01", None, "")]
