from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "Coverage"

    def ready(self):
        from django.db.models import ForeignKey

        from archive import postgres
        from archive.lookups import RelatedExactInRange
        from archive.models.quotes import SuggestedQuote, forward_signals
        from archive.search import signals

        ForeignKey.register_lookup(RelatedExactInRange, "exact")
        signals.connect()
        postgres.connect()
        forward_signals(SuggestedQuote)
