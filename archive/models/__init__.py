from archive.models.articles import Article, Outlet
from archive.models.events import Event
from archive.models.quotes import Citation, Quote, SuggestedQuote
from archive.models.search import SearchDocument

__all__ = ["Article", "Citation", "Event", "Outlet", "Quote", "SearchDocument", "SuggestedQuote"]
