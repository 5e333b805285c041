import os
import subprocess
import sys

from django.conf import settings

from tests.conftest import ROOT

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-0123456789-abcdefgh",
    "ALLOWED_HOSTS": "portal.example.com",
    "DATABASE_URL": "postgres://portal@db.example.com:5432/portal",
    "REDIS_URL": "redis://cache.example.com:6379/0",
}


def _settings_in_subprocess(env: dict, expression: str) -> str:
    """Evaluate `expression` against settings loaded afresh from `env` (no test overrides)."""
    clean = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "DEBUG")}
    code = f"import django; django.setup(); from django.conf import settings as s; print({expression})"
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_embedded_default_is_a_sqlite_file_with_in_process_tasks_and_a_local_cache():
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.local"}
    assert _settings_in_subprocess(env, "s.DATABASES['default']['ENGINE']") == "django.db.backends.sqlite3"
    assert _settings_in_subprocess(env, "s.DATABASES['default']['NAME']") == str(ROOT / "db.sqlite3")
    assert _settings_in_subprocess(env, "s.CELERY_TASK_ALWAYS_EAGER") == "True"
    assert _settings_in_subprocess(env, "s.CACHES['default']['BACKEND']").endswith("LocMemCache")
    assert _settings_in_subprocess(env, "s.EMAIL_BACKEND").endswith("console.EmailBackend")


def test_redis_url_makes_redis_the_broker_result_backend_and_cache():
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.local", "REDIS_URL": "redis://cache.example.com:6379/2"}
    out = _settings_in_subprocess(
        env,
        "s.CELERY_BROKER_URL, s.CELERY_RESULT_BACKEND, s.CACHES['default']['LOCATION'], s.CELERY_TASK_ALWAYS_EAGER",
    )
    url = "redis://cache.example.com:6379/2"
    assert out == f"{url} {url} {url} False"


def test_database_url_is_honoured():
    out = _settings_in_subprocess(PRODUCTION_ENV, "s.DATABASES['default']['ENGINE'], s.DATABASES['default']['HOST']")
    assert out == "django.db.backends.postgresql db.example.com"


def test_check_deploy_is_clean_with_production_settings():
    clean = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env={**clean, **PRODUCTION_ENV}, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY",)}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_test_settings_use_fast_hashing_and_local_mail():
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]
    assert settings.EMAIL_BACKEND.endswith("locmem.EmailBackend")
