"""Login hardening: Argon2, lockout, session expiry, the second factor, audit rows, headers."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.contrib.auth.hashers import make_password
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from skyddsnat.audit.models import AuditEvent
from tests.web.builders import named_case

PASSWORD = "test-password-long"
PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project_hashers(settings):
    """The project's own password hashers (the tests swap in MD5 for speed)."""
    from skyddsnat import settings as project_settings

    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS


def test_a_new_password_is_stored_as_an_argon2_hash(cast, project_hashers):
    cast.alice.set_password("ett-nytt-langt-losenord")
    cast.alice.save()
    cast.alice.refresh_from_db()
    assert cast.alice.password.startswith("argon2$argon2id$")
    client = Client()
    client.post("/login/", {"username": "alice", "password": "ett-nytt-langt-losenord"})
    assert client.session["_auth_user_id"] == str(cast.alice.pk)


def test_an_older_hash_becomes_argon2_at_the_next_login(cast, project_hashers):
    cast.alice.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    cast.alice.save()
    assert _log_in(Client()) == 302
    cast.alice.refresh_from_db()
    assert cast.alice.password.startswith("argon2$argon2id$")


def test_it_writes_audit_rows_for_a_login_and_a_failed_login(cast):
    client = Client()
    client.post("/login/", {"username": "alice", "password": "wrong-password"})
    client.post("/login/", {"username": "alice", "password": PASSWORD})
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", "actor", "object_id"))
    assert actions == [
        ("login_failed", None, str(cast.alice.pk)),
        ("login", cast.alice.pk, str(cast.alice.pk)),
    ]


def test_a_failed_login_for_an_unknown_name_is_audited_without_the_name(cast):
    Client().post("/login/", {"username": "191212121212", "password": "x"})
    row = AuditEvent.objects.get()
    assert (row.action, row.actor_id, row.object_id) == ("login_failed", None, "")
    assert "191212121212" not in str(AuditEvent.objects.values().get())


@pytest.fixture
def lockout(settings):
    settings.AXES_ENABLED = True
    from axes.utils import reset

    reset()
    yield
    reset()


def test_it_locks_out_after_five_failed_logins_with_a_swedish_message(cast, lockout):
    client = Client()
    for _ in range(5):
        client.post("/login/", {"username": "alice", "password": "wrong-password"})
    answer = client.post("/login/", {"username": "alice", "password": PASSWORD})
    assert answer.status_code == 429
    assert "För många misslyckade inloggningsförsök" in answer.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_failures_do_not_lock_the_account(cast, lockout):
    client = Client()
    for _ in range(4):
        client.post("/login/", {"username": "alice", "password": "wrong-password"})
    answer = client.post("/login/", {"username": "alice", "password": PASSWORD})
    assert answer.status_code == 302
    assert client.session["_auth_user_id"] == str(cast.alice.pk)


PROXY = "10.0.0.2"  # the municipality's reverse proxy, as REMOTE_ADDR sees it


def _fail_five_times_then_log_in(forwarded_for: str, then_from: str) -> int:
    """Fail five logins as ``forwarded_for`` (via the proxy), then log in correctly as
    ``then_from``; return the status of that login."""
    for _ in range(5):
        Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for).post(
            "/login/", {"username": "alice", "password": "wrong-password"}
        )
    client = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=then_from)
    return client.post("/login/", {"username": "alice", "password": PASSWORD}).status_code


def test_behind_a_trusted_proxy_two_clients_are_locked_out_separately(cast, lockout, settings):
    settings.SKYDDSNAT_TRUSTED_PROXY_COUNT = 1
    # The client may send its own X-Forwarded-For; the proxy appends the address it saw.
    assert (
        _fail_five_times_then_log_in("198.51.100.6, 192.0.2.10", "198.51.100.6, 192.0.2.20") == 302
    )
    locked = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.10")
    assert locked.post("/login/", {"username": "alice", "password": PASSWORD}).status_code == 429


def test_without_the_proxy_setting_x_forwarded_for_is_ignored(cast, lockout, settings):
    settings.SKYDDSNAT_TRUSTED_PROXY_COUNT = 0
    assert _fail_five_times_then_log_in("192.0.2.10", "192.0.2.20") == 429


def test_the_audit_rows_carry_the_client_address_behind_a_trusted_proxy(cast, settings):
    settings.SKYDDSNAT_TRUSTED_PROXY_COUNT = 1
    Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.10").post(
        "/login/", {"username": "alice", "password": PASSWORD}
    )
    settings.SKYDDSNAT_TRUSTED_PROXY_COUNT = 0
    Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.10").post(
        "/login/", {"username": "alice", "password": PASSWORD}
    )
    assert list(AuditEvent.objects.order_by("pk").values_list("action", "ip")) == [
        ("login", "192.0.2.10"),
        ("login", PROXY),
    ]


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "192.0.2.10", PROXY),
        (1, "", PROXY),  # did not come through the proxy
        (1, "not-an-address", PROXY),
        (1, "192.0.2.1, 192.0.2.10", "192.0.2.10"),
        (2, "192.0.2.1, 192.0.2.10, 10.0.0.1", "192.0.2.10"),
        (2, "192.0.2.10", PROXY),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address(rf, settings, proxies, forwarded, expected):
    from skyddsnat.audit.context import client_ip

    settings.SKYDDSNAT_TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


@pytest.fixture
def later(monkeypatch):
    """Move the wall clock on: ``later(minutes=31)`` is 31 minutes after the test began.

    Django's ``timezone.now`` moves, and so does every module that imported it by name
    (django-axes does), so sessions and the lockout see the same time.
    """
    real = timezone.now
    offset = [timedelta()]

    def shifted():
        return real() + offset[0]

    monkeypatch.setattr(timezone, "now", shifted)
    for module in list(sys.modules.values()):
        if module is not None and getattr(module, "now", None) is real:
            monkeypatch.setattr(module, "now", shifted)

    def move(*, minutes: int = 0, seconds: int = 0) -> None:
        offset[0] = timedelta(minutes=minutes, seconds=seconds)

    return move


def _log_in(client: Client) -> int:
    return client.post("/login/", {"username": "alice", "password": PASSWORD}).status_code


def test_the_lockout_cools_off_after_30_minutes(cast, lockout, later):
    for _ in range(5):
        Client().post("/login/", {"username": "alice", "password": "wrong-password"})
    later(minutes=29)
    assert _log_in(Client()) == 429
    # A try while locked out starts the 30 minutes again; 31 minutes later the lock is gone.
    later(minutes=29 + 31)
    assert _log_in(Client()) == 302


@pytest.fixture
def locked_out_cases(cast, frozen_today):
    """Alice's own case, a case of the intake unit (not hers), and one of Söderby's."""
    frozen_today(date(2026, 3, 18))
    return {
        "own": named_case(cast.alice, date(2026, 3, 10), "Ella Qvarnsenius", seed=1),
        "other_unit": named_case(cast.ida, date(2026, 3, 10), "Olle Zetterquist", seed=2),
        "soderby": named_case(cast.sara, date(2026, 3, 10), "Saga Wirsénius", seed=3),
    }


def test_a_locked_out_user_can_still_use_the_api_with_a_token(
    cast, lockout, api_token_client, locked_out_cases
):
    client = Client()
    for _ in range(6):
        client.post("/login/", {"username": "alice", "password": "wrong-password"})
    api = api_token_client(cast.alice)
    assert api.get(f"/api/v1/cases/{locked_out_cases['own'].pk}").status_code == 200
    # The policy's answers, as for anyone: another unit's case of the same municipality is
    # forbidden (403), another municipality's case does not exist (404).
    assert api.get(f"/api/v1/cases/{locked_out_cases['other_unit'].pk}").status_code == 403
    assert api.get(f"/api/v1/cases/{locked_out_cases['soderby'].pk}").status_code == 404


@pytest.fixture
def api_token_client(db):
    from skyddsnat.accounts.models import ApiToken

    def make(user):
        return Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(user)}")

    return make


def test_a_session_expires_after_30_minutes_without_activity(cast, later):
    client = Client()
    client.force_login(cast.alice)
    later(minutes=29)
    assert client.get("/arenden/").status_code == 200
    later(minutes=29 + 31)
    answer = client.get("/arenden/")
    assert answer.status_code == 302
    assert answer["Location"].startswith("/login/")


def test_each_request_extends_the_session(cast, later):
    client = Client()
    client.force_login(cast.alice)
    for minutes in (20, 40, 60, 80):  # never 30 minutes without a request
        later(minutes=minutes)
        assert client.get("/arenden/").status_code == 200, f"logged out after {minutes} minutes"


def _session_writes(client: Client, url: str) -> int:
    """Return how many writes to the session table answering ``url`` took."""
    from django.db import connection

    writes = []

    def wrapper(execute, sql, params, many, context):
        if "django_session" in sql and not sql.lstrip().upper().startswith("SELECT"):
            writes.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        assert client.get(url).status_code == 200
    return len(writes)


def test_a_page_within_a_minute_of_the_last_extension_writes_no_session(cast, later):
    """The session is extended at most once a minute (decision 0048): a page asked for in
    between writes nothing for it; one asked for a minute later extends it."""
    client = Client()
    assert _log_in(client) == 302
    later(seconds=30)
    assert _session_writes(client, "/arenden/") == 0
    later(seconds=61)
    assert _session_writes(client, "/arenden/") == 1
    later(seconds=90)
    assert _session_writes(client, "/arenden/") == 0


def test_the_idle_timeout_is_never_longer_than_30_minutes(cast, later):
    """A page asked for within the minute does not extend the session: it still ends 30 minutes
    after the last extension, which is at most a minute before the last request."""
    client = Client()
    assert _log_in(client) == 302
    later(seconds=50)
    assert client.get("/arenden/").status_code == 200
    later(minutes=30, seconds=1)
    answer = client.get("/arenden/")
    assert answer.status_code == 302
    assert answer["Location"].startswith("/login/")


def test_the_keep_alive_always_extends_the_session(cast, later):
    client = Client()
    client.force_login(cast.alice)
    later(seconds=10)
    assert client.post("/session/forlang/").status_code == 204
    later(minutes=30, seconds=5)  # 30 minutes from the login, less from the keep-alive
    assert client.get("/arenden/").status_code == 200


def test_the_page_tells_the_browser_how_long_the_session_lasts(cast, later):
    client = Client()
    assert _log_in(client) == 302
    later(seconds=40)
    html = client.get("/arenden/").content.decode()
    age = int(re.search(r'data-session-age="(\d+)"', html).group(1))
    assert 1750 < age <= 1760  # 30 minutes less the 40 seconds since it was extended


@pytest.fixture
def require_2fa(settings):
    settings.SKYDDSNAT_REQUIRE_2FA = True


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_with_2fa_required_a_password_alone_reaches_no_page(cast, require_2fa):
    TOTPDevice.objects.create(user=cast.alice, name="app")
    client = Client()
    client.post("/login/", {"username": "alice", "password": PASSWORD})
    answer = client.get("/arenden/")
    assert answer.status_code == 302
    assert answer["Location"].startswith("/login/tvafaktor/")
    assert client.get("/api/v1/cases/1").status_code == 401


def test_with_2fa_required_the_right_code_opens_the_pages(cast, require_2fa):
    device = TOTPDevice.objects.create(user=cast.alice, name="app")
    client = Client()
    client.post("/login/", {"username": "alice", "password": PASSWORD})
    not_the_code = f"{(int(_code(device)) + 1) % 1_000_000:06d}"
    wrong = client.post("/login/tvafaktor/", {"code": not_the_code, "next": "/arenden/"})
    assert "Koden stämmer inte" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    answer = client.post("/login/tvafaktor/", {"code": _code(device), "next": "/arenden/"})
    assert answer.status_code == 302
    assert answer["Location"] == "/arenden/"
    assert client.get("/arenden/").status_code == 200


def test_without_a_device_the_user_enrols_one_at_her_first_login(cast, require_2fa):
    client = Client()
    client.force_login(cast.alice)
    page = client.get("/login/tvafaktor/").content.decode()
    assert "Registrera din autentiseringsapp" in page
    device = TOTPDevice.objects.get(user=cast.alice, confirmed=False)
    assert client.get("/arenden/").status_code == 302
    answer = client.post("/login/tvafaktor/", {"code": _code(device), "next": "/arenden/"})
    assert answer["Location"] == "/arenden/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/arenden/").status_code == 200
    row = AuditEvent.objects.get(object_type="otp_totp.totpdevice", action="create")
    assert row.actor == cast.alice and device.key not in row.detail


def test_a_wrong_code_does_not_enrol_the_device(cast, require_2fa):
    client = Client()
    client.force_login(cast.alice)
    client.get("/login/tvafaktor/")
    answer = client.post("/login/tvafaktor/", {"code": "000000"})
    assert "Koden stämmer inte" in answer.content.decode()
    assert not TOTPDevice.objects.filter(user=cast.alice, confirmed=True).exists()


def test_the_enrol_command_creates_a_device_and_prints_its_key(cast, capsys):
    from django.core.management import call_command

    call_command("totp_enrol", "alice")
    assert TOTPDevice.objects.filter(user=cast.alice, confirmed=True).count() == 1
    assert "otpauth://totp/" in capsys.readouterr().out


def test_the_enrol_command_writes_an_audit_row_without_the_key(cast, capsys):
    from django.core.management import call_command

    call_command("totp_enrol", "alice")
    call_command("totp_enrol", "alice", "--replace")
    device = TOTPDevice.objects.get(user=cast.alice)
    rows = list(AuditEvent.objects.order_by("pk"))
    assert [(r.action, r.actor_id, r.object_type, r.channel, r.detail) for r in rows] == [
        (
            "create",
            None,
            "otp_totp.totpdevice",
            "system",
            f"command=totp_enrol;user={cast.alice.pk};replaced=0",
        ),
        (
            "create",
            None,
            "otp_totp.totpdevice",
            "system",
            f"command=totp_enrol;user={cast.alice.pk};replaced=1",
        ),
    ]
    assert rows[1].object_id == str(device.pk)
    stored = str(list(AuditEvent.objects.values()))
    assert device.key not in stored
    assert "otpauth" not in stored


def test_outside_production_a_password_alone_opens_the_pages(cast):
    """The tests run the local demo's settings (no ``SKYDDSNAT_ENV``): no second factor, even
    for a user who has a device. Production asks for it (below)."""
    TOTPDevice.objects.create(user=cast.alice, name="app")
    client = Client()
    assert _log_in(client) == 302
    assert client.get("/arenden/").status_code == 200
    assert client.get("/api/v1/cases/1").status_code == 404  # a session the API accepts


def test_pages_carry_a_content_security_policy_without_inline_scripts(cast):
    client = Client()
    client.force_login(cast.alice)
    answer = client.get("/arenden/")
    policy = answer["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert answer["X-Frame-Options"] == "DENY"
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert answer["Referrer-Policy"] == "same-origin"


def test_no_template_has_an_inline_script_or_handler():
    import re

    offenders = []
    for template in (PROJECT / "src/skyddsnat").rglob("templates/**/*.html"):
        if template.name.endswith("_pdf.html"):
            continue  # rendered to PDF on the server, never served as HTML
        text = template.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            offenders.append(f"{template.name}: inline <script>")
        if re.search(r"\son[a-z]+\s*=|\shx-on", text):
            offenders.append(f"{template.name}: event handler attribute")
        if re.search(r"<style|\sstyle\s*=", text):
            offenders.append(f"{template.name}: inline style")
    assert not offenders


def production_env(tmp_path) -> dict[str, str]:
    env = {
        **os.environ,
        "SKYDDSNAT_ENV": "production",
        "SKYDDSNAT_SECRET_KEY": "x7!" + "k9Qz" * 15 + "-production-like-secret",
        "SKYDDSNAT_ALLOWED_HOSTS": "skyddsnat.example.se",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SKYDDSNAT_VAR_DIR": str(tmp_path),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests in this process
    return env


def test_check_deploy_passes_with_production_settings(tmp_path):
    env = production_env(tmp_path)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_requires_the_second_factor_and_shows_no_debug_pages(tmp_path):
    code = "from django.conf import settings as s; print(s.SKYDDSNAT_REQUIRE_2FA, s.DEBUG)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=PROJECT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split()[-2:] == ["True", "False"], result.stderr
