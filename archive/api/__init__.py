"""
The read-only JSON API under /api/: published quotes, people, articles, events, outlets and tags.

Built on the same querysets (``published()``, ``with_related()``) and the same FilterSets
as the HTML pages, so what is public and what a filter means are decided in one place.
"""
