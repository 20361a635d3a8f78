"""
Create or refresh the demo editor account: ``python manage.py demo_editor [--dry-run]``.

The account is a staff superuser called "editor". Every run sets a freshly
generated password and prints it with the admin address, so a demo never
relies on a password written down anywhere. For local demos only: never run it
against a database that holds real accounts you care about.
"""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

USERNAME = "editor"
ADMIN_URL = "http://127.0.0.1:8000/admin/"


class Command(BaseCommand):
    help = 'Create or update the staff superuser "editor" with a new random password, and print the login.'

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say whether the account would be created or updated; change nothing.",
        )

    def handle(self, *args, dry_run=False, **options):
        User = get_user_model()
        lookup = {User.USERNAME_FIELD: USERNAME}
        if dry_run:
            verb = "update" if User._default_manager.filter(**lookup).exists() else "create"
            self.stdout.write(f"Dry run, nothing written: would {verb} the demo editor “{USERNAME}”.")
            return
        password = secrets.token_urlsafe(12)
        with transaction.atomic():
            user = User._default_manager.filter(**lookup).first()
            if user is None:
                user = User(**lookup)
                if hasattr(user, "email"):
                    user.email = "editor@example.com"
            user.is_active = True
            user.is_staff = True
            user.is_superuser = True
            user.set_password(password)
            user.save()
        self.stdout.write(f"Demo editor login: {USERNAME} / {password}  ->  {ADMIN_URL}")
