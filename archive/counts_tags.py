"""
The triggers that keep ``TagUsage`` and ``ScheduledTagging`` (``archive.models.tags``) current,
for SQLite and PostgreSQL, and the rebuild that fills both from scratch.

What the tables hold at every moment, for each tagged model (article, quote, event):

- the usage count of a tag: its taggings whose object exists with status "published" (taggit
  allows one tagging per object and tag, so: the published objects carrying it);
- a scheduled tagging: one row per such tagging whose object's publish time was still ahead
  when it was last written. A row may outlive that time, never its tagging or the status;
- with each tag's usage, how many of its scheduled taggings there are per model, due or not
  (``articles_scheduled``…), kept by the scheduled taggings' own triggers, whatever adds or
  removes one.

Each write to one side is matched against the other: a tagging added or removed counts only if
its object is published; an object published, unpublished or deleted counts every tagging it
has. So deleting an object and its taggings in either order leaves the counts right (the second
delete finds nothing left to count), whatever does the writing.

Each model has six triggers, after a tagging is added, removed or moved and after an object is
created, changed or deleted, named ``archive_tagusage_<model>_*`` on both databases, and the
scheduled taggings three (``archive_tagusage_scheduled_*``): row triggers on SQLite, statement
triggers on PostgreSQL (see there). Content types are looked up
by natural key inside the triggers: their ids differ between databases and do not exist yet
when a new database is migrated.
"""

from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, NotSupportedError, connections, transaction
from django.utils import timezone
from taggit.models import TaggedItem

from archive.bulk import counts_suspended
from archive.editorial import Status
from archive.models import Article, Event, Quote, ScheduledTagging, TagUsage
from archive.triggers import Trigger, content_type, delete_due, pg_lower

USAGE = TagUsage._meta.db_table
SCHEDULED = ScheduledTagging._meta.db_table
TAGGINGS = TaggedItem._meta.db_table
PUBLISHED = f"'{Status.PUBLISHED.value}'"


@dataclass(frozen=True)
class Tagged:
    """A model that carries tags: its name, its table, its column in ``TagUsage`` and its content type."""

    model: str
    table: str
    column: str
    content_type: str

    @classmethod
    def of(cls, model, column):
        return cls(model._meta.model_name, model._meta.db_table, column, content_type(model))

    @property
    def scheduled(self):
        """The column of ``TagUsage`` noting how many of the counted objects have a scheduled tagging."""
        return f"{self.column}_scheduled"


TAGGED = [Tagged.of(Article, "articles"), Tagged.of(Quote, "quotes"), Tagged.of(Event, "events")]


# SQLite: a trigger per row. The statements, for a tagging (``row`` is NEW or OLD of
# taggit_taggeditem) and for an object (``row`` of the model's own table).


def where(*conditions):
    return " AND ".join(condition for condition in conditions if condition)


# The database's clock, in the text form Django stores datetimes in on SQLite (UTC).
NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')"


def add_tagging(t, row, condition=None):
    published = where(condition, f"id = {row}.object_id", f"status = {PUBLISHED}")
    return [
        f"INSERT INTO {USAGE} (tag_id, {t.column}) SELECT {row}.tag_id, 1 FROM {t.table} WHERE {published} "
        f"ON CONFLICT (tag_id) DO UPDATE SET {t.column} = {USAGE}.{t.column} + 1",
        f"INSERT INTO {SCHEDULED} (tag_id, model, object_id, published_at) "
        f"SELECT {row}.tag_id, '{t.model}', id, published_at FROM {t.table} "
        f"WHERE {published} AND published_at > {NOW} ON CONFLICT DO NOTHING",
    ]


def remove_tagging(t, row, condition=None):
    published = f"EXISTS (SELECT 1 FROM {t.table} WHERE id = {row}.object_id AND status = {PUBLISHED})"
    tagging = f"model = '{t.model}' AND object_id = {row}.object_id AND tag_id = {row}.tag_id"
    return [
        f"UPDATE {USAGE} SET {t.column} = {t.column} - 1 WHERE {where(condition, f'tag_id = {row}.tag_id', published)}",
        f"DELETE FROM {SCHEDULED} WHERE {where(condition, tagging)}",
    ]


def taggings_of(t, row):
    return f"content_type_id = {t.content_type} AND object_id = {row}.id"


def count_object(t, row, condition=None):
    return (
        f"INSERT INTO {USAGE} (tag_id, {t.column}) SELECT tag_id, 1 FROM {TAGGINGS} "
        f"WHERE {where(condition, taggings_of(t, row))} "
        f"ON CONFLICT (tag_id) DO UPDATE SET {t.column} = {USAGE}.{t.column} + 1"
    )


def uncount_object(t, row, condition=None):
    tags = f"tag_id IN (SELECT tag_id FROM {TAGGINGS} WHERE {taggings_of(t, row)})"
    return f"UPDATE {USAGE} SET {t.column} = {t.column} - 1 WHERE {where(condition, tags)}"


def schedule_object(t, row):
    ahead = f"{row}.status = {PUBLISHED} AND {row}.published_at > {NOW}"
    return (
        f"INSERT INTO {SCHEDULED} (tag_id, model, object_id, published_at) "
        f"SELECT tag_id, '{t.model}', {row}.id, {row}.published_at FROM {TAGGINGS} "
        f"WHERE {where(ahead, taggings_of(t, row))} ON CONFLICT DO NOTHING"
    )


def unschedule_object(t, row):
    return f"DELETE FROM {SCHEDULED} WHERE model = '{t.model}' AND object_id = {row}.id"


def triggers(t):
    """Every trigger of model ``t``, by name."""
    ct = t.content_type
    was_public, is_public = f"OLD.status = {PUBLISHED}", f"NEW.status = {PUBLISHED}"
    prefix = f"archive_tagusage_{t.model}"
    return {
        f"{prefix}_tagged": Trigger(TAGGINGS, "INSERT", f"NEW.content_type_id = {ct}", add_tagging(t, "NEW")),
        f"{prefix}_untagged": Trigger(TAGGINGS, "DELETE", f"OLD.content_type_id = {ct}", remove_tagging(t, "OLD")),
        # taggit never moves a tagging, but a script may: the old one goes, the new one comes.
        f"{prefix}_retagged": Trigger(
            TAGGINGS,
            "UPDATE OF tag_id, content_type_id, object_id",
            f"OLD.content_type_id = {ct} OR NEW.content_type_id = {ct}",
            remove_tagging(t, "OLD", f"OLD.content_type_id = {ct}")
            + add_tagging(t, "NEW", f"NEW.content_type_id = {ct}"),
        ),
        f"{prefix}_created": Trigger(t.table, "INSERT", is_public, [count_object(t, "NEW"), schedule_object(t, "NEW")]),
        # Only the columns that decide what counts: saving an edit to the text runs nothing.
        f"{prefix}_changed": Trigger(
            t.table,
            "UPDATE OF status, published_at",
            "OLD.status IS NOT NEW.status OR OLD.published_at IS NOT NEW.published_at",
            [
                uncount_object(t, "OLD", f"{was_public} AND NEW.status <> {PUBLISHED}"),
                count_object(t, "NEW", f"{is_public} AND OLD.status <> {PUBLISHED}"),
                unschedule_object(t, "OLD"),
                schedule_object(t, "NEW"),
            ],
        ),
        f"{prefix}_deleted": Trigger(
            t.table, "DELETE", was_public, [uncount_object(t, "OLD"), unschedule_object(t, "OLD")]
        ),
    }


# The scheduled taggings' triggers: each keeps its tag's note of how many there are per model.

SCHEDULED_PREFIX = "archive_tagusage_scheduled"
SCHEDULED_COLUMNS = ", ".join(t.scheduled for t in TAGGED)
# An upsert's update of the notes: each plus what the new row (``excluded``) brings.
NOTES_ADDED = ", ".join(f"{t.scheduled} = {USAGE}.{t.scheduled} + excluded.{t.scheduled}" for t in TAGGED)


def is_of(t, row):
    return f"CASE WHEN {row}.model = '{t.model}' THEN 1 ELSE 0 END"


def note_scheduled(row):
    """One more scheduled tagging of ``row``'s model for its tag (making the tag's usage row if it is new)."""
    flags = ", ".join(is_of(t, row) for t in TAGGED)
    return (
        f"INSERT INTO {USAGE} (tag_id, {SCHEDULED_COLUMNS}) SELECT {row}.tag_id, {flags} WHERE TRUE "
        f"ON CONFLICT (tag_id) DO UPDATE SET {NOTES_ADDED}"
    )


def forget_scheduled(row):
    """One fewer, if the usage row is still there: a rebuild empties the usage before the scheduled taggings."""
    taken = ", ".join(f"{t.scheduled} = {t.scheduled} - {is_of(t, row)}" for t in TAGGED)
    return f"UPDATE {USAGE} SET {taken} WHERE tag_id = {row}.tag_id"


def scheduled_triggers():
    return {
        f"{SCHEDULED_PREFIX}_noted": Trigger(SCHEDULED, "INSERT", "TRUE", [note_scheduled("NEW")]),
        f"{SCHEDULED_PREFIX}_forgotten": Trigger(SCHEDULED, "DELETE", "TRUE", [forget_scheduled("OLD")]),
        # Nothing here moves a scheduled tagging, but a script may.
        f"{SCHEDULED_PREFIX}_moved": Trigger(
            SCHEDULED,
            "UPDATE OF tag_id, model",
            "OLD.tag_id IS NOT NEW.tag_id OR OLD.model IS NOT NEW.model",
            [forget_scheduled("OLD"), note_scheduled("NEW")],
        ),
    }


def sqlite_triggers(scheduled=True):
    chosen = {name: trigger for t in TAGGED for name, trigger in triggers(t).items()}
    return {**chosen, **scheduled_triggers()} if scheduled else chosen


def sqlite_create(scheduled=True):
    return [trigger.sqlite(name) for name, trigger in sqlite_triggers(scheduled).items()]


def sqlite_drop():
    return [f"DROP TRIGGER IF EXISTS {name}" for name in sqlite_triggers()]


# PostgreSQL: the same counts per statement rather than per row. A trigger there sees every row
# a statement changed at once (its transition tables), so an admin action or an import that
# changes thousands of rows updates each tag's count once, not once per row: row by row, the
# many versions of one hot count that a transaction leaves behind make each update slower than
# the last. PostgreSQL allows transition tables on a trigger of one event only, so each model
# has six triggers, named as on SQLite, each running its own function.

PG_PUBLISHED = f"status = {PUBLISHED}"


def pg_add_taggings(t, rows):
    """``rows``: taggings that arrived; those of published ``t`` objects count."""
    taggings = (
        f"FROM {rows} r JOIN {t.table} o ON o.id = r.object_id "
        f"WHERE r.content_type_id = {t.content_type} AND o.{PG_PUBLISHED}"
    )
    return [
        f"INSERT INTO {USAGE} (tag_id, {t.column}) SELECT r.tag_id, COUNT(*) {taggings} GROUP BY r.tag_id "
        f"ORDER BY r.tag_id ON CONFLICT (tag_id) DO UPDATE SET {t.column} = {USAGE}.{t.column} + EXCLUDED.{t.column}",
        f"INSERT INTO {SCHEDULED} (tag_id, model, object_id, published_at) "
        f"SELECT r.tag_id, '{t.model}', o.id, o.published_at {taggings} AND o.published_at > now() "
        "ON CONFLICT DO NOTHING",
    ]


def pg_remove_taggings(t, rows):
    """``rows``: taggings that went; those of published ``t`` objects stop counting."""
    gone = (
        f"SELECT r.tag_id, COUNT(*) AS n FROM {rows} r JOIN {t.table} o ON o.id = r.object_id "
        f"WHERE r.content_type_id = {t.content_type} AND o.{PG_PUBLISHED} GROUP BY r.tag_id"
    )
    return [
        pg_lower(USAGE, ["tag_id"], f"{t.column} = u.{t.column} - gone.n", gone),
        f"DELETE FROM {SCHEDULED} s USING {rows} r WHERE r.content_type_id = {t.content_type} "
        f"AND s.model = '{t.model}' AND s.object_id = r.object_id AND s.tag_id = r.tag_id",
    ]


def pg_objects(t, objects, sign):
    """``objects``: a relation of ``t`` objects (x) whose taggings start (+1) or stop (-1) counting."""
    counted = (
        f"SELECT i.tag_id, COUNT(*) AS n FROM {objects} "
        f"JOIN {TAGGINGS} i ON i.content_type_id = {t.content_type} AND i.object_id = x.id GROUP BY i.tag_id"
    )
    if sign > 0:
        return (
            f"INSERT INTO {USAGE} (tag_id, {t.column}) {counted} ORDER BY i.tag_id "
            f"ON CONFLICT (tag_id) DO UPDATE SET {t.column} = {USAGE}.{t.column} + EXCLUDED.{t.column}"
        )
    return pg_lower(USAGE, ["tag_id"], f"{t.column} = u.{t.column} - gone.n", counted)


def pg_schedule(t, objects):
    """``objects``: ``t`` objects (x) whose taggings wait for their publish time, if it is ahead."""
    return (
        f"INSERT INTO {SCHEDULED} (tag_id, model, object_id, published_at) "
        f"SELECT i.tag_id, '{t.model}', x.id, x.published_at FROM {objects} "
        f"JOIN {TAGGINGS} i ON i.content_type_id = {t.content_type} AND i.object_id = x.id "
        f"WHERE x.{PG_PUBLISHED} AND x.published_at > now() ON CONFLICT DO NOTHING"
    )


def pg_unschedule(t, objects):
    return f"DELETE FROM {SCHEDULED} s USING {objects} WHERE s.model = '{t.model}' AND s.object_id = x.id"


def pg_lock(t, rows):
    """
    The ``t`` objects of the taggings ``rows``, locked as an update of them would be: a transaction
    that publishes or unpublishes one at the same time waits for this one, or this one for it, and
    whichever comes second counts what the first wrote (each would otherwise count without the
    other's uncommitted row, counting the tagging twice or not at all).
    """
    return (
        f"PERFORM 1 FROM {t.table} o JOIN {rows} r ON o.id = r.object_id "
        f"WHERE r.content_type_id = {t.content_type} ORDER BY o.id FOR NO KEY UPDATE OF o"
    )


def postgres_triggers(t):
    """Per trigger name: (table, event, transition tables, statements)."""
    prefix = f"archive_tagusage_{t.model}"
    new, old, both = "NEW TABLE AS new_rows", "OLD TABLE AS old_rows", "OLD TABLE AS old_rows NEW TABLE AS new_rows"
    changed = (
        "(SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id "
        "WHERE o.status IS DISTINCT FROM n.status OR o.published_at IS DISTINCT FROM n.published_at) x"
    )
    pairs = "new_rows n JOIN old_rows o ON o.id = n.id"
    published = f"(SELECT n.id FROM {pairs} WHERE n.{PG_PUBLISHED} AND NOT o.{PG_PUBLISHED}) x"
    unpublished = f"(SELECT o.id FROM {pairs} WHERE o.{PG_PUBLISHED} AND NOT n.{PG_PUBLISHED}) x"
    return {
        f"{prefix}_tagged": (TAGGINGS, "INSERT", new, [pg_lock(t, "new_rows"), *pg_add_taggings(t, "new_rows")]),
        f"{prefix}_untagged": (TAGGINGS, "DELETE", old, [pg_lock(t, "old_rows"), *pg_remove_taggings(t, "old_rows")]),
        f"{prefix}_retagged": (
            TAGGINGS,
            "UPDATE",
            both,
            [pg_lock(t, "old_rows"), pg_lock(t, "new_rows")]
            + pg_remove_taggings(t, "old_rows")
            + pg_add_taggings(t, "new_rows"),
        ),
        f"{prefix}_created": (
            t.table,
            "INSERT",
            new,
            [pg_objects(t, f"(SELECT id FROM new_rows WHERE {PG_PUBLISHED}) x", +1), pg_schedule(t, "new_rows x")],
        ),
        f"{prefix}_changed": (
            t.table,
            "UPDATE",
            both,
            [
                # Most updates are edits to the text: nothing to count.
                f"IF NOT EXISTS (SELECT FROM {changed}) THEN RETURN NULL; END IF",
                pg_objects(t, unpublished, -1),
                pg_objects(t, published, +1),
                pg_unschedule(t, changed),
                pg_schedule(t, changed),
            ],
        ),
        f"{prefix}_deleted": (
            t.table,
            "DELETE",
            old,
            [
                pg_objects(t, f"(SELECT id FROM old_rows WHERE {PG_PUBLISHED}) x", -1),
                pg_unschedule(t, "old_rows x"),
            ],
        ),
    }


def pg_scheduled_counts(rows):
    """Per tag, how many of the scheduled taggings ``rows`` are of each model."""
    counts = ", ".join(f"COUNT(*) FILTER (WHERE model = '{t.model}') AS {t.scheduled}" for t in TAGGED)
    return f"SELECT tag_id, {counts} FROM {rows} GROUP BY tag_id"


def pg_note_scheduled(rows):
    return (
        f"INSERT INTO {USAGE} (tag_id, {SCHEDULED_COLUMNS}) {pg_scheduled_counts(rows)} ORDER BY tag_id "
        f"ON CONFLICT (tag_id) DO UPDATE SET {NOTES_ADDED}"
    )


def pg_forget_scheduled(rows):
    taken = ", ".join(f"{t.scheduled} = u.{t.scheduled} - gone.{t.scheduled}" for t in TAGGED)
    return pg_lower(USAGE, ["tag_id"], taken, pg_scheduled_counts(rows))


def postgres_scheduled_triggers():
    """
    As ``postgres_triggers``. A recount writes tens of thousands of scheduled taggings in one
    statement, and a bulk publish would otherwise update one hot tag's row once per tagging.
    A trigger with transition tables cannot name columns, so "moved" runs on every update, and
    counts nothing twice.
    """
    old, new = "OLD TABLE AS old_rows", "NEW TABLE AS new_rows"
    return {
        f"{SCHEDULED_PREFIX}_noted": (SCHEDULED, "INSERT", new, [pg_note_scheduled("new_rows")]),
        f"{SCHEDULED_PREFIX}_forgotten": (SCHEDULED, "DELETE", old, [pg_forget_scheduled("old_rows")]),
        f"{SCHEDULED_PREFIX}_moved": (
            SCHEDULED,
            "UPDATE",
            f"{old} {new}",
            [pg_forget_scheduled("old_rows"), pg_note_scheduled("new_rows")],
        ),
    }


def postgres_every_trigger(scheduled=True):
    chosen = {name: trigger for t in TAGGED for name, trigger in postgres_triggers(t).items()}
    return {**chosen, **postgres_scheduled_triggers()} if scheduled else chosen


def postgres_create(scheduled=True):
    statements = []
    for name, (table, event, transitions, body) in postgres_every_trigger(scheduled).items():
        body = "".join(f"    {statement};\n" for statement in [*body, "RETURN NULL"])
        statements.append(
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n{body}END\n$$"
        )
        statements.append(
            f"CREATE OR REPLACE TRIGGER {name} AFTER {event} ON {table} REFERENCING {transitions} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()"
        )
    return statements


def postgres_drop(triggers=None):
    statements = []
    for name, (table, *_) in (postgres_every_trigger() if triggers is None else triggers).items():
        statements.append(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        statements.append(f"DROP FUNCTION IF EXISTS {name}()")
    return statements


def trigger_names():
    """The names of the triggers ``install()`` creates, the same on SQLite and PostgreSQL."""
    return list(sqlite_triggers())


def _check(connection):
    if connection.vendor not in ("sqlite", "postgresql"):
        raise NotSupportedError(
            f"Tag counts are kept by triggers on SQLite and PostgreSQL only, not {connection.vendor}."
        )


def uninstall(connection):
    """Drop the triggers (and PostgreSQL's functions); the counts go stale until ``install()`` and ``rebuild()``."""
    _check(connection)
    with connection.cursor() as cursor:
        for statement in sqlite_drop() if connection.vendor == "sqlite" else postgres_drop():
            cursor.execute(statement)


def install(connection):
    """
    (Re)create the triggers: after ``uninstall()``, or after a migration remade one of the tables
    on SQLite. PostgreSQL's are replaced in place: dropping a trigger would lock its table
    against reading until the transaction ends, and a rebuild recounts in the same one.
    """
    _check(connection)
    with connection.cursor() as cursor:
        # Migrations before 0025 install the triggers too, when the usage had no scheduled columns yet.
        columns = {column.name for column in connection.introspection.get_table_description(cursor, USAGE)}
        scheduled = TAGGED[0].scheduled in columns
        if connection.vendor == "sqlite":
            statements = sqlite_drop() + sqlite_create(scheduled)
        else:
            left_out = {} if scheduled else postgres_scheduled_triggers()
            statements = postgres_drop(left_out) + postgres_create(scheduled)
        for statement in statements:
            cursor.execute(statement)


def _rebuild_usage():
    """
    Each kind's published objects read in id order, each with its taggings (found in the same
    order): ``CROSS JOIN`` keeps SQLite to that order. From the taggings, it would look up the
    objects of one tag after another, out of order (2.5 s against 1.6 s at a million quotes).
    """
    counted = []
    for t in TAGGED:
        columns = ", ".join(f"COUNT(*) AS {other.column}" if other is t else f"0 AS {other.column}" for other in TAGGED)
        counted.append(
            f"SELECT i.tag_id, {columns} FROM {t.table} o CROSS JOIN {TAGGINGS} i WHERE o.id = i.object_id "
            f"AND i.content_type_id = {t.content_type} AND o.status = {PUBLISHED} GROUP BY i.tag_id"
        )
    columns = ", ".join(t.column for t in TAGGED)
    sums = ", ".join(f"SUM({t.column})" for t in TAGGED)
    union = " UNION ALL ".join(counted)
    return f"INSERT INTO {USAGE} (tag_id, {columns}) SELECT tag_id, {sums} FROM ({union}) used GROUP BY tag_id"


def _rebuild_scheduled():
    selects = [
        f"SELECT i.tag_id, '{t.model}', o.id, o.published_at FROM {TAGGINGS} i JOIN {t.table} o ON o.id = i.object_id "
        f"WHERE i.content_type_id = {t.content_type} AND o.status = {PUBLISHED} AND o.published_at > %s"
        for t in TAGGED
    ]
    return f"INSERT INTO {SCHEDULED} (tag_id, model, object_id, published_at) " + " UNION ALL ".join(selects)


# The tables ``rebuild()`` fills, in the order it empties them.
COUNTED = [USAGE, SCHEDULED]


def rebuild_statements(vendor):
    """
    The ``INSERT … SELECT`` statements of a recount, into empty tables; each ``%s`` is now.
    The same SQL on either database (``vendor``, as ``counts_timeline`` takes it).
    """
    return [_rebuild_usage(), _rebuild_scheduled()]


def rebuild(using=DEFAULT_DB_ALIAS):
    """
    Both tables from scratch, in one ``INSERT … SELECT`` each and one transaction; returns how
    many tags are in use. On PostgreSQL the taggings and the three tables are locked against
    writes meanwhile (reads go on), so no write falls between the recount and the triggers.
    """
    connection = connections[using]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            tables = ", ".join([TAGGINGS] + [t.table for t in TAGGED])
            cursor.execute(f"LOCK TABLE {tables} IN SHARE MODE")
        # The usage first: the scheduled taggings' triggers then find no row to update.
        now = timezone.now()
        for table in COUNTED:
            cursor.execute(f"DELETE FROM {table}")
        for statement in rebuild_statements(connection.vendor):
            cursor.execute(statement, [now] * statement.count("%s") or None)
        cursor.execute(f"SELECT COUNT(*) FROM {USAGE}")
        return cursor.fetchone()[0]


def forget_due(now=None, batch=1000, using=DEFAULT_DB_ALIAS):
    """
    Delete the scheduled taggings whose time has come (``archive.triggers.delete_due``); returns
    how many. The public counts stay the same, and their reads walk fewer rows.
    """
    return delete_due(ScheduledTagging, now or timezone.now(), batch, using)


def suspended(using=DEFAULT_DB_ALIAS):
    """For a bulk load: ``archive.bulk.counts_suspended`` with these triggers and counts."""
    return counts_suspended(using, install, uninstall, rebuild)
