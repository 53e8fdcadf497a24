"""Administration services (accounts.administration, accounts.csv_import): the administrator
manages her own municipality's units, users and API tokens; every change is audited; a
deactivated user's sessions end at once and her tokens are revoked; the CSV import is all or
nothing and idempotent by username."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from skyddsnat.accounts import administration, csv_import
from skyddsnat.accounts.models import ApiToken, Role, Unit, User
from skyddsnat.audit.models import AuditEvent
from skyddsnat.errors import Forbidden, InvalidInput, NotFound, StateConflict

SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "anvandare.csv"


def data(**changes) -> administration.UserData:
    values = {
        "first_name": "Vera",
        "last_name": "Exempelsson",
        "email": "vera@example.org",
        "role": Role.CASEWORKER,
        "unit_ids": (),
        "employment_started_on": date(2026, 1, 1),
        "employment_ended_on": None,
    }
    values.update(changes)
    return administration.UserData(**values)


def admin_rows(event: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(detail__startswith=f"admin={event}"))


def test_it_creates_a_user_in_the_administrators_municipality_and_audits_it(cast):
    user = administration.create_user(
        acting_user=cast.adam,
        username="Vera.E",
        data=data(unit_ids=(cast.inv_unit.pk,)),
        password="ett-langt-losenord-1",
    )
    assert user.username == "vera.e"
    assert user.municipality == cast.norrby
    assert list(user.units.all()) == [cast.inv_unit]
    assert user.check_password("ett-langt-losenord-1")
    [row] = admin_rows("user_created")
    assert row.actor == cast.adam
    assert row.municipality_id == cast.norrby.pk
    assert row.detail == f"admin=user_created;user={user.pk}"


def test_without_a_password_the_user_gets_a_one_time_link(cast):
    user = administration.create_user(acting_user=cast.adam, username="vera", data=data())
    assert not user.has_usable_password()
    link = administration.password_link(acting_user=cast.adam, user_id=user.pk)
    client = Client()
    page = client.get(link, follow=True)
    assert page.status_code == 200
    answer = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "ett-langt-losenord-1", "new_password2": "ett-langt-losenord-1"},
    )
    assert answer.status_code == 302
    user.refresh_from_db()
    assert user.check_password("ett-langt-losenord-1")
    assert AuditEvent.objects.filter(actor=user, detail=f"password_set;user={user.pk}").exists()
    assert b"inte l\xc3\xa4ngre" in client.get(link, follow=True).content  # used once


def test_it_refuses_a_unit_of_another_municipality_and_a_taken_username(cast):
    with pytest.raises(InvalidInput) as error:
        administration.create_user(
            acting_user=cast.adam, username="sara", data=data(unit_ids=(cast.soderby_unit.pk,))
        )
    assert "Användarnamnet är upptaget." in error.value.errors["username"]
    assert "Välj enheter i din egen kommun." in error.value.errors["units"]


def test_a_weak_first_password_is_refused_in_swedish(cast):
    with pytest.raises(InvalidInput) as error:
        administration.create_user(
            acting_user=cast.adam, username="vera", data=data(), password="kort"
        )
    assert error.value.errors["password"]
    assert not User.objects.filter(username="vera").exists()


@pytest.mark.parametrize("name", ["alice", "maja", "nils", "ana", "sara"])
def test_no_other_role_may_administer(cast, name):
    with pytest.raises(Forbidden):
        administration.create_unit(acting_user=getattr(cast, name), name="Ny", kind="other")
    with pytest.raises(Forbidden):
        administration.deactivate_user(acting_user=getattr(cast, name), user_id=cast.bob.pk)


def test_another_municipalitys_user_and_unit_are_not_found(cast):
    with pytest.raises(NotFound):
        administration.deactivate_user(acting_user=cast.adam, user_id=cast.sara.pk)
    with pytest.raises(NotFound):
        administration.update_unit(
            acting_user=cast.adam, unit_id=cast.soderby_unit.pk, name="X", kind="other"
        )
    with pytest.raises(NotFound):
        administration.issue_token(acting_user=cast.adam, user_id=cast.sara.pk)
    token = ApiToken.create_for(cast.sara)[0]
    with pytest.raises(NotFound):
        administration.revoke_token(acting_user=cast.adam, token_id=token.pk)


def test_units_are_created_renamed_and_deactivated(cast):
    unit = administration.create_unit(acting_user=cast.adam, name="Familjehem", kind="foster_care")
    administration.update_unit(
        acting_user=cast.adam, unit_id=unit.pk, name="Familjehemsenheten", kind="foster_care"
    )
    administration.set_unit_active(acting_user=cast.adam, unit_id=unit.pk, active=False)
    unit.refresh_from_db()
    assert (unit.name, unit.is_active) == ("Familjehemsenheten", False)
    with pytest.raises(StateConflict):
        administration.set_unit_active(acting_user=cast.adam, unit_id=unit.pk, active=False)
    with pytest.raises(InvalidInput):
        administration.create_user(
            acting_user=cast.adam, username="vera", data=data(unit_ids=(unit.pk,))
        )
    assert [r.detail.split(";")[0] for r in AuditEvent.objects.order_by("pk")] == [
        "admin=unit_created",
        "admin=unit_updated",
        "admin=unit_deactivated",
    ]


def test_a_unit_name_is_unique_in_the_municipality(cast):
    with pytest.raises(InvalidInput) as error:
        administration.create_unit(acting_user=cast.adam, name="mottagningen", kind="intake")
    assert error.value.errors["name"] == ["Det finns redan en enhet med det namnet."]
    assert Unit.objects.filter(name="Barn och unga").count() == 1  # Söderby's, untouched


def test_role_and_units_are_changed(cast):
    administration.update_user(
        acting_user=cast.adam,
        user_id=cast.bob.pk,
        data=data(role=Role.MANAGER, unit_ids=(cast.inv_unit.pk, cast.intake_unit.pk)),
    )
    cast.bob.refresh_from_db()
    assert cast.bob.role == Role.MANAGER
    assert set(cast.bob.units.all()) == {cast.inv_unit, cast.intake_unit}


def test_the_administrator_cannot_remove_her_own_role_or_deactivate_herself(cast):
    with pytest.raises(InvalidInput):
        administration.update_user(acting_user=cast.adam, user_id=cast.adam.pk, data=data())
    with pytest.raises(Forbidden):
        administration.deactivate_user(acting_user=cast.adam, user_id=cast.adam.pk)


def test_deactivation_ends_the_sessions_and_revokes_the_tokens_at_once(cast, frozen_today):
    frozen_today(date(2026, 3, 18))
    client = Client()
    client.force_login(cast.alice)
    other = Client()
    other.force_login(cast.bob)
    token = ApiToken.issue(cast.alice)
    assert client.get("/arenden/").status_code == 200

    administration.deactivate_user(acting_user=cast.adam, user_id=cast.alice.pk)

    cast.alice.refresh_from_db()
    assert not cast.alice.is_active
    assert cast.alice.employment_ended_on == date(2026, 3, 18)
    assert client.get("/arenden/")["Location"].startswith("/login/")
    assert other.get("/arenden/").status_code == 200  # Bob's session is his own
    row = ApiToken.objects.get(digest=ApiToken.digest_of(token))
    assert row.revoked_because == ApiToken.Revocation.USER_INACTIVE
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.get("/api/v1/cases/1").status_code == 401
    [audit] = admin_rows("user_deactivated")
    assert audit.detail == f"admin=user_deactivated;user={cast.alice.pk};tokens=1;sessions=1"


def test_a_deactivated_user_is_reactivated(cast):
    administration.deactivate_user(acting_user=cast.adam, user_id=cast.bob.pk)
    with pytest.raises(StateConflict):
        administration.deactivate_user(acting_user=cast.adam, user_id=cast.bob.pk)
    administration.reactivate_user(acting_user=cast.adam, user_id=cast.bob.pk)
    cast.bob.refresh_from_db()
    assert cast.bob.is_active and cast.bob.employment_ended_on is None


def test_resetting_the_second_factor_removes_the_devices(cast):
    TOTPDevice.objects.create(user=cast.alice, name="app")
    assert administration.reset_second_factor(acting_user=cast.adam, user_id=cast.alice.pk) == 1
    assert not TOTPDevice.objects.filter(user=cast.alice).exists()
    assert admin_rows("second_factor_reset")


def test_tokens_are_issued_and_revoked_through_the_existing_services(cast):
    row, token = administration.issue_token(
        acting_user=cast.adam, user_id=cast.alice.pk, days=30, label="Verksamhetssystem"
    )
    assert row.digest == ApiToken.digest_of(token)
    assert token not in "".join(AuditEvent.objects.values_list("detail", flat=True))
    administration.revoke_token(acting_user=cast.adam, token_id=row.pk)
    row.refresh_from_db()
    assert row.revoked_at is not None
    assert admin_rows("token_issued") and admin_rows("token_revoked")


# --- the CSV import ---------------------------------------------------------------------------

HEADER = "anvandarnamn;fornamn;efternamn;epost;roll;enheter;anstalld_fran;anstalld_till\n"


def test_the_sample_file_imports_cleanly(cast):
    text = SAMPLE.read_text(encoding="utf-8")
    Unit.objects.create(municipality=cast.norrby, name="Familjehem", kind="foster_care")
    Unit.objects.create(municipality=cast.norrby, name="Öppenvården", kind="open_care")
    preview = csv_import.preview(acting_user=cast.adam, text=text)
    assert preview.ok, [(r.number, r.errors) for r in preview.rows]
    csv_import.import_users(acting_user=cast.adam, text=text)
    assert User.objects.filter(municipality=cast.norrby).count() == 8 + preview.new


def test_the_preview_names_every_wrong_row_in_swedish_and_writes_nothing(cast):
    text = HEADER + (
        "lisa;Lisa;Lind;lisa@example.org;caseworker;Mottagningen;2026-01-01;\n"
        "sara;Sara;Sydsson;;caseworker;;;\n"
        ";Utan;Namn;;Handläggare;;;\n"
        "olle;Olle;Ost;inte-epost;kock;Saknas;2026-13-01;\n"
        "lisa;Lisa;Lind;;caseworker;;;\n"
    )
    before = AuditEvent.objects.count()
    preview = csv_import.preview(acting_user=cast.adam, text=text)
    assert not preview.ok
    errors = {r.number: r.errors for r in preview.rows}
    assert errors[2] == []
    assert errors[3] == ["anvandarnamn: 'sara' är upptaget."]
    assert "anvandarnamn: saknas." in errors[4]
    assert any("'kock' är ingen roll" in e for e in errors[5])
    assert any("'Saknas' finns inte i kommunen" in e for e in errors[5])
    assert any("ÅÅÅÅ-MM-DD" in e for e in errors[5])
    assert errors[6] == ["anvandarnamn: 'lisa' finns redan på rad 2."]
    with pytest.raises(InvalidInput):
        csv_import.import_users(acting_user=cast.adam, text=text)
    assert not User.objects.filter(username="lisa").exists()
    assert AuditEvent.objects.count() == before


def test_the_import_is_idempotent_by_username(cast):
    text = HEADER + "lisa;Lisa;Lind;;Handläggare;Mottagningen;;\nalice;Alice;Ny;;manager;;;\n"
    csv_import.import_users(acting_user=cast.adam, text=text)
    again = csv_import.import_users(acting_user=cast.adam, text=text)
    assert (again.new, again.updated) == (0, 2)
    assert User.objects.filter(username="lisa").count() == 1
    cast.alice.refresh_from_db()
    assert (cast.alice.last_name, cast.alice.role) == ("Ny", Role.MANAGER)
    assert len(admin_rows("users_imported")) == 2


def test_a_file_without_the_columns_is_refused(cast):
    preview = csv_import.preview(acting_user=cast.adam, text="namn,epost\nx,y\n")
    assert preview.errors == [
        "Rubrikraden saknar kolumnerna: anvandarnamn, fornamn, efternamn, roll."
    ]


def test_the_import_is_atomic_when_a_save_fails(cast, monkeypatch):
    text = HEADER + "lisa;Lisa;Lind;;caseworker;;;\nolof;Olof;Ek;;caseworker;;;\n"
    real = administration.create_user
    calls = []

    def failing(**kwargs):
        calls.append(kwargs["username"])
        if len(calls) == 2:
            raise RuntimeError("databasen föll bort")
        return real(**kwargs)

    monkeypatch.setattr(administration, "create_user", failing)
    with pytest.raises(RuntimeError):
        csv_import.import_users(acting_user=cast.adam, text=text)
    assert not User.objects.filter(username__in=["lisa", "olof"]).exists()


def test_deactivation_keeps_an_end_of_employment_already_past(cast, frozen_today):
    frozen_today(date(2026, 3, 18))
    User.objects.filter(pk=cast.bob.pk).update(employment_ended_on=date(2026, 2, 28))
    administration.deactivate_user(acting_user=cast.adam, user_id=cast.bob.pk)
    cast.bob.refresh_from_db()
    assert cast.bob.employment_ended_on == date(2026, 2, 28)


def test_deactivation_cannot_end_before_the_employment_started(cast):
    User.objects.filter(pk=cast.bob.pk).update(employment_started_on=date(2026, 1, 1))
    with pytest.raises(InvalidInput):
        administration.deactivate_user(
            acting_user=cast.adam, user_id=cast.bob.pk, ended_on=date(2025, 12, 31)
        )
    cast.bob.refresh_from_db()
    assert cast.bob.is_active


def test_the_administrator_sets_a_users_sso_identity_and_it_is_unique(cast):
    administration.update_user(
        acting_user=cast.adam, user_id=cast.alice.pk, data=data(sso_subject=" Alice@Norrby.se ")
    )
    cast.alice.refresh_from_db()
    assert cast.alice.sso_subject == "Alice@Norrby.se"
    # Saved again unchanged: her own identity is no conflict.
    administration.update_user(
        acting_user=cast.adam, user_id=cast.alice.pk, data=data(sso_subject="alice@norrby.se")
    )
    with pytest.raises(InvalidInput) as error:
        administration.update_user(
            acting_user=cast.adam, user_id=cast.bob.pk, data=data(sso_subject="ALICE@norrby.se")
        )
    assert error.value.errors["sso_subject"] == [
        "SSO-identiteten är redan kopplad till en annan användare."
    ]


def test_the_import_keeps_an_updated_users_sso_identity(cast):
    cast.alice.sso_subject = "idp-alice"
    cast.alice.save()
    text = HEADER + "alice;Alice;Ny;;manager;;;\n"
    csv_import.import_users(acting_user=cast.adam, text=text)
    cast.alice.refresh_from_db()
    assert (cast.alice.last_name, cast.alice.sso_subject) == ("Ny", "idp-alice")


def test_the_import_sets_the_sso_identity_from_its_column(cast):
    text = (
        HEADER.rstrip("\n") + ";sso_identitet\n"
        "lisa;Lisa;Lind;;Handläggare;Mottagningen;;;Lisa.Lind@norrby.example\n"
        "alice;Alice;Ny;;manager;;;;\n"
    )
    cast.alice.sso_subject = "idp-alice"
    cast.alice.save()
    csv_import.import_users(acting_user=cast.adam, text=text)
    assert User.objects.get(username="lisa").sso_subject == "Lisa.Lind@norrby.example"
    cast.alice.refresh_from_db()
    assert cast.alice.sso_subject == ""  # the column is there and empty: removed


def test_the_import_refuses_one_sso_identity_for_two_users(cast):
    cast.bob.sso_subject = "taken@norrby.example"
    cast.bob.save()
    text = (
        HEADER.rstrip("\n") + ";sso_identitet\n"
        "lisa;Lisa;Lind;;Handläggare;;;;same@norrby.example\n"
        "olle;Olle;Lind;;Handläggare;;;;SAME@norrby.example\n"
        "pia;Pia;Lind;;Handläggare;;;;taken@norrby.example\n"
    )
    preview = csv_import.preview(acting_user=cast.adam, text=text)
    errors = [e for row in preview.rows for e in row.errors]
    assert errors == [
        "sso_identitet: samma SSO-identitet finns redan på rad 2.",
        "sso_identitet: SSO-identiteten är redan kopplad till en annan användare.",
    ]
