from archive.models.articles import Article, Outlet
from archive.models.events import Event
from archive.models.quotes import Citation, Quote

__all__ = ["Article", "Citation", "Event", "Outlet", "Quote"]
