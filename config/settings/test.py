"""The test suite: fast hashing, in-memory mail, plain static storage.

Tasks run eagerly even when REDIS_URL is set, so that ordinary tests need no worker; the tests
that prove the worker path (tests/conftest.py `celery_worker`) switch eager mode off and start a
real worker on this process's own queue.
"""

import uuid

from .base import *  # noqa: F403
from .base import CACHES, REDIS_URL

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

CELERY_TASK_ALWAYS_EAGER = True
# Each test process has its own queue and cache prefix on the shared Redis, so parallel test
# processes (and their workers) never take each other's tasks or throttle counts.
TEST_RUN_ID = uuid.uuid4().hex[:10]
CELERY_TASK_DEFAULT_QUEUE = f"test-{TEST_RUN_ID}"
if REDIS_URL:
    CACHES = {"default": {**CACHES["default"], "KEY_PREFIX": f"test-{TEST_RUN_ID}"}}
