"""The demo's finished time study: the five working days three weeks ago, of the manager
enhetschef1's units (intake and investigation), every participant's days registered and the
study closed, so that the results and the time-study indicators have something to show.

Written through the services with the clock frozen at the demo's today; each participant's day
is drawn from the national shares (the coordinator's result), with an odd gap left in.

Before it, a year earlier, a two-day study with the municipality's own category set for the
social workers (``OWN_SET``, each category counting in a headline), closed: the set is frozen,
and the two studies can be compared (``/tidsmatning/jamfor/``) by their headlines.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, timedelta

from skyddsnat.accounts.models import User
from skyddsnat.demo.timeline import at, frozen_clock
from skyddsnat.rules.calendar import is_swedish_non_working_day
from skyddsnat.timestudy import services
from skyddsnat.timestudy.models import Category, Study

NAME = "Tidsmätning (som den nationella samordnarens)"
EARLIER_NAME = "Tidsmätning med kommunens egna kategorier"
#: The municipality's own set: code, name, headline, weight (how often it is drawn).
OWN_SET: tuple[tuple[str, str, str, int], ...] = (
    ("barnsamtal", "Samtal med barnet", "child_time", 3),
    ("familj", "Möten med familj och nätverk", "direct_time", 12),
    ("utredning", "Dokumentation och utredning", "documentation_admin", 35),
    ("administration", "Administration", "documentation_admin", 12),
    ("samverkan", "Samverkan och konsultation", "", 12),
    ("ovrigt", "Restid, personaltid och övrigt", "", 26),
)


def load_time_study(manager: User, today: date, rng: random.Random) -> Study:
    """Create, fill in and close the demo's time study; return it."""
    with frozen_clock() as set_now:
        set_now(at(today, 12))
        _load_earlier_study(manager, today, rng)
        first, _ = services.default_period(today - timedelta(days=21))
        study = services.create_study(
            acting_user=manager,
            name=NAME,
            unit_ids=list(manager.units.values_list("pk", flat=True)),
            starts_on=first,
        )
        _register_all(study, rng)
        return services.close_study(acting_user=manager, study_id=study.pk)


def _load_earlier_study(manager: User, today: date, rng: random.Random) -> Study:
    """A closed two-day study a year ago, the social workers with the municipality's own set."""
    own = services.create_category_set(
        acting_user=manager,
        code="kommunens_kategorier",
        name="Kommunens egna kategorier",
        categories=[
            services.CategoryIn(code=code, name=name, headline=headline)
            for code, name, headline, _ in OWN_SET
        ],
    )
    first, last = services.default_period(today - timedelta(days=365), days=2)
    study = services.create_study(
        acting_user=manager,
        name=EARLIER_NAME,
        unit_ids=list(manager.units.values_list("pk", flat=True)),
        starts_on=first,
        ends_on=last,
        worker_set_id=own.pk,
    )
    _register_all(study, rng)
    return services.close_study(acting_user=manager, study_id=study.pk)


def _register_all(study: Study, rng: random.Random) -> None:
    participants = study.participants.select_related("user").order_by("pk")
    day = study.starts_on
    while day <= study.ends_on:
        if not is_swedish_non_working_day(day):
            for participant in participants:
                _register_day(participant.user, participant.category_set_id, day, rng)
        day += timedelta(days=1)


def _register_day(user: User, set_id: int, day: date, rng: random.Random) -> None:
    categories = list(Category.objects.filter(category_set_id=set_id))
    own_weights = {code: weight for code, _, _, weight in OWN_SET}
    weights = [(c.national_share or own_weights.get(c.code, 0)) + 0.5 for c in categories]
    moment = at(day, 8, rng.choice((0, 15, 30)))
    end_of_day = at(day, 16, 30)
    while moment < end_of_day:
        category = rng.choices(categories, weights)[0]
        length = timedelta(minutes=rng.choice((15, 30, 45, 60, 90)))
        ended: datetime = min(moment + length, end_of_day)
        services.add_block(
            acting_user=user,
            client_id=uuid.UUID(int=rng.getrandbits(128), version=4),
            category_code=category.code,
            started_at=moment,
            ended_at=ended,
        )
        # Now and then a gap (a forgotten registration), flagged on the participant's timeline.
        moment = ended + timedelta(minutes=15 if rng.random() < 0.08 else 0)
