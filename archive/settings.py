"""
Settings for Embassy Row, read from the environment.

Development defaults are safe to run locally: SQLite in the project folder,
DEBUG on, a throwaway secret. Production sets DJANGO_ENV=production, which
refuses to start without a real SECRET_KEY and turns DEBUG off by default.
"""

import datetime
import logging
import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_count(name, default):
    """A whole number from 0 up, such as a number of seconds; anything else stops the start with a message."""
    value = os.environ.get(name, default)
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise ImproperlyConfigured(f"{name} is a whole number from 0 up, such as {default}: not {value!r}.")
    return number


DJANGO_ENV = os.environ.get("DJANGO_ENV") or "development"
if DJANGO_ENV not in ("development", "production"):
    # A misspelt "prod" would otherwise serve production with DEBUG on and the development secret.
    raise ImproperlyConfigured(f"DJANGO_ENV is development or production: not {DJANGO_ENV!r}.")
PRODUCTION = DJANGO_ENV == "production"
DEV_SECRET_KEY = "dev-only-insecure-secret-key-do-not-use-in-production"

# Empty is unset: Django would refuse it only on its first use, in the middle of a request.
SECRET_KEY = os.environ.get("SECRET_KEY") or DEV_SECRET_KEY
if PRODUCTION and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY in the environment for production.")

DEBUG = env_bool("DEBUG", not PRODUCTION)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
if PRODUCTION and not ALLOWED_HOSTS:
    # Otherwise every request would be answered 400, the page blaming what was sent.
    raise ImproperlyConfigured(
        "Set ALLOWED_HOSTS in the environment for production: the site's host names, comma-separated."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "taggit",
    "simple_history",
    "django_filters",
    "django.contrib.sitemaps",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "corsheaders",
    "archive",
    "people",
]

MIDDLEWARE = [
    "archive.middleware.HeadWithoutBody",
    "django.middleware.security.SecurityMiddleware",
    "archive.middleware.SecurityHeadersMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "archive.middleware.RejectNulMiddleware",
    # Before anything reads the body (sessions, CSRF): an upload larger than any form takes is not read.
    "archive.middleware.RefuseOversizedBodies",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: history records which editor made each change.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "archive.middleware.CollidedWrites",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: answers a locked-out login (archive.logins).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "archive.urls"
WSGI_APPLICATION = "archive.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# In production a worker keeps its database connection for good, checked before each request that
# uses it: a new one costs the next requests a new server process's cold caches (5–20 ms each on
# PostgreSQL). The development server runs every request in a thread of its own, with an open
# connection each: closed after each. CONN_MAX_AGE, in seconds, overrides either.
CONN_MAX_AGE = None if PRODUCTION else 0
if os.environ.get("CONN_MAX_AGE"):
    CONN_MAX_AGE = env_count("CONN_MAX_AGE", "600")

try:
    DATABASES = {
        # Empty is unset: dj-database-url would answer an empty configuration.
        "default": dj_database_url.parse(
            os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
            conn_max_age=CONN_MAX_AGE,
            conn_health_checks=True,
        )
    }
except ValueError as error:  # The URL is not repeated: it may hold a password.
    raise ImproperlyConfigured(
        f"DATABASE_URL is not a database URL, such as postgres://user@host:5432/name: {error}"
    ) from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; the timeout makes a writer
    # wait for the lock instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        # A 64 MiB page cache per connection (the default is 2 MiB): index pages stay in memory.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation and no parallel workers: both pay off for long analytical queries, and
    # cost a web request 40-100 ms (compiling, starting workers) whenever the planner's estimate
    # for a bounded query runs high; concurrent requests already use every core.
    # random_page_cost 1.1, not 4: the archive's pages are in memory or on SSD, where reading a
    # row by its index costs about what reading the next one does. At 4 the planner scans a
    # table to join a rare tag's 48 events (12 ms) instead of fetching them by key (0.4 ms).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", "-c jit=off -c max_parallel_workers_per_gather=0 -c random_page_cost=1.1"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A form's fields may hold an article pasted into the import form (5 MB at most, which the
# form checks and explains) and the rest of the form; Django's default is 2.5 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
# The interface is in English only (quotes keep their own languages): without the translation
# machinery, each URL reversed and each string marked for translation costs less.
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# The cache holds the rate limits' counts (archive.api.throttling). In production they are
# files, which every worker process of the machine shares; in development, in memory. Past
# MAX_ENTRIES Django drops a third of them at random: 10,000 clients a minute, not its 300.
CACHE_DIR = os.environ.get("CACHE_DIR", str(BASE_DIR / ".cache"))
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": CACHE_DIR,
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
        if PRODUCTION
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# How many proxies in front of the server add themselves to X-Forwarded-For (and, terminating
# TLS, set X-Forwarded-Proto). 0: clients connect directly, and those headers are not trusted.
TRUSTED_PROXIES = env_count("TRUSTED_PROXIES", "0")

TAGGIT_CASE_INSENSITIVE = True

# Failed logins (django-axes): five for one username from one address lock that pair out for
# a quarter of an hour; a login that succeeds clears its failures. Superusers see the attempts,
# and unlock by deleting them, under Axes in the admin. See archive.logins.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "archive.logins.client_address"
AXES_LOCKOUT_CALLABLE = "archive.logins.locked_out"
AXES_DISABLE_ACCESS_LOG = True  # failures are kept; every successful login need not be

# Scripts only from the archive's own files (no inline script, no eval); styles may be inline
# (the admin's widgets and the API docs set them). Workers from blob: for the API docs' ReDoc.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

if PRODUCTION:
    if TRUSTED_PROXIES:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_count("SECURE_HSTS_SECONDS", "31536000")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# LOG_LEVEL is the console's. Django's own loggers ("Not Found: ...", "Bad Request: ...") pass
# through it too, instead of through Django's default console handler, which ignored LOG_LEVEL and
# under DEBUG printed each of their lines a second time. runserver's request lines keep their own
# handler and format, as Django sets them.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING").strip().upper() or "WARNING"
if LOG_LEVEL not in logging.getLevelNamesMapping():
    raise ImproperlyConfigured(
        f"LOG_LEVEL is DEBUG, INFO, WARNING, ERROR or CRITICAL: not {os.environ['LOG_LEVEL']!r}."
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "django.server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}", "style": "{"}
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "level": LOG_LEVEL},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}

# The open data (the API, the CSV, Popolo and TimelineJS exports, the Atom feeds) can be read by
# scripts on any site, TimelineJS's own embed included: it is public, the same for everyone and
# read without cookies, so "*" shares nothing private. The pages are not shared.
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = (
    r"^/(api/.*|quotes/export\.csv|people/export\.popolo\.json|timeline/export\.json"
    r"|(articles|quotes|people/[^/]+|tags/[^/]+)/feed/)$"
)
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["Link", "Retry-After", "Content-Disposition"]

# The open-data API (/api/): read-only, anonymous, published content only.
# API_ANON_THROTTLE_RATE is read per request ("60/min", "1000/day"; empty turns throttling off).
API_ANON_THROTTLE_RATE = os.environ.get("API_ANON_THROTTLE_RATE", "60/min").strip() or None
# Checked here, at startup: Django REST framework reads the rate only when a request comes, and
# a rate it cannot read made every API request, export and search fail with a 500.
THROTTLE_RATE_FORMAT = r"[0-9]+/(s|sec|second|m|min|minute|h|hr|hour|d|day)s?"
if API_ANON_THROTTLE_RATE and not re.fullmatch(THROTTLE_RATE_FORMAT, API_ANON_THROTTLE_RATE):
    raise ImproperlyConfigured(
        "API_ANON_THROTTLE_RATE is a number of requests per second, minute, hour or day, such as 60/min "
        f"or 1000/day (or empty for no limits): not {API_ANON_THROTTLE_RATE!r}."
    )
API_PAGE_SIZE = 50
API_MAX_PAGE_SIZE = 100
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_THROTTLE_CLASSES": ["archive.api.throttling.AnonymousRateThrottle"],
    # A client is its address; X-Forwarded-For is read only as far as the trusted proxies wrote it.
    "NUM_PROXIES": TRUSTED_PROXIES,
    "DEFAULT_PAGINATION_CLASS": "archive.api.pagination.PageNumberPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "PAGE_SIZE": API_PAGE_SIZE,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Embassy Row open data API",
    "DESCRIPTION": (
        "Read-only JSON for the archive's published quotes, people, articles, events, outlets and tags. "
        "Nothing unpublished is ever included. Partial dates are ISO 8601 strings at their precision: "
        "`2017`, `2017-12` or `2017-12-01`. Lists are paginated with `page` (50 items a page; `page_size` "
        'up to 100). Invalid filters answer 400 with `{"errors": {"field": ["message"]}}`.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
