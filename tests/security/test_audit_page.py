"""The manager's audit page answers "who has read this child's file, when, and why"."""

from __future__ import annotations

from datetime import date

from django.test import Client

from skyddsnat.cases.models import Case
from tests.web.builders import named_case


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_manager_sees_who_read_a_childs_file_and_no_case_text(cast, frozen_today):
    frozen_today(date(2026, 3, 18))
    case = named_case(cast.alice, date(2026, 3, 10), "Ebba Lindqvist", seed=11)
    Case.objects.filter(pk=case.pk).update(unit=cast.inv_unit)
    client_for(cast.bob).get(f"/arenden/{case.pk}/")
    page = client_for(cast.maja).get(f"/enhet/logg/?barn={case.child_id}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Bob Testsson" in html and "Läsning" in html
    assert "Lindqvist" not in html
    assert case.child.personal_identity_number not in html


def test_another_units_case_is_not_in_the_managers_log(cast, frozen_today):
    frozen_today(date(2026, 3, 18))
    case = named_case(cast.carl, date(2026, 3, 10), "Noah Eriksson", seed=12)
    Case.objects.filter(pk=case.pk).update(unit=cast.intake_unit)
    client_for(cast.carl).get(f"/arenden/{case.pk}/")
    html = client_for(cast.maja).get(f"/enhet/logg/?barn={case.child_id}").content.decode()
    assert "Carl Testsson" not in html


def test_only_managers_see_the_log(cast):
    assert client_for(cast.bob).get("/enhet/logg/").status_code == 403
    assert client_for(cast.adam).get("/enhet/logg/").status_code == 403
