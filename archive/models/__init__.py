from archive.models.articles import Article, Outlet
from archive.models.counts import MonthlyCount, ScheduledItem
from archive.models.events import Event
from archive.models.quotes import Citation, Quote, SuggestedQuote
from archive.models.search import SearchDocument
from archive.models.tags import ScheduledTagging, TagUsage

__all__ = [
    "Article",
    "Citation",
    "Event",
    "MonthlyCount",
    "Outlet",
    "Quote",
    "ScheduledItem",
    "ScheduledTagging",
    "SearchDocument",
    "SuggestedQuote",
    "TagUsage",
]
