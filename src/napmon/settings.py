"""Django settings for NAP Monitor.

Everything is configured through environment variables with documented defaults
(see README, "Configuration"). With nothing set, the platform runs on a SQLite
file inside ``NAPMON_DATA_DIR`` (default ``./var``).
"""

import secrets
from pathlib import Path

import dj_database_url

from napmon.core.config import ConfigError, env

BASE_DIR = Path(__file__).resolve().parent


DATA_DIR = Path(env("NAPMON_DATA_DIR")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """Use NAPMON_SECRET_KEY, else a key generated once into the data dir."""
    key = env("NAPMON_SECRET_KEY")
    if key:
        return key
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.touch(mode=0o600)
        key_file.write_text(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env("NAPMON_DEBUG")
ALLOWED_HOSTS = env("NAPMON_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("NAPMON_CSRF_TRUSTED_ORIGINS")

DATABASE_URL = env("NAPMON_DATABASE_URL") or f"sqlite:///{DATA_DIR / 'napmon.sqlite3'}"
# Server mode keeps connections for a minute (gunicorn workers are long-lived) and
# checks them before reuse, so a restarted PostgreSQL does not surface as errors.
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env("NAPMON_DB_CONN_MAX_AGE"),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "napmon.core",
    "napmon.plans",
    "napmon.indicators",
    "napmon.events",
    "napmon.analysis",
    "napmon.reporting",
    "napmon.briefs",
    "napmon.api",
    "napmon.web",
    "napmon.site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "napmon.core.middleware.SecurityHeadersMiddleware",
    "napmon.core.middleware.RequestSizeLimitMiddleware",
    "napmon.core.middleware.NullCharacterMiddleware",
    "napmon.core.middleware.BidiControlMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "napmon.core.two_factor.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "napmon.urls"
WSGI_APPLICATION = "napmon.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
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

# The throttling backend refuses logins for a username+address that failed too
# often (napmon.core.throttle); it otherwise behaves as Django's ModelBackend.
AUTHENTICATION_BACKENDS = ["napmon.core.throttle.ThrottledModelBackend"]
NAPMON_LOGIN_MAX_FAILURES = env("NAPMON_LOGIN_MAX_FAILURES")
NAPMON_LOGIN_LOCK_MINUTES = env("NAPMON_LOGIN_LOCK_MINUTES")

# Imports and the reporting cycle.
NAPMON_MAX_IMPORT_MB = env("NAPMON_MAX_IMPORT_MB")
# `napmon init` loads the built-in UCDP GED Pakistan events unless this is 0 (or --no-events).
NAPMON_BUILTIN_EVENTS = env("NAPMON_BUILTIN_EVENTS")
# A running task whose worker sent no heartbeat for this long is retried or failed.
NAPMON_TASK_LEASE_SECONDS = env("NAPMON_TASK_LEASE_SECONDS")
# ...and queued again until it has had this many runs (core.tasks).
NAPMON_TASK_MAX_ATTEMPTS = env("NAPMON_TASK_MAX_ATTEMPTS")
# Staff roles must turn on TOTP two-factor log-in (core.two_factor).
NAPMON_STAFF_REQUIRE_TOTP = env("NAPMON_STAFF_REQUIRE_TOTP")
# Zip-based uploads (XLSX, DOCX) are refused before parsing when their members would
# inflate beyond this many MB in all, or one member more than this many times.
NAPMON_MAX_UNZIPPED_MB = env("NAPMON_MAX_UNZIPPED_MB")
NAPMON_MAX_ZIP_RATIO = env("NAPMON_MAX_ZIP_RATIO")
NAPMON_BACKGROUND_IMPORT_MB = env("NAPMON_BACKGROUND_IMPORT_MB")
NAPMON_EVIDENCE_MAX_BYTES = env("NAPMON_EVIDENCE_MAX_MB") * 1024 * 1024
NAPMON_REPORTING_DEADLINE_DAY = env("NAPMON_REPORTING_DEADLINE_DAY")
NAPMON_REPORTING_LOCK_DAYS = env("NAPMON_REPORTING_LOCK_DAYS")
# Whether anonymous visitors may see which bodies reported for which month.
NAPMON_REPORTING_STATUS_PUBLIC = env("NAPMON_REPORTING_STATUS_PUBLIC")
NAPMON_REVIEW_PUBLISHER = env("NAPMON_REVIEW_PUBLISHER")
NAPMON_REMINDER_DAYS = env("NAPMON_REMINDER_DAYS")

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "reporting:landing"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ur", "اردو")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Karachi"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "napmon.core.staticfiles.QuickCompressedStorage"},
}
# Tests and `runserver` serve static files straight from the apps.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Uploads: requests above these sizes are refused before a view sees them; files
# above FILE_UPLOAD_MAX_MEMORY_SIZE are streamed to a temporary file, not memory.
NAPMON_MAX_UPLOAD_MB = env("NAPMON_MAX_UPLOAD_MB")
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MB of non-file form data
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
FILE_UPLOAD_PERMISSIONS = 0o640

# Background work (imports, briefs): django-tasks with its database backend, run by
# `napmon worker`. NAPMON_TASKS_BACKEND=immediate runs tasks inside the request.
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[env("NAPMON_TASKS_BACKEND")],
    }
}

SESSION_COOKIE_HTTPONLY = True
# A session ends after this many idle minutes: the cookie is renewed on every request.
NAPMON_SESSION_IDLE_MINUTES = env("NAPMON_SESSION_IDLE_MINUTES")
SESSION_COOKIE_AGE = NAPMON_SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Sent by napmon.core.middleware on every response that does not set its own.
NAPMON_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# Production hardening, switched on by NAPMON_HTTPS=1 behind a TLS proxy.
if env("NAPMON_HTTPS"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env("NAPMON_SSL_REDIRECT")
    SECURE_HSTS_SECONDS = env("NAPMON_HSTS_SECONDS")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Load balancers probe the health check over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

EMAIL_BACKEND = env("NAPMON_EMAIL_BACKEND")
EMAIL_FILE_PATH = DATA_DIR / "mail"
DEFAULT_FROM_EMAIL = env("NAPMON_FROM_EMAIL")

# NAPMON_LOG_FORMAT=json (set by `napmon serve` and `napmon worker`) writes one JSON
# object a line for log collectors; plain text otherwise.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "napmon.core.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if env("NAPMON_LOG_FORMAT") == "json" else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": env("NAPMON_LOG_LEVEL")},
}

# --- JSON API and briefs (napmon.api, napmon.briefs) --------------------------------
# "ninja" is installed as an app so the interactive docs at /api/v1/docs render its
# bundled Swagger UI from our own /static/ files, never from a CDN.
INSTALLED_APPS += ["ninja"]
# Requests per client (token, else session user, else IP) in a fixed window: "N/s|min|hour|day".
NAPMON_API_RATE = env("NAPMON_API_RATE")
# Uncached public pages an anonymous client may ask for per minute (core.page_cache).
NAPMON_PAGE_RATE = env("NAPMON_PAGE_RATE")
# Cached public pages and summary documents (core.page_cache, analysis.services.visible).
# "file" (default): one cache in the data dir that every gunicorn worker shares and that
# survives a restart, so a page computed once (or warmed by `napmon serve`) serves all.
# Entries are keyed on the data version, so a change to the data never serves stale.
if env("NAPMON_CACHE") not in ("file", "memory"):
    raise ConfigError("NAPMON_CACHE must be 'file' or 'memory'.")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache"),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
    if env("NAPMON_CACHE") == "file"
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
# Addresses (or networks, CIDR) of reverse proxies whose X-Forwarded-For is believed.
# Empty: the header is ignored and REMOTE_ADDR is the client (core.throttle.client_ip).
NAPMON_TRUSTED_PROXIES = env("NAPMON_TRUSTED_PROXIES")
# Public aggregates of aggregate-only datasets withhold any group that is or contains a
# cell with fewer than this many events (core.visibility).
NAPMON_SMALL_CELL_K = env("NAPMON_SMALL_CELL_K")
NINJA_PAGINATION_PER_PAGE = 100
NINJA_PAGINATION_MAX_LIMIT = 1000
