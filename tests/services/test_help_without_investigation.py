"""Help without investigation (SoL 2025:400 11 kap. 5 §) and referral elsewhere: two outcomes of
the preliminary assessment, an intervention kind, and the indicators that count them apart."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.cases.choices import Phase
from skyddsnat.cases.facts import case_obligations
from skyddsnat.cases.lifecycle import close
from skyddsnat.errors import InvalidInput
from tests.cast import local, pin_for
from tests.services.flow import case_about, decide, decide_preliminary, end, investigated_case

D = date
OLLE = pin_for(D(2014, 2, 3), "boy")


@pytest.fixture
def reported(cast, frozen_today):
    frozen_today(D(2026, 4, 1))
    return case_about(cast.alice, local(2026, 3, 2, 9), OLLE)


def test_early_help_leads_to_an_intervention_without_an_investigation(cast, reported):
    assessment = decide_preliminary(cast.alice, reported, D(2026, 3, 10), "early_help")
    reported.refresh_from_db()
    assert (assessment.outcome, reported.phase) == ("early_help", Phase.INTERVENTION)
    help_ = decide(cast.alice, reported, D(2026, 3, 12), "help_without_assessment")
    assert help_.kind == "help_without_assessment"
    kinds = {o.kind for o in case_obligations(reported, D(2026, 4, 1))}
    assert "investigation" not in kinds
    assert ("preliminary_assessment" in kinds) and ("evaluation" not in kinds)
    end(cast.alice, help_, D(2026, 3, 31))
    reported.refresh_from_db()
    close(reported)
    assert reported.phase == Phase.CLOSED


def test_referral_names_where_and_closes_the_case(cast, reported):
    with pytest.raises(InvalidInput) as refused:
        decide_preliminary(cast.alice, reported, D(2026, 3, 10), "referred")
    assert "transferred_to" in refused.value.errors
    decide_preliminary(
        cast.alice, reported, D(2026, 3, 10), "referred", transferred_to="Familjecentralen"
    )
    reported.refresh_from_db()
    assert reported.phase == Phase.CLOSED


def test_the_help_kind_is_voluntary_and_never_after_an_investigation(cast, frozen_today):
    frozen_today(D(2026, 7, 1))
    case = investigated_case(cast.alice, OLLE, D(2026, 3, 2), D(2026, 5, 29))
    with pytest.raises(InvalidInput) as refused:
        decide(cast.alice, case, D(2026, 6, 1), "help_without_assessment")
    assert "kind" in refused.value.errors


def test_help_without_assessment_with_lvu_basis_is_refused(cast, reported):
    decide_preliminary(cast.alice, reported, D(2026, 3, 10), "early_help")
    with pytest.raises(InvalidInput) as refused:
        decide(cast.alice, reported, D(2026, 3, 12), "help_without_assessment", basis="lvu_2")
    assert "basis" in refused.value.errors
