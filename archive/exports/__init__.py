"""
Open-data exports of published content: quotes as CSV, people as Popolo JSON, events as
TimelineJS JSON. Each module builds its format from querysets; ``archive.views.opendata``
serves them.
"""
