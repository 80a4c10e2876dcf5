"""Meedoen settings: every knob comes from the environment.

Development defaults are safe to run on a laptop (SQLite, in-process tasks,
console mail). With DEBUG off the secrets and hosts must be given, and
`python manage.py check --deploy` is clean.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
import xstatic.pkg.bootstrap
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}.")


def envint(name: str, default: int, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}; got {value}.")
    return value


def envfloat(name: str, default: float, *, minimum: float, maximum: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number such as 0.05; got {raw!r}.") from None
    if not minimum <= value <= maximum:
        raise ImproperlyConfigured(f"{name} must be between {minimum} and {maximum}; got {value}.")
    return value


def envlist(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def envrequired(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when DEBUG is off.")
    return value


DEBUG = envbool("DEBUG", True)

if DEBUG:
    SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-use-in-production-0123456789abcdef"
    ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
else:
    SECRET_KEY = envrequired("SECRET_KEY")
    ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", [])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")

CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "csp",
    "config.apps.ConfigConfig",
    "signals",
    "monitoring",
    "consent",
    "learning",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "config.middleware.FriendlyMethodNotAllowed",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
CSRF_FAILURE_VIEW = "config.views.csrf_failure"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 60 * 60)

# Language: Dutch first, English second. No language prefix in URLs; the
# choice is kept in a cookie by Django's set_language view.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# In development WhiteNoise serves straight from the finders; in production
# from STATIC_ROOT after collectstatic.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
# Bootstrap comes from the XStatic-Bootstrap package (served under static/bootstrap/);
# htmx from django-htmx's bundled copy.
STATICFILES_DIRS = [BASE_DIR / "static", ("bootstrap", xstatic.pkg.bootstrap.BASE_DIR)]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Strict Content-Security-Policy: scripts and styles only from this app.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Bootstrap's CSS draws form controls with data: SVG images.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Security headers; with DEBUG off these default to the strict values that
# `check --deploy` asks for. Behind a TLS-terminating proxy set
# SECURE_PROXY_SSL_HEADER=1 so Django trusts X-Forwarded-Proto.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
if envbool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Celery. Without CELERY_BROKER_URL tasks run in-process (the embedded default).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", CELERY_BROKER_URL or None)
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE

# A shared cache (Redis) keeps the residents' rate limit the same across
# workers; without CACHE_URL each process counts on its own.
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
# Behind a proxy that sets X-Forwarded-For, count requests per visitor, not per proxy.
TRUST_X_FORWARDED_FOR = envbool("TRUST_X_FORWARDED_FOR", False)

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# Contact data (consent/) is encrypted field by field. CONTACT_ENCRYPTION_KEYS:
# comma-separated Fernet keys, newest first (rotation with MultiFernet);
# CONTACT_HASH_KEY: the key of the HMAC that finds a contact by e-mail.
CONTACT_ENCRYPTION_KEYS = envlist("CONTACT_ENCRYPTION_KEYS", [])
CONTACT_HASH_KEY = os.environ.get("CONTACT_HASH_KEY", "")
if DEBUG and not (CONTACT_ENCRYPTION_KEYS and CONTACT_HASH_KEY):
    from config.devkeys import read_or_create

    _dev_keys = read_or_create(BASE_DIR / ".dev-keys.env")
    CONTACT_ENCRYPTION_KEYS = CONTACT_ENCRYPTION_KEYS or [_dev_keys["CONTACT_ENCRYPTION_KEYS"]]
    CONTACT_HASH_KEY = CONTACT_HASH_KEY or _dev_keys["CONTACT_HASH_KEY"]
if not CONTACT_ENCRYPTION_KEYS:
    raise ImproperlyConfigured(
        "CONTACT_ENCRYPTION_KEYS must be set when DEBUG is off. Make a key with: python -c "
        "'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
    )
if not CONTACT_HASH_KEY:
    raise ImproperlyConfigured("CONTACT_HASH_KEY must be set when DEBUG is off (a long random string).")

# The controller named on consent receipts and in the processing register, and
# the address residents' personal links point to.
CONTROLLER_NAME = os.environ.get("CONTROLLER_NAME", "Adviesraad Sociaal Domein Delft")
CONTROLLER_EMAIL = os.environ.get("CONTROLLER_EMAIL", "adviesraad@example.nl")
# The controller's postal address and the privacy officer's contact, for the register (Art. 30 AVG).
CONTROLLER_ADDRESS = os.environ.get("CONTROLLER_ADDRESS", "Postbus 78, 2600 ME Delft")
PRIVACY_OFFICER_NAME = os.environ.get("PRIVACY_OFFICER_NAME", "Functionaris gegevensbescherming")
PRIVACY_OFFICER_EMAIL = os.environ.get("PRIVACY_OFFICER_EMAIL", "privacy@example.nl")
# In development the links point where `make run` serves (it passes PORT); an explicit SITE_URL wins. With
# DEBUG off PORT is not read: a platform's PORT is what the server binds behind a proxy, not the public address.
PORT = envint("PORT", 8000, minimum=1) if DEBUG else 8000
if PORT > 65535:
    raise ImproperlyConfigured(f"PORT must be at most 65535; got {PORT}.")
SITE_URL = (os.environ.get("SITE_URL") or f"http://127.0.0.1:{PORT}").rstrip("/")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", CONTROLLER_EMAIL)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "sent-mail"))
# Residents' personal links: valid this many seconds. At most RESIDENT_LINK_REQUESTS_PER_HOUR requests
# per hour for one e-mail address, and RESIDENT_LINK_REQUESTS_PER_IP_PER_HOUR from one IP address: higher,
# because residents share a computer (a library, a community centre) or a network.
RESIDENT_LINK_MAX_AGE = envint("RESIDENT_LINK_MAX_AGE", 2 * 60 * 60, minimum=60)
RESIDENT_SESSION_SECONDS = envint("RESIDENT_SESSION_SECONDS", 30 * 60, minimum=60)
RESIDENT_LINK_REQUESTS_PER_HOUR = envint("RESIDENT_LINK_REQUESTS_PER_HOUR", 5, minimum=1)
RESIDENT_LINK_REQUESTS_PER_IP_PER_HOUR = envint("RESIDENT_LINK_REQUESTS_PER_IP_PER_HOUR", 30, minimum=1)
# Remind residents by e-mail this many days before a consent ends (0: off).
CONSENT_REMINDER_DAYS = envint("CONSENT_REMINDER_DAYS", 0)

# Imports of aggregated data: the smallest group a survey figure may describe,
# and the largest file accepted.
MIN_CELL_SIZE = envint("MIN_CELL_SIZE", 10, minimum=1)
TABLE_MIN_CELL = envint("TABLE_MIN_CELL", 5, minimum=2)
# The cell-key method's perturbation table (monitoring/analysis/ptable.py; docs/methodology.md).
PTABLE_FILE = os.environ.get("PTABLE_FILE", "") or str(BASE_DIR / "monitoring" / "data" / "ptable.csv")
IMPORT_MAX_BYTES = envint("IMPORT_MAX_BYTES", 50_000_000, minimum=1000)
# Uploads larger than this are checked and imported by a Celery worker, with a progress bar.
IMPORT_BACKGROUND_BYTES = envint("IMPORT_BACKGROUND_BYTES", 500_000, minimum=0)
# The comparison of signals and data (monitoring/comparison.py); see README "Reading the verdicts".
COMPARE_MIN_SIGNALS = envint("COMPARE_MIN_SIGNALS", 5, minimum=1)
COMPARE_ALPHA = envfloat("COMPARE_ALPHA", 0.05, minimum=0.0001, maximum=0.5)
COMPARE_PREVIOUS_YEARS = envint("COMPARE_PREVIOUS_YEARS", 3, minimum=1)
# Recency follows each indicator's periodicity; this is the limit for an irregular one (in years).
COMPARE_DATA_MAX_AGE = envint("COMPARE_DATA_MAX_AGE", 4, minimum=0)
# The signals' tests are corrected over the themes of one comparison (Benjamini–Hochberg).
COMPARE_FDR = envfloat("COMPARE_FDR", 0.10, minimum=0.001, maximum=0.5)
# A figure without a margin of error is worse than its benchmark only beyond this many percentage points.
COMPARE_MARGIN_POINTS = envfloat("COMPARE_MARGIN_POINTS", 2.0, minimum=0.0, maximum=100.0)
# The year the council started using Meedoen: no conversation date before 1 January of it (at most ten
# years back), and the comparison starts there (docs/methodology.md).
SIGNALS_START_YEAR = envint("SIGNALS_START_YEAR", 2024, minimum=1900)
if datetime.date.today().year < SIGNALS_START_YEAR:
    raise ImproperlyConfigured(f"SIGNALS_START_YEAR must not lie in the future; got {SIGNALS_START_YEAR}.")
# The dashboard's charts are cached this many seconds (0: always fresh).
DASHBOARD_CACHE_SECONDS = envint("DASHBOARD_CACHE_SECONDS", 300, minimum=0)
# Uploaded files waiting for a check or a confirm are deleted after this many days.
UPLOAD_KEEP_DAYS = envint("UPLOAD_KEEP_DAYS", 7, minimum=1)

# The municipality whose districts the app uses (CBS code).
MUNICIPALITY_CODE = os.environ.get("MUNICIPALITY_CODE", "GM0503").strip().upper()

# A signal's text is replaced by a tombstone this many years after its conversation date; its
# themes, district, period and kind stay for the counts (signals/retention.py, docs/adr/0009).
SIGNAL_TEXT_RETENTION_YEARS = envint("SIGNAL_TEXT_RETENTION_YEARS", 5, minimum=1)
# The guard treats a full date more than this many years before the conversation as a date of
# birth, even without "geboren" (signals/guard/patterns.py).
GUARD_BIRTH_DATE_YEARS = envint("GUARD_BIRTH_DATE_YEARS", 10, minimum=1)

# Theme suggestions (learning/suggestions): a suggestion below this confidence is not shown; a theme
# with fewer tagged signals than this is suggested only through its description; with fewer tagged
# signals than this in all, the form says suggestions are not available yet.
SUGGEST_MIN_CONFIDENCE = envfloat("SUGGEST_MIN_CONFIDENCE", 0.2, minimum=0.0, maximum=1.0)
SUGGEST_MIN_THEME_SIGNALS = envint("SUGGEST_MIN_THEME_SIGNALS", 8, minimum=1)
SUGGEST_MIN_SIGNALS = envint("SUGGEST_MIN_SIGNALS", 50, minimum=1)
# Emerging topics (learning/topics): the default period in days and the bounds on the number of topics.
TOPICS_DAYS = envint("TOPICS_DAYS", 90, minimum=7)
TOPICS_MIN = envint("TOPICS_MIN", 3, minimum=2)
TOPICS_MAX = envint("TOPICS_MAX", 12, minimum=2)
# A topic whose most common theme covers less than this share of its signals is flagged as a possible new theme.
TOPICS_MIN_COVERAGE = envfloat("TOPICS_MIN_COVERAGE", 0.5, minimum=0.0, maximum=1.0)

# The personal-data guard builds its lookup cache here once per machine (about
# 90 s the first time), outside the virtualenv so a fresh venv reuses it.
DEDUCE_CACHE_DIR = Path(
    os.environ.get("DEDUCE_CACHE_DIR")
    or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "meedoen" / "deduce"
)

# Rows per page of every list. SIGNALS_PER_PAGE is its old name (deprecated), still read when PER_PAGE is unset.
PER_PAGE = envint("PER_PAGE", envint("SIGNALS_PER_PAGE", 25, minimum=1), minimum=1)

# Logs go to stderr and never hold request bodies; the formatter replaces
# e-mail addresses, phone numbers, postcodes, BSNs and IBANs in every line,
# tracebacks included, by a tag. Configuring the root logger
# here also stops deduce's import-time logging.basicConfig(DEBUG, stdout) from
# taking effect, which would otherwise pollute command output.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").strip().upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(f"LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL; got {LOG_LEVEL!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "redacted": {
            "()": "config.logfilters.RedactingFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s: %(message)s",
        }
    },
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "redacted"}},
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        # Replace Django's own console handlers, which would print every line a
        # second time without the redaction filter.
        "django": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "deduce": {"level": "WARNING"},
        "docdeid": {"level": "WARNING"},
    },
}
