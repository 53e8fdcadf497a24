"""Settings, read from the environment.

``SKYDDSNAT_ENV`` is ``local`` (the default: demo data, embedded SQLite), ``test`` or
``production``. Production refuses to start without a real ``SKYDDSNAT_SECRET_KEY``.
``DATABASE_URL`` selects the database (default: SQLite under ``var/``);
``SKYDDSNAT_MIGRATION_DATABASE_URL`` the table owner's connection for ``migrate`` and disposal.
Every variable read here is listed, with its meaning and default, in ``docs/deploy.md``.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured

from skyddsnat.limits import MAX_BODY_BYTES
from skyddsnat.logconfig import FORMATS as LOG_FORMATS
from skyddsnat.logconfig import logging_config

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("SKYDDSNAT_VAR_DIR", PROJECT_DIR / "var"))

ENVIRONMENT = os.environ.get("SKYDDSNAT_ENV", "local")
if ENVIRONMENT not in {"local", "test", "production"}:
    raise ImproperlyConfigured(
        f"SKYDDSNAT_ENV must be local, test or production, not {ENVIRONMENT!r}"
    )
PRODUCTION = ENVIRONMENT == "production"

LOCAL_SECRET_KEY = "local-development-key-not-for-production"  # nosec B105
SECRET_KEY = os.environ.get("SKYDDSNAT_SECRET_KEY", "")
if PRODUCTION:
    # Sessions, CSRF tokens and password-reset links are signed with it. A real one by Django's
    # own measure (``check --deploy``): long, varied, not a placeholder.
    if not SECRET_KEY:
        raise ImproperlyConfigured("SKYDDSNAT_SECRET_KEY must be set in production.")
    if (
        len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH
        or len(set(SECRET_KEY)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
        or SECRET_KEY.startswith(SECRET_KEY_INSECURE_PREFIX)
        or SECRET_KEY == LOCAL_SECRET_KEY
    ):
        raise ImproperlyConfigured(
            f"SKYDDSNAT_SECRET_KEY must be a real secret in production: at least "
            f"{SECRET_KEY_MIN_LENGTH} random characters. Make one with: "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
elif not SECRET_KEY:
    SECRET_KEY = LOCAL_SECRET_KEY

DEBUG = os.environ.get("SKYDDSNAT_DEBUG", "0" if PRODUCTION else "1") == "1"
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get(
        "SKYDDSNAT_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver"
    ).split(",")
    if h.strip()
]
if PRODUCTION and not ALLOWED_HOSTS:
    # Django would answer every request with 400 Bad Request; say why at start-up instead.
    raise ImproperlyConfigured(
        "SKYDDSNAT_ALLOWED_HOSTS must be set in production: the host names the service answers "
        "to, separated by commas (e.g. skyddsnat.kommun.se)."
    )

# The API's description (/api/v1/docs, /api/v1/openapi.json) needs a login unless in DEBUG.
SKYDDSNAT_API_DOCS_PUBLIC = DEBUG

# Demo users and data exist only outside production.
DEMO_ENABLED = not PRODUCTION and os.environ.get("SKYDDSNAT_DEMO", "1") == "1"

# The population register (folkbokföring) adapter: a dotted path to a class with ``lookup``
# (skyddsnat.people.register, docs/population-register.md). Outside production the synthetic
# register written with the demo data; in production none until the municipality's is set.
SKYDDSNAT_POPULATION_REGISTER = os.environ.get(
    "SKYDDSNAT_POPULATION_REGISTER",
    "skyddsnat.people.register.NoRegister"
    if PRODUCTION
    else "skyddsnat.people.register.SyntheticRegister",
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_q",
    # The project itself: every text stored fits its field (skyddsnat/storedtext.py).
    "skyddsnat.apps.SkyddsnatConfig",
    "skyddsnat.accounts",
    "skyddsnat.people",
    "skyddsnat.cases",
    "skyddsnat.intake",
    "skyddsnat.investigations",
    "skyddsnat.interventions",
    "skyddsnat.plans",
    "skyddsnat.timestudy",
    "skyddsnat.actionplans",
    "skyddsnat.followups",
    "skyddsnat.journal",
    "skyddsnat.audit",
    "skyddsnat.retention",
    "skyddsnat.surveys",
    "skyddsnat.api",
    "skyddsnat.demo",
    "skyddsnat.jobs",
    "skyddsnat.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # In production the static files (collected into STATIC_ROOT) are served by WhiteNoise,
    # here, before every other middleware: they carry no personal data and keep their caching.
    *(["whitenoise.middleware.WhiteNoiseMiddleware"] if PRODUCTION else []),
    # Outside all the others, so that every answer they give is covered: no cache keeps a copy
    # of anything but a static file (personal data; skyddsnat/nostore.py).
    "skyddsnat.nostore.NoStoreMiddleware",
    # Django's session middleware, extending the session at most once a minute (decision 0048).
    "skyddsnat.accounts.sessions.IdleSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "skyddsnat.accounts.two_factor.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Before any view reads the request (and inside the headers above, which its refusals
    # carry too): a body too large (413) or a text that cannot be stored.
    "skyddsnat.inputguard.InputGuardMiddleware",
    "skyddsnat.audit.context.AuditContextMiddleware",
    # Last, as django-axes asks: it turns a lockout into the Swedish lockout page.
    "axes.middleware.AxesMiddleware",
]

# The largest request body (skyddsnat/limits.py); the request guard answers 413 beyond it.
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_BODY_BYTES

ROOT_URLCONF = "skyddsnat.urls"
WSGI_APPLICATION = "skyddsnat.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["django.templatetags.i18n", "django.templatetags.static"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "skyddsnat.web.context.layout",
            ],
        },
    },
]

if "DATABASE_URL" not in os.environ:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
# A worker keeps its database connection for the next request (docs/decisions/0050): a new
# PostgreSQL connection, and the new server process behind it warming its caches for every table
# a request touches, cost more than the rest of an intake. gunicorn's workers are processes of
# one thread each, so that is one connection per worker; a connection that broke while idle (the
# server restarted) is found at the start of the next request and replaced, not used.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'skyddsnat.sqlite3'}"),
        conn_max_age=int(os.environ.get("SKYDDSNAT_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# The embedded SQLite serves several people at once (docs/decisions/0013): the write-ahead log
# lets reads go on beside the one writer; every transaction takes the write lock when it begins
# (BEGIN IMMEDIATE), so that two of them never both read and then deadlock over who may write;
# and a request waits up to ``timeout`` seconds for that lock instead of failing with
# "database is locked". Options in the DATABASE_URL's query string take precedence.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL",
}
# The role that owns the tables, apart from the application's (docs/security.md, "Database
# roles"): on PostgreSQL the application (DATABASE_URL) runs as a role that only reads and
# writes rows, and ``migrate`` and disposal (``skyddsnat/disposal.py``) connect through the alias
# "owner" given by SKYDDSNAT_MIGRATION_DATABASE_URL. Set it only where those run; the running
# application does not need it. In tests the alias mirrors the default database.
if os.environ.get("SKYDDSNAT_MIGRATION_DATABASE_URL"):
    DATABASES["owner"] = dj_database_url.parse(os.environ["SKYDDSNAT_MIGRATION_DATABASE_URL"])
    DATABASES["owner"]["TEST"] = {"MIRROR": "default"}
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.sqlite3":
        _database["OPTIONS"] = {**SQLITE_OPTIONS, **_database.get("OPTIONS", {})}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# Argon2 first; the others only to read (and upgrade at the next login) older hashes.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    # django-axes counts failed logins and refuses a locked-out username from the same address.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("SKYDDSNAT_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5  # hours: 30 minutes
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The client address (for the lockout and the audit log) is REMOTE_ADDR. Behind the
# municipality's reverse proxies set SKYDDSNAT_TRUSTED_PROXY_COUNT to their number: then the
# address the outermost one saw is taken from X-Forwarded-For. With 0 (the default) the header
# is ignored and cannot be spoofed; behind a proxy every client then has the proxy's address and
# a lockout is in effect per username.
SKYDDSNAT_TRUSTED_PROXY_COUNT = int(os.environ.get("SKYDDSNAT_TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "skyddsnat.audit.context.client_ip"

# The TOTP second factor for staff (django-otp): on in production, off in the demo and tests.
SKYDDSNAT_REQUIRE_2FA = os.environ.get("SKYDDSNAT_REQUIRE_2FA", "1" if PRODUCTION else "0") == "1"
OTP_TOTP_ISSUER = "Skyddsnät"

# Single sign-on for staff with OpenID Connect (decision 0024, docs/deploy.md "Single sign-on").
# Off unless the provider's discovery URL and this client's id are set; the local password +
# TOTP login stays either way. A user is found by her "SSO-identitet" (``User.sso_subject``),
# which the administrator sets, compared with the claim named here; nobody is created from a
# claim. The session counts as having its second factor when the id_token's ``amr`` has one of
# SKYDDSNAT_OIDC_MFA_AMR or its ``acr`` is one of SKYDDSNAT_OIDC_MFA_ACR; otherwise the user
# gives her TOTP code as after a password.
SKYDDSNAT_OIDC_DISCOVERY_URL = os.environ.get("SKYDDSNAT_OIDC_DISCOVERY_URL", "")
SKYDDSNAT_OIDC_CLIENT_ID = os.environ.get("SKYDDSNAT_OIDC_CLIENT_ID", "")
SKYDDSNAT_OIDC_CLIENT_SECRET = os.environ.get("SKYDDSNAT_OIDC_CLIENT_SECRET", "")
SKYDDSNAT_OIDC_USER_CLAIM = os.environ.get("SKYDDSNAT_OIDC_USER_CLAIM", "sub")
SKYDDSNAT_OIDC_SCOPES = os.environ.get("SKYDDSNAT_OIDC_SCOPES", "openid email profile")
SKYDDSNAT_OIDC_BUTTON_LABEL = os.environ.get(
    "SKYDDSNAT_OIDC_BUTTON_LABEL", "Logga in med kommunens konto"
)
SKYDDSNAT_OIDC_MFA_AMR = [
    v.strip() for v in os.environ.get("SKYDDSNAT_OIDC_MFA_AMR", "mfa").split(",") if v.strip()
]
SKYDDSNAT_OIDC_MFA_ACR = [
    v.strip() for v in os.environ.get("SKYDDSNAT_OIDC_MFA_ACR", "").split(",") if v.strip()
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/login/"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# ``manage.py collectstatic`` copies the static files here; in production WhiteNoise serves
# them from here with names that carry a hash of their content (cached for a year).
STATIC_ROOT = Path(os.environ.get("SKYDDSNAT_STATIC_ROOT", VAR_DIR / "static"))
if PRODUCTION:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

# The idle timeout: a session ends 30 minutes after it was last extended, which a request does
# when the last extension is a minute old or more (skyddsnat.accounts.sessions, decision 0048):
# saving it on every request was a write, on SQLite a commit, on every page.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    SECURE_SSL_REDIRECT = os.environ.get("SKYDDSNAT_SSL_REDIRECT", "1") == "1"
    # The health endpoint answers a monitor on the server itself over plain HTTP too.
    SECURE_REDIRECT_EXEMPT = [r"^halsa/$"]
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp): no inline scripts or styles anywhere; scripts and styles
# come from our own static files. The API's Swagger page loads its viewer from a CDN and is
# left out (it shows no case data).
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/api/v1/docs"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Error reports carry no request bodies or variables that may hold personal data.
DEFAULT_EXCEPTION_REPORTER_FILTER = "skyddsnat.errorreports.SafeExceptionReporterFilter"

# One handler, and every record goes through it and its personal-data filter (identity numbers
# masked), as text or, with SKYDDSNAT_LOG_FORMAT=json, one JSON object a line
# (skyddsnat/logconfig.py; gunicorn's logging is built from the same). Django's own handlers are
# removed: the "django" logger's debug console and mail_admins, and "django.server"'s, which
# writes runserver's access log (each request line with its query string); their records go up
# to the root's handler instead.
LOG_FORMAT = os.environ.get("SKYDDSNAT_LOG_FORMAT", "text")
if LOG_FORMAT not in LOG_FORMATS:
    raise ImproperlyConfigured(f"SKYDDSNAT_LOG_FORMAT must be text or json, not {LOG_FORMAT!r}")
LOGGING = logging_config(LOG_FORMAT, os.environ.get("SKYDDSNAT_LOG_LEVEL", "INFO"))

# Municipal settings that the law leaves open (docs/spec/process.md section 3); per unit later.
# The reporter feedback's week is the law's (19 kap. 6 § SoL 2025:400), not a setting: a
# SKYDDSNAT_REPORTER_FEEDBACK_DAYS left in an environment is ignored.
SKYDDSNAT_RULE_SETTINGS = {
    "protective_cutoff": os.environ.get("SKYDDSNAT_PROTECTIVE_CUTOFF", "16:00"),
}

# Disposal (*gallring*, ``manage.py dispose``) keeps the research sample (16 kap. 4 § SoL
# (2025:400)): every file of a municipality in the representative sample of municipalities
# (their codes), elsewhere the files of the children born on these days of a month.
SKYDDSNAT_DISPOSAL_KEEP_MUNICIPALITIES = frozenset(
    code.strip()
    for code in os.environ.get("SKYDDSNAT_DISPOSAL_KEEP_MUNICIPALITIES", "").split(",")
    if code.strip()
)
try:
    SKYDDSNAT_DISPOSAL_KEEP_BIRTH_DAYS = frozenset(
        int(day)
        for day in os.environ.get("SKYDDSNAT_DISPOSAL_KEEP_BIRTH_DAYS", "5,15,25").split(",")
        if day.strip()
    )
except ValueError as error:
    raise ImproperlyConfigured(
        "SKYDDSNAT_DISPOSAL_KEEP_BIRTH_DAYS must be days of the month separated by commas."
    ) from error
if not all(1 <= day <= 31 for day in SKYDDSNAT_DISPOSAL_KEEP_BIRTH_DAYS):
    raise ImproperlyConfigured("SKYDDSNAT_DISPOSAL_KEEP_BIRTH_DAYS must be days from 1 to 31.")
# Scheduled work and notifications (docs/decisions/0017): django-q2 with the database as its
# queue, so the embedded SQLite and PostgreSQL alike need nothing else. The worker is
# ``manage.py qcluster`` (make run starts it beside runserver; a systemd unit in production,
# docs/deploy.md). A job that fails is run again ``retry`` seconds later, at most
# ``max_attempts`` times in all; then it stays failed, shown at /administration/jobb/.
JOB_TIMEOUT_SECONDS = 600
Q_CLUSTER = {
    "name": "skyddsnat",
    "orm": "default",
    "workers": int(os.environ.get("SKYDDSNAT_JOB_WORKERS", "1")),
    "timeout": JOB_TIMEOUT_SECONDS,
    # Must be longer than the timeout, or a slow job would be started twice.
    "retry": max(
        int(os.environ.get("SKYDDSNAT_JOB_RETRY_SECONDS", "900")), JOB_TIMEOUT_SECONDS + 60
    ),
    "max_attempts": int(os.environ.get("SKYDDSNAT_JOB_MAX_ATTEMPTS", "3")),
    "ack_failures": False,
    # How many successful jobs are kept; failures are kept until removed.
    "save_limit": 250,
    # The queue is a table: look at it every few seconds, not five times a second.
    "poll": 5,
    # A daily job missed while the worker was down runs once, not once per day missed.
    "catch_up": False,
    "label": "Jobb",
}
# The daily digest of time limits to each caseworker and manager (skyddsnat/jobs/digest.py),
# at this local time every working day.
SKYDDSNAT_DIGEST_TIME = os.environ.get("SKYDDSNAT_DIGEST_TIME", "06:30")
# The address staff reach Skyddsnät at: the links in e-mails start with it.
SKYDDSNAT_BASE_URL = os.environ.get("SKYDDSNAT_BASE_URL", "http://127.0.0.1:8000")

# E-mail. In production through an SMTP server (by default the machine's own mail server on
# port 25); outside production written to files under var/mail (one file per e-mail), so the
# demo sends nothing anywhere. The tests use Django's in-memory outbox.
EMAIL_DELIVERY = os.environ.get("SKYDDSNAT_EMAIL", "smtp" if PRODUCTION else "file")
EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
}
if EMAIL_DELIVERY not in EMAIL_BACKENDS:
    raise ImproperlyConfigured(
        f"SKYDDSNAT_EMAIL must be smtp, file or console, not {EMAIL_DELIVERY!r}"
    )
EMAIL_BACKEND = EMAIL_BACKENDS[EMAIL_DELIVERY]
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = os.environ.get("SKYDDSNAT_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("SKYDDSNAT_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("SKYDDSNAT_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("SKYDDSNAT_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("SKYDDSNAT_EMAIL_STARTTLS", "0") == "1"
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("SKYDDSNAT_EMAIL_FROM", "skyddsnat@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
