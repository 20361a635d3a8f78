"""
The editorial desk's two roles, as auth groups.

- **Editor**: everything on content, plus publishing (``publish_<model>`` on articles,
  quotes, events and people) and merging people (``people.merge_person``).
- **Contributor**: adds, changes and views content, and submits it for review; never
  deletes, publishes or merges.

``sync_roles()`` creates the groups and grants what is listed here; it only ever adds,
so running it again (migration ``0005_editorial_roles``, ``demo_editor``) is harmless and
keeps any permission an administrator granted by hand. It takes an app registry so a
migration can run it on historical models.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

EDITOR = "Editor"
CONTRIBUTOR = "Contributor"

# {app label: model names}: the content both roles work on.
CONTENT_MODELS = {
    "archive": ["article", "quote", "citation", "event", "outlet"],
    "people": ["person", "personalias", "role", "organization"],
    "taggit": ["tag", "taggeditem"],
}
EDITOR_EXTRA = [
    ("archive", "publish_article"),
    ("archive", "publish_quote"),
    ("archive", "publish_event"),
    ("people", "publish_person"),
    ("people", "merge_person"),
    ("people", "add_personredirect"),
    ("people", "change_personredirect"),
    ("people", "delete_personredirect"),
    ("people", "view_personredirect"),
]
CONTRIBUTOR_EXTRA = [("people", "view_personredirect")]


def content_permissions(actions):
    return [
        (app_label, f"{action}_{model}")
        for app_label, models in CONTENT_MODELS.items()
        for model in models
        for action in actions
    ]


ROLES = {
    EDITOR: content_permissions(["add", "change", "delete", "view"]) + EDITOR_EXTRA,
    CONTRIBUTOR: content_permissions(["add", "change", "view"]) + CONTRIBUTOR_EXTRA,
}


def sync_roles(apps=global_apps, using="default"):
    """Create the groups and grant their permissions (creating those first, on a fresh database)."""
    for app_label in CONTENT_MODELS:
        app_config = apps.get_app_config(app_label)
        # A migration's app configs have no models module, and create_permissions skips those.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, verbosity=0, using=using, apps=apps)
        finally:
            app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLES.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        permissions = []
        for app_label, codename in wanted:
            permission = (
                Permission.objects.using(using).filter(content_type__app_label=app_label, codename=codename).first()
            )
            if permission is None:
                raise LookupError(f"No permission {app_label}.{codename}: is the model's migration applied?")
            permissions.append(permission)
        group.permissions.add(*permissions)
