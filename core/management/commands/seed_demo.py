"""Load a believable demo network: `python manage.py seed_demo`. Safe to run again.

Each app that has demo data provides `<app>/demo.py` with `seed(out) -> list[(login, what)]`;
they run in the order of INSTALLED_APPS, base apps first, inside one transaction.
"""

import importlib
import logging

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105  printed for the demo; never used outside seed data


class Command(BaseCommand):
    help = "Create or refresh the demo network, catalogue and activity, and print the demo logins."

    def handle(self, *args, **options):
        logins: list[tuple[str, str]] = []
        # Demo activity must not mail anyone (routing notifies dealers) or flood the console.
        logging.getLogger("celery").setLevel(logging.WARNING)
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"), transaction.atomic():
            for config in apps.get_app_configs():
                try:
                    module = importlib.import_module(f"{config.name}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{config.name}.demo":
                        raise
                    continue
                self.stdout.write(f"Seeding {config.verbose_name}…")
                logins += module.seed(self.stdout, password=DEMO_PASSWORD) or []
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        width = max((len(login) for login, _ in logins), default=10)
        for login, what in logins:
            self.stdout.write(f"  {login.ljust(width)}  {what}")
