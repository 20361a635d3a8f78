"""
Site search over quotes, articles, people and events.

- ``documents``: the text indexed for each object, and which documents borrow text from what.
- ``indexing``: writes the index (signals on every edit; ``rebuild_search_index`` for all).
- ``query``: reads what a reader typed, safely; turns highlights into escaped HTML.
- ``backends``: the database-specific part, PostgreSQL full text or SQLite FTS5.
- ``forms``: the search box (``q`` and ``kind``).
- ``signals``: wiring only, connected in ``ArchiveConfig.ready()``.
"""
