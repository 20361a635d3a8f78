from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "Coverage"

    def ready(self):
        from django.db.models import ForeignKey, IntegerField
        from django.db.models.signals import pre_save
        from taggit.models import Tag

        from archive import postgres
        from archive.admin import check_every_admin, name_the_links
        from archive.lookups import IntegerInInRange, RelatedExactInRange, RelatedInInRange
        from archive.models.quotes import SuggestedQuote, forward_signals
        from archive.search import signals
        from archive.tags import give_a_slug

        ForeignKey.register_lookup(RelatedExactInRange, "exact")
        ForeignKey.register_lookup(RelatedInInRange, "in")
        IntegerField.register_lookup(IntegerInInRange, "in")  # AutoField too
        signals.connect()
        postgres.connect()
        pre_save.connect(give_a_slug, sender=Tag, dispatch_uid="archive.tags.give_a_slug")
        forward_signals(SuggestedQuote)
        # Django's admin loaded every app's admin module before this app's ready().
        check_every_admin()
        name_the_links()
