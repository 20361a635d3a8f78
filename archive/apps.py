from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "Coverage"

    def ready(self):
        from archive.models.quotes import SuggestedQuote, forward_signals
        from archive.search import signals

        signals.connect()
        forward_signals(SuggestedQuote)
