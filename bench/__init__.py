"""
``make bench``: server-side timings of every page on a synthetic archive, SQLite and PostgreSQL.

``python -m bench [--scale 1.0] [--seed 42] [--databases sqlite,postgresql]`` builds (or reuses)
one synthetic archive per database and size (``bench.dataset``), then times every public page,
API list, export and admin page in-process with Django's test client (``bench.measure``) and
writes the table to ``bench/RESULTS.md``. Each database is measured in its own process.
"""
