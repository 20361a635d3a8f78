"""
Create or refresh a demo login: ``python manage.py demo_editor [--contributor] [--dry-run]``.

Without options the account is a staff superuser called "editor"; with ``--contributor``
it is "contributor", a staff user in the Contributor group (adds and edits content and
submits it for review, but cannot publish, delete or merge: see ``archive.roles``). Every
run sets a freshly generated password, lifts a lockout of the login after failed attempts,
and prints it with the admin address, so a demo never relies on a password written down
anywhere. For local demos only: never run it against a database that holds real accounts
you care about.
"""

import secrets

from axes.utils import reset as reset_failed_logins
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from archive.roles import CONTRIBUTOR, sync_roles

USERNAME = "editor"
CONTRIBUTOR_USERNAME = "contributor"
ADMIN_URL = "http://127.0.0.1:8000/admin/"


class Command(BaseCommand):
    help = (
        'Create or update the staff superuser "editor" (or, with --contributor, the staff user "contributor" '
        "in the Contributor group) with a new random password, and print the login."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--contributor",
            action="store_true",
            help='The "contributor" login in the Contributor group instead of the superuser "editor".',
        )
        parser.add_argument(
            "--admin-url",
            default=ADMIN_URL,
            help=f"The admin address printed with the login (default {ADMIN_URL}); make run passes its own.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say whether the account would be created or updated; change nothing.",
        )

    def handle(self, *args, contributor=False, dry_run=False, admin_url=ADMIN_URL, **options):
        User = get_user_model()
        username, label = (CONTRIBUTOR_USERNAME, "contributor") if contributor else (USERNAME, "editor")
        lookup = {User.USERNAME_FIELD: username}
        if dry_run:
            verb = "update" if User._default_manager.filter(**lookup).exists() else "create"
            self.stdout.write(f"Dry run, nothing written: would {verb} the demo {label} “{username}”.")
            return
        password = secrets.token_urlsafe(12)
        with transaction.atomic():
            user = User._default_manager.filter(**lookup).first()
            if user is None:
                user = User(**lookup)
                if hasattr(user, "email"):
                    user.email = f"{username}@example.com"
            user.is_active = True
            user.is_staff = True
            user.is_superuser = not contributor
            user.set_password(password)
            user.save()
            if contributor:
                sync_roles()  # The group, should it have been deleted since the migration made it.
                user.user_permissions.clear()
                user.groups.set([Group.objects.get(name=CONTRIBUTOR)])
            # The login printed must work now, not once a lockout of mistyped passwords expires.
            reset_failed_logins(username=username)
        self.stdout.write(f"Demo {label} login: {username} / {password}  ->  {admin_url}")
