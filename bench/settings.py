"""The project's settings as production runs them, plus the floor view's URLs and no API throttle."""

from archive.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
API_ANON_THROTTLE_RATE = None
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"handlers": [], "level": "ERROR"}}
# Connections kept between requests, as production keeps them (archive.settings closes them after
# each request only for the development server, which runs every request in a thread of its own).
DATABASES["default"]["CONN_MAX_AGE"] = None  # noqa: F405
