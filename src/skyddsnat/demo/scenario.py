"""Scripted demo reports: open and overdue work for the demo logins, and long-running placements.

The random history already holds late and open work; these make sure every start page has
something to show whatever ``--reports`` is: for ``handlaggare1`` and ``handlaggare2`` an overdue
investigation, one due soon, a placement with an overdue visit and an unevaluated intervention;
for ``mottagning1`` an overdue preliminary assessment, a protective assessment due today and an
emergency custody with its court deadlines running; for the investigating unit's manager three
opened investigations waiting in "Att fördela".
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from skyddsnat.demo import texts
from skyddsnat.demo.families import Families
from skyddsnat.demo.reports import ReportSpec, Script
from skyddsnat.demo.timeline import at


def _spec(
    families: Families,
    day: date,
    hh: int,
    category: str,
    reason: str,
    script: Script,
    rng: random.Random,
    ages: tuple[int, int] = (6, 16),
) -> ReportSpec:
    family = families.new(day, ages=ages)
    family.reserved = True
    child = family.children[0]
    return ReportSpec(
        received_at=at(day, hh, rng.randint(0, 59)),
        family=family,
        members=[child],
        category=category,
        channel="police_report" if category == "police" else "phone",
        reasons=[reason],
        urgency="acute" if script.protective == "emergency_custody" else "normal",
        account=texts.ACCOUNTS[reason][0],
        reporter_name="Anna Exempelsson" if category != "police" else "",
        organisation="Ekbackens skola" if category == "school" else "",
        script=script,
    )


def showcase(today: date, families: Families, rng: random.Random) -> list[ReportSpec]:
    """Return the scripted reports, relative to ``today``."""
    specs = []
    ago = lambda days: today - timedelta(days=days)  # noqa: E731
    for user in ("handlaggare1", "handlaggare2"):
        opened = dict(caseworker=user, prelim="opened", prelim_days=6)
        specs += [
            _spec(
                families,
                ago(165),
                10,
                "school",
                "violence_against_child",
                Script(**opened, inv_days=260),
                rng,
            ),  # overdue investigation
            _spec(
                families,
                ago(127),
                11,
                "health_care",
                "neglect",
                Script(**opened, inv_days=260),
                rng,
            ),  # investigation due soon
            _spec(
                families,
                ago(340),
                9,
                "preschool",
                "neglect",
                Script(
                    **opened,
                    inv_days=55,
                    outcome="intervention",
                    kind="foster_home",
                    visit_gaps=(70,),
                    runs_on=True,
                ),
                rng,
                (3, 10),
            ),  # overdue visit
            _spec(
                families,
                ago(330),
                14,
                "school",
                "school_absence",
                Script(
                    **opened,
                    inv_days=60,
                    outcome="intervention",
                    kind="contact_person",
                    end_after=100,
                    evaluate=False,
                ),
                rng,
            ),  # evaluation overdue
        ]
    intake = "mottagning1"
    specs += [
        _spec(
            families,
            ago(20),
            10,
            "school",
            "neglect",
            Script(registrar=intake, prelim="pending"),
            rng,
        ),
        _spec(
            families,
            ago(3),
            13,
            "preschool",
            "neglect",
            Script(registrar=intake, prelim="pending"),
            rng,
            (1, 5),
        ),
        _spec(
            families,
            ago(1),
            17,
            "police",
            "witnessed_violence",
            Script(registrar=intake, protective="pending", prelim="pending"),
            rng,
        ),
        _spec(
            families,
            ago(4),
            9,
            "police",
            "violence_against_child",
            Script(
                registrar=intake,
                protective="emergency_custody",
                caseworker="handlaggare1",
                outcome="lvu_application",
            ),
            rng,
        ),
    ]
    # Three opened investigations the manager has yet to give a caseworker: the investigating
    # unit's queue "Att fördela" (decision 0023). Reported by people who are not mandatory
    # reporters, so that no feedback waits on them.
    for days, category, reason in (
        (9, "relative", "neglect"),
        (6, "private_person", "guardian_substance_abuse"),
        (3, "relative", "witnessed_violence"),
    ):
        queued = Script(registrar=intake, prelim="opened", prelim_days=2, queued=True)
        specs.append(_spec(families, ago(days), 10, category, reason, queued, rng))
    return specs


def legacy(today: date, count: int, families: Families, rng: random.Random) -> list[ReportSpec]:
    """Return reports from before the two years whose foster-home placements still run today."""
    specs = []
    for _ in range(count):
        day = today - timedelta(days=rng.randint(800, 1400))
        script = Script(
            prelim="opened",
            outcome="intervention",
            kind=rng.choice(("foster_home", "kinship_foster_home")),
            runs_on=rng.random() < 0.8,
        )
        reason = rng.choice(("neglect", "guardian_substance_abuse"))
        specs.append(_spec(families, day, 10, "social_services", reason, script, rng, (1, 9)))
    return specs


def without_consent(today: date, families: Families, rng: random.Random) -> ReportSpec:
    """Return the report of a child placed in protected housing with the mother, without the
    father's consent (lag 2024:79), who also gets a temporary travel ban (LVU 31 d §): the
    court paths and the considerations (decision 0043).

    Drawn from its own ``rng``, the families' too while it is made: the other stories' draws
    stay as they were.
    """
    saved, families.rng = families.rng, rng
    try:
        housing = _spec(
            families,
            today - timedelta(days=150),
            11,
            "police",
            "witnessed_violence",
            Script(
                prelim="opened",
                prelim_days=1,
                caseworker="handlaggare2",
                inv_days=20,
                outcome="intervention",
                kind="protected_housing",
                runs_on=True,
                without_consent=True,
            ),
            rng,
            (4, 9),
        )
        family = housing.family
        custodial = [g for g in family.guardians if g.has_custody]
        oldest = min(c.birth_date for c in family.children)
        last = family.children[0].last_name
        mother = next((g for g in custodial if g.sex == "girl"), None)
        father = next((g for g in custodial if g.sex == "boy"), None)
        family.guardians = [
            mother or families._guardian(oldest, "girl", last),
            father or families._guardian(oldest, "boy", last),
        ]
    finally:
        families.rng = saved
    return housing
