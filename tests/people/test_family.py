"""The child's people: filled from the population register, added and changed through a case,
every change dated, audited and kept."""

from __future__ import annotations

from datetime import date

import pytest

from skyddsnat.audit.models import AuditEvent
from skyddsnat.errors import Forbidden, InvalidInput, StateConflict
from skyddsnat.people import family
from skyddsnat.people.models import Guardian, GuardianRelation, PersonChange
from skyddsnat.people.register import NoRegister, SyntheticRegister, population_register
from tests.cast import local, pin_for
from tests.people.register_family import register_family
from tests.services.flow import case_about, report

DAY = date(2026, 3, 2)


@pytest.fixture
def today(frozen_today):
    frozen_today(DAY)


def test_the_synthetic_register_answers_with_the_family(db):
    fam = register_family()
    answer = SyntheticRegister().lookup(fam.children[0])
    assert answer is not None
    assert (answer.person.first_name, answer.person.last_name) == ("Alva", "Lind")
    assert answer.person.address == "Storgatan 1, 123 45 Norrby"
    assert [(g.person.first_name, g.has_custody) for g in answer.guardians] == [
        ("Karin", True),
        ("Johan", False),
    ]
    assert [s.personal_identity_number for s in answer.siblings] == [fam.children[1]]
    assert SyntheticRegister().lookup(pin_for(date(2015, 1, 1), seed=99)) is None


def test_the_setting_chooses_the_adapter(db, settings):
    settings.SKYDDSNAT_POPULATION_REGISTER = "skyddsnat.people.register.NoRegister"
    assert isinstance(population_register(), NoRegister)
    fam = register_family()
    assert population_register().lookup(fam.children[0]) is None


def test_a_child_registered_by_number_gets_name_address_and_people(cast, today):
    fam = register_family()
    case = case_about(cast.ida, local(2026, 3, 2), fam.children[0])
    child = case.child
    assert (child.first_name, child.last_name) == ("Alva", "Lind")
    assert child.address == "Storgatan 1, 123 45 Norrby"
    relations = {
        r.guardian.first_name: (r.kind, r.has_custody)
        for r in child.guardian_relations.select_related("guardian")
    }
    assert relations == {
        "Karin": ("parent", True),
        "Johan": ("parent", False),
        "Elis": ("sibling", False),
    }
    assert PersonChange.objects.filter(child=child, source="register").count() == 3
    assert (
        AuditEvent.objects.filter(
            object_type="people.guardianrelation", child_id=child.pk, action="create"
        ).count()
        == 3
    )


def test_siblings_registered_together_share_the_parents_once(cast, today):
    fam = register_family()
    r = report(cast.ida, local(2026, 3, 2), fam.children)
    first, second = (c.child for c in r.cases.order_by("pk"))
    assert Guardian.objects.filter(personal_identity_number=fam.mother).count() == 1
    assert first.guardian_relations.count() == second.guardian_relations.count() == 3


def test_a_typed_name_wins_and_protected_identity_is_kept(cast, today):
    fam = register_family(protected=True)
    from skyddsnat.intake import services as intake
    from skyddsnat.people.services import ChildInput
    from tests.services.flow import report_input

    r = intake.register_report(
        acting_user=cast.ida,
        data=report_input(
            local(2026, 3, 2),
            [ChildInput(personal_identity_number=fam.children[0], first_name="Lilla")],
        ),
    )
    child = r.cases.get().child
    assert child.first_name == "Lilla"
    assert child.protected_identity
    assert child.address == ""
    assert all(r.guardian.protected_identity for r in child.guardian_relations.all())


def test_an_unknown_number_still_reads_name_missing(cast, today):
    case = case_about(cast.ida, local(2026, 3, 2), pin_for(date(2015, 1, 1), seed=5))
    assert case.child.first_name == "Namn saknas"
    assert not case.child.guardian_relations.exists()


def test_a_change_keeps_the_earlier_value(cast, today):
    fam = register_family()
    case = case_about(cast.ida, local(2026, 3, 2), fam.children[0])
    family.change_child(
        acting_user=cast.ida,
        case_id=case.pk,
        data=family.PersonInput(first_name="Alva", last_name="Lind", address="Nygatan 2"),
    )
    change = PersonChange.objects.get(field="address", source="manual")
    assert (change.old_value, change.new_value) == ("Storgatan 1, 123 45 Norrby", "Nygatan 2")
    assert change.changed_by == cast.ida
    case.child.refresh_from_db()
    assert case.child.address == "Nygatan 2"
    assert AuditEvent.objects.filter(object_type="people.child", action="update").exists()


def test_a_person_is_added_and_the_relation_changed(cast, today):
    case = case_about(cast.ida, local(2026, 3, 2), pin_for(date(2015, 1, 1), seed=5))
    relation = family.add_person(
        acting_user=cast.ida,
        case_id=case.pk,
        kind="contact_person",
        data=family.PersonInput(first_name="Eva", last_name="Berg", phone="070-1"),
    )
    assert relation.get_kind_display() == "Kontaktperson"
    family.change_relation(
        acting_user=cast.ida,
        case_id=case.pk,
        relation_id=relation.pk,
        kind="foster_parent",
        has_custody=False,
        ended_on=date(2026, 3, 1),
    )
    relation.refresh_from_db()
    assert relation.kind == "foster_parent" and relation.ended_on == date(2026, 3, 1)
    kinds = PersonChange.objects.filter(record="relation", record_id=relation.pk)
    assert {(c.field, c.old_value, c.new_value) for c in kinds} == {
        ("created", "", "Kontaktperson"),
        ("kind", "Kontaktperson", "Familjehemsförälder"),
        ("ended_on", "", "2026-03-01"),
    }
    family.change_person(
        acting_user=cast.ida,
        case_id=case.pk,
        relation_id=relation.pk,
        data=family.PersonInput(first_name="Eva", last_name="Berg Ek", phone="070-1"),
    )
    assert PersonChange.objects.filter(record="person", field="last_name").get().old_value == "Berg"


def test_an_added_person_by_number_is_filled_from_the_register(cast, today):
    fam = register_family(household=2, last_name="Ek")
    case = case_about(cast.ida, local(2026, 3, 2), pin_for(date(2015, 1, 1), seed=5))
    relation = family.add_person(
        acting_user=cast.ida,
        case_id=case.pk,
        kind="parent",
        has_custody=True,
        personal_identity_number=fam.mother,
    )
    assert str(relation.guardian) == "Karin Ek"
    with pytest.raises(StateConflict):
        family.add_person(
            acting_user=cast.ida,
            case_id=case.pk,
            kind="parent",
            personal_identity_number=fam.mother,
        )


def test_bad_input_gets_swedish_messages(cast, today):
    case = case_about(cast.ida, local(2026, 3, 2), pin_for(date(2015, 1, 1), seed=5))
    with pytest.raises(InvalidInput) as exc:
        family.add_person(
            acting_user=cast.ida,
            case_id=case.pk,
            kind="aunt",
            personal_identity_number="19850606-0000",
        )
    assert set(exc.value.errors) == {"kind", "personal_identity_number"}
    with pytest.raises(InvalidInput) as exc:
        family.change_child(acting_user=cast.ida, case_id=case.pk, data=family.PersonInput())
    assert exc.value.errors["first_name"] == ["Ange förnamnet."]


def test_the_register_fills_a_child_registered_before_it_knew_them(cast, today, settings):
    settings.SKYDDSNAT_POPULATION_REGISTER = "skyddsnat.people.register.NoRegister"
    fam = register_family()
    case = case_about(cast.ida, local(2026, 3, 2), fam.children[0])
    assert case.child.first_name == "Namn saknas"
    settings.SKYDDSNAT_POPULATION_REGISTER = "skyddsnat.people.register.SyntheticRegister"
    added = family.fill_from_register(acting_user=cast.ida, case_id=case.pk)
    case.child.refresh_from_db()
    assert str(case.child) == "Alva Lind"
    assert len(added) == 3
    assert PersonChange.objects.get(field="first_name").old_value == "Namn saknas"


def test_only_those_who_may_change_the_case_change_the_people(cast, today):
    case = case_about(cast.ida, local(2026, 3, 2), pin_for(date(2015, 1, 1), seed=5))
    with pytest.raises(Forbidden):
        family.add_person(
            acting_user=cast.alice,
            case_id=case.pk,
            kind="sibling",
            data=family.PersonInput(first_name="Bo"),
        )
    assert not GuardianRelation.objects.exists()
