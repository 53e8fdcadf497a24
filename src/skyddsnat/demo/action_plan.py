"""The demo's action plan (*handlingsplan*): the municipality's plan from the start of last year
to the end of next, with goals on three indicators (one target revised, so its versions show)
and measures in every status, one of them overdue.

Written through the services with the clock frozen along the plan's history, so that the
follow-up and the committee's quarterly report have something to show.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from skyddsnat.accounts.models import User
from skyddsnat.actionplans import services
from skyddsnat.actionplans.models import ActionPlan
from skyddsnat.demo.timeline import at, frozen_clock, working_day

#: (goal, indicator, baseline, target) in per cent; the goals of the plan, in order.
GOALS = (
    (
        "Fler förhandsbedömningar klara inom 14 dagar",
        "prelim_within_14d_share",
        Decimal("78"),
        Decimal("95"),
    ),
    (
        "Utredningarna blir klara inom fyra månader",
        "investigation_within_4m_share",
        Decimal("65"),
        Decimal("85"),
    ),
    (
        "Barnet kommer till tals redan i förhandsbedömningen",
        "prelim_child_heard_share",
        Decimal("40"),
        Decimal("70"),
    ),
)
#: (goal number, measure, owner's username, due in days from the plan's start, status)
MEASURES = (
    (0, "Daglig genomgång av nya anmälningar på mottagningen", "mottagning1", 60, "done"),
    (0, "Mall för förhandsbedömning med bevakning av dag 10", "enhetschef1", 200, "ongoing"),
    (1, "Utredningsplan inom en vecka från inledd utredning", "handlaggare1", 120, "done"),
    (
        1,
        "Veckovis ärendedragning av utredningar äldre än tre månader",
        "enhetschef1",
        300,
        "planned",
    ),
    (2, "Samtalsmetodik med barn: utbildning för mottagningen", "mottagning1", 400, "ongoing"),
    (2, "Barnsamtal på skolan i stället för på kontoret", "handlaggare1", 150, "cancelled"),
)


def load_action_plan(manager: User, today: date) -> ActionPlan:
    """Write the demo's action plan as ``manager`` (enhetschef1); return it."""
    starts_on = date(today.year - 1, 1, 1)
    with frozen_clock() as set_now:
        set_now(at(working_day(starts_on + timedelta(days=14)), 10))
        plan = services.create_plan(
            acting_user=manager,
            name=f"Socialnämndens handlingsplan {today.year - 1}–{today.year + 1}",
            unit_id=None,
            starts_on=starts_on,
            ends_on=date(today.year + 1, 12, 31),
        )
        goals = [
            services.add_goal(
                acting_user=manager,
                plan_id=plan.pk,
                title=title,
                indicator_id=indicator,
                baseline=baseline,
                target=target,
                target_on=date(today.year + 1, 12, 31),
            )
            for title, indicator, baseline, target in GOALS
        ]
        users = {u.username: u for u in User.objects.filter(municipality=manager.municipality)}
        for number, title, owner, due, status in MEASURES:
            measure = services.add_measure(
                acting_user=manager,
                goal_id=goals[number].pk,
                title=title,
                owner_id=users[owner].pk,
                due_on=starts_on + timedelta(days=due),
            )
            if status != "planned":
                services.set_measure_status(
                    acting_user=manager, measure_id=measure.pk, status=status
                )
        # Half a year in, the investigation target is lowered for a year of vacancies.
        set_now(at(working_day(starts_on + timedelta(days=190)), 10))
        services.revise_target(
            acting_user=manager,
            goal_indicator_id=goals[1].indicators.get().pk,
            target=Decimal("80"),
            target_on=date(today.year + 1, 12, 31),
            reason="Två vakanser på utredningsenheten under hösten; målet nås ett halvår senare.",
        )
    return plan
