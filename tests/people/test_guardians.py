"""Guardians are registered once per municipality and linked to each of their children."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.errors import InvalidInput, StateConflict
from skyddsnat.people.services import register_guardian
from tests.cast import local, pin_for
from tests.services.flow import report


def test_it_links_one_guardian_to_two_siblings(cast, frozen_today):
    frozen_today(date(2026, 3, 2))
    r = report(
        cast.ida,
        local(2026, 3, 2),
        [pin_for(date(2015, 1, 1), seed=1), pin_for(date(2018, 2, 2), seed=2)],
    )
    parent = pin_for(date(1985, 6, 6), "boy", seed=3)
    first, second = (case.child for case in r.cases.order_by("pk"))
    register_guardian(acting_user=cast.ida, child=first, personal_identity_number=parent)
    relation = register_guardian(
        acting_user=cast.ida, child=second, personal_identity_number=parent
    )
    assert relation.guardian.children.count() == 2
    assert relation.guardian.birth_date == date(1985, 6, 6)


def test_it_refuses_the_same_guardian_twice_and_bad_numbers(cast, frozen_today):
    frozen_today(date(2026, 3, 2))
    child = report(cast.ida, local(2026, 3, 2), [pin_for(date(2015, 1, 1))]).cases.get().child
    parent = pin_for(date(1985, 6, 6), "girl", seed=4)
    register_guardian(acting_user=cast.ida, child=child, personal_identity_number=parent)
    with pytest.raises(StateConflict):
        register_guardian(acting_user=cast.ida, child=child, personal_identity_number=parent)
    with pytest.raises(InvalidInput) as exc:
        register_guardian(
            acting_user=cast.ida, child=child, personal_identity_number="19850606-0000"
        )
    assert "personal_identity_number" in exc.value.errors
