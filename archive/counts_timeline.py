"""
The triggers that keep ``MonthlyCount`` and ``ScheduledItem`` (``archive.models.counts``)
current, for SQLite and PostgreSQL, and the rebuild that fills both from scratch.

What the tables hold at every moment, for quotes with status "published" and a date said and
for events with status "published":

- a monthly count: how many fall in each (month, precision) under each key: overall, per
  person (a quote's speaker, an event's people) and per tag; events also per person and tag
  together (each of their people with each of their tags), and each of these once per kind
  and once for any kind (``event_kind`` empty), so every read is one range of the key;
- a scheduled item: one row per item and key whose publish time was still ahead when the
  item was last written. A row may outlive that time, never the item, its status, its date,
  its person or its tag;
- with each count, how many scheduled rows its key and month have (``scheduled``), kept by
  the scheduled rows' own triggers, whatever adds or removes one.

Every write that can move a count is matched against the other tables: a quote or event
counts itself, its person or people and its tags when it is published, re-dated, re-attributed,
unpublished or deleted; a tagging or an event's person counts only if its object is published,
and an event's person with each of the event's tags, or an event's tag with each of its people.
So deleting an object and its taggings in either order leaves the counts right (the second
delete finds nothing left to count), whatever does the writing.

Each trigger adds +1 or -1 to a count by its unique key (``INSERT … ON CONFLICT DO UPDATE``)
and rewrites the item's scheduled rows, on SQLite as it is, on PostgreSQL through a PL/pgSQL
function of the same name. Every trigger and function is named ``archive_monthlycount_*``.
Content types are looked up by natural key inside the triggers: their ids differ between
databases and do not exist yet when a new database is migrated.
"""

from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, NotSupportedError, connections, transaction
from django.utils import timezone
from taggit.models import TaggedItem

from archive.bulk import counts_suspended
from archive.editorial import Status
from archive.models import Event, MonthlyCount, Quote, ScheduledItem
from archive.triggers import Trigger, content_type, delete_due, pg_lower

COUNTS = MonthlyCount._meta.db_table
SCHEDULED = ScheduledItem._meta.db_table
QUOTES = Quote._meta.db_table
EVENTS = Event._meta.db_table
EVENT_PEOPLE = Event.people.through._meta.db_table
TAGGINGS = TaggedItem._meta.db_table
PREFIX = "archive_monthlycount"  # of every trigger's name
KEY = "subject, person_id, tag_id, event_kind, month, date_precision"
KEY_COLUMNS = KEY.split(", ")
PUBLISHED = f"'{Status.PUBLISHED.value}'"
QUOTE = f"'{MonthlyCount.Subject.QUOTE.value}'"
EVENT = f"'{MonthlyCount.Subject.EVENT.value}'"


class Dialect:
    """What differs between the databases: a date's month, the clock, and "differs" for NULLs."""

    def __init__(self, vendor):
        self.vendor = vendor
        self.distinct = "IS NOT" if vendor == "sqlite" else "IS DISTINCT FROM"
        # SQLite: the text form Django stores datetimes in, in UTC.
        self.now = "strftime('%Y-%m-%d %H:%M:%f', 'now')" if vendor == "sqlite" else "now()"

    def lock(self, table, ids):
        """
        PostgreSQL: the objects (rows ``ids`` of ``table``) whose people or tags a trigger counts,
        locked as an update of them would be. A transaction that changes one (its status, its
        other people or tags) at the same time then waits for this one, or this one for it, and
        whichever comes second counts what the first wrote: otherwise each counts without the
        other's uncommitted row, and neither counts both. SQLite writes one at a time.
        """
        if self.vendor == "sqlite":
            return []
        return [f"PERFORM 1 FROM {table} WHERE id IN ({ids}) ORDER BY id FOR NO KEY UPDATE"]

    def whole_table(self):
        """After a table's alias: SQLite is to read the table in its own order, through no index."""
        return " NOT INDEXED" if self.vendor == "sqlite" else ""

    def unindexed(self, column):
        """``column`` kept out of SQLite's choice of index (its unary plus), to steer it to another."""
        return f"+{column}" if self.vendor == "sqlite" else column

    def month(self, column):
        if self.vendor == "sqlite":
            return f"date({column}, 'start of month')"
        return f"date_trunc('month', {column}::timestamp)::date"


@dataclass(frozen=True)
class Key:
    """
    One key an item counts under, as SQL: the item's columns are ``item``-prefixed (``NEW.``,
    ``OLD.``, or nothing when the item is the row of ``source``), the key's person, tag and
    kind are expressions, and ``source``/``where`` join what the key needs (a tagging, a person).
    """

    subject: str
    item: str
    date: str
    precision: str
    person: str = "0"
    tag: str = "0"
    kind: str = "''"
    source: str = ""
    where: str = ""

    def month(self, d):
        return d.month(f"{self.item}{self.date}")

    def condition(self, *conditions):
        return " AND ".join(condition for condition in (*conditions, self.where) if condition)

    def count(self, d, sign, counted):
        """Add ``sign`` to this key's count for the item's month, making the row if it is new."""
        return (
            f"INSERT INTO {COUNTS} ({KEY}, count) SELECT {self.subject}, {self.person}, {self.tag}, {self.kind}, "
            f"{self.month(d)}, {self.item}{self.precision}, {sign}{self.source} WHERE {self.condition(counted)} "
            f"ON CONFLICT ({KEY}) DO UPDATE SET count = {COUNTS}.count + excluded.count"
        )

    def schedule(self, d, counted):
        """Note the item under this key if its publish time is still ahead."""
        return (
            f"INSERT INTO {SCHEDULED} (subject, object_id, person_id, tag_id, event_kind, month, date_precision, "
            f"published_at) SELECT {self.subject}, {self.item}id, {self.person}, {self.tag}, {self.kind}, "
            f"{self.month(d)}, {self.item}{self.precision}, {self.item}published_at{self.source} "
            f"WHERE {self.condition(counted, f'{self.item}published_at > {d.now}')} ON CONFLICT DO NOTHING"
        )


def quote_key(item, **kwargs):
    """A key a quote counts under, filed by the date it was said."""
    return Key(QUOTE, item, "said_on", "said_on_precision", **kwargs)


def event_key(item, **kwargs):
    """A key an event counts under, filed by its start date."""
    return Key(EVENT, item, "start_date", "start_precision", **kwargs)


def quoted(item):
    """The condition for a quote to count: published (scheduled or not), with a date said."""
    return f"{item}status = {PUBLISHED} AND {item}said_on IS NOT NULL"


def published(item):
    return f"{item}status = {PUBLISHED}"


def of_kind(kind, where=""):
    """
    ``where``, and for the keys of an event's own kind (``kind`` is not the empty "any kind"),
    that it has one: a kind left empty by hand would otherwise count twice under "any kind".
    """
    if kind == "''":
        return where
    return " AND ".join(condition for condition in (where, f"{kind} <> ''") if condition)


def quote_keys(row):
    """Every key the quote ``row`` (NEW or OLD) counts under: overall, its speaker, each of its tags."""
    item = f"{row}."
    taggings = f" FROM {TAGGINGS}"
    return [
        quote_key(item),
        quote_key(
            item,
            person=f"{row}.speaker_id",
            where=f"{row}.speaker_id IS NOT NULL",
        ),
        quote_key(
            item,
            tag="tag_id",
            source=taggings,
            where=f"content_type_id = {content_type(Quote)} AND object_id = {row}.id",
        ),
    ]


def event_keys(row):
    """
    Every key the event ``row`` counts under: overall, each person, each tag, each person with
    each tag; each of its kind and of any kind.
    """
    item = f"{row}."
    keys = []
    for kind in [f"{row}.kind", "''"]:
        keys += [
            event_key(
                item,
                person="p.person_id",
                tag="i.tag_id",
                kind=kind,
                source=f" FROM {EVENT_PEOPLE} p, {TAGGINGS} i",
                where=of_kind(
                    kind,
                    f"p.event_id = {row}.id AND i.content_type_id = {content_type(Event)} AND i.object_id = {row}.id",
                ),
            ),
            event_key(item, kind=kind, where=of_kind(kind)),
            event_key(
                item,
                person="person_id",
                kind=kind,
                source=f" FROM {EVENT_PEOPLE}",
                where=of_kind(kind, f"event_id = {row}.id"),
            ),
            event_key(
                item,
                tag="tag_id",
                kind=kind,
                source=f" FROM {TAGGINGS}",
                where=of_kind(kind, f"content_type_id = {content_type(Event)} AND object_id = {row}.id"),
            ),
        ]
    return keys


def event_person_keys(row):
    """
    The keys an event's person (``row`` of the event-people table) adds to: that person's, and
    that person's with each of the event's tags, of both kinds.
    """
    keys = []
    for kind in ["e.kind", "''"]:
        keys += [
            event_key(
                "e.",
                person=f"{row}.person_id",
                kind=kind,
                source=f" FROM {EVENTS} e",
                where=of_kind(kind, f"e.id = {row}.event_id"),
            ),
            event_key(
                "e.",
                person=f"{row}.person_id",
                tag="i.tag_id",
                kind=kind,
                source=f" FROM {EVENTS} e, {TAGGINGS} i",
                where=of_kind(
                    kind,
                    f"e.id = {row}.event_id AND i.content_type_id = {content_type(Event)} AND i.object_id = e.id",
                ),
            ),
        ]
    return keys


def quote_tagging_keys(row):
    return [
        quote_key(
            "q.",
            tag=f"{row}.tag_id",
            source=f" FROM {QUOTES} q",
            where=f"{row}.content_type_id = {content_type(Quote)} AND q.id = {row}.object_id",
        )
    ]


def event_tagging_keys(row):
    """The keys an event's tagging adds to: the tag's, and each of the event's people's with the tag, of both kinds."""
    tagged = f"{row}.content_type_id = {content_type(Event)} AND e.id = {row}.object_id"
    keys = []
    for kind in ["e.kind", "''"]:
        keys += [
            event_key(
                "e.",
                tag=f"{row}.tag_id",
                kind=kind,
                source=f" FROM {EVENTS} e",
                where=of_kind(kind, tagged),
            ),
            event_key(
                "e.",
                person="p.person_id",
                tag=f"{row}.tag_id",
                kind=kind,
                source=f" FROM {EVENTS} e, {EVENT_PEOPLE} p",
                where=of_kind(kind, f"{tagged} AND p.event_id = e.id"),
            ),
        ]
    return keys


# What a write does: count the old row out and the new one in; forget the old row's scheduled
# keys and note the new row's.


def count_in(d, keys, counted):
    return [key.count(d, 1, counted) for key in keys] + [key.schedule(d, counted) for key in keys]


def count_out(d, keys, counted):
    return [key.count(d, -1, counted) for key in keys]


def unschedule_item(subject, row):
    return f"DELETE FROM {SCHEDULED} WHERE subject = {subject} AND object_id = {row}.id"


def unschedule_person(row):
    """Forget an event's scheduled rows under a person taken off it: the person's, with a tag or not."""
    return (
        f"DELETE FROM {SCHEDULED} WHERE subject = {EVENT} AND object_id = {row}.event_id "
        f"AND person_id = {row}.person_id"
    )


def unschedule_tagging(subject, model, row):
    """Forget an object's scheduled rows under a tag taken off it: the tag's, with a person or not."""
    return (
        f"DELETE FROM {SCHEDULED} WHERE {row}.content_type_id = {content_type(model)} AND subject = {subject} "
        f"AND object_id = {row}.object_id AND tag_id = {row}.tag_id"
    )


def changed(d, columns):
    return " OR ".join(f"OLD.{column} {d.distinct} NEW.{column}" for column in columns)


def object_triggers(d, name, table, subject, columns, keys, counted):
    """A quote's or an event's own triggers: created, changed (one of ``columns``), deleted."""
    return {
        f"{PREFIX}_{name}_created": Trigger(
            table, "INSERT", counted("NEW."), count_in(d, keys("NEW"), counted("NEW."))
        ),
        f"{PREFIX}_{name}_changed": Trigger(
            table,
            f"UPDATE OF {', '.join(columns)}",
            changed(d, columns),
            count_out(d, keys("OLD"), counted("OLD."))
            + [unschedule_item(subject, "OLD")]
            + count_in(d, keys("NEW"), counted("NEW.")),
        ),
        f"{PREFIX}_{name}_deleted": Trigger(
            table,
            "DELETE",
            counted("OLD."),
            count_out(d, keys("OLD"), counted("OLD.")) + [unschedule_item(subject, "OLD")],
        ),
    }


def tagging_triggers(d, name, subject, model, keys, counted):
    """The triggers on the taggings of ``model``: tagged, untagged, retagged (``counted``: the object's condition)."""
    moved = ["tag_id", "content_type_id", "object_id"]
    table = model._meta.db_table
    return {
        f"{PREFIX}_{name}_tagged": Trigger(
            TAGGINGS,
            "INSERT",
            f"NEW.content_type_id = {content_type(model)}",
            d.lock(table, "NEW.object_id") + count_in(d, keys("NEW"), counted),
        ),
        f"{PREFIX}_{name}_untagged": Trigger(
            TAGGINGS,
            "DELETE",
            f"OLD.content_type_id = {content_type(model)}",
            d.lock(table, "OLD.object_id")
            + count_out(d, keys("OLD"), counted)
            + [unschedule_tagging(subject, model, "OLD")],
        ),
        # Django never moves a tagging, but a script may.
        f"{PREFIX}_{name}_retagged": Trigger(
            TAGGINGS,
            f"UPDATE OF {', '.join(moved)}",
            changed(d, moved),
            d.lock(table, "OLD.object_id, NEW.object_id")
            + count_out(d, keys("OLD"), counted)
            + [unschedule_tagging(subject, model, "OLD")]
            + count_in(d, keys("NEW"), counted),
        ),
    }


def note_scheduled(row):
    """One more scheduled row for the count the scheduled ``row`` is filed under (making the count if it is new)."""
    columns = ", ".join(f"{row}.{column}" for column in KEY_COLUMNS)
    return (
        f"INSERT INTO {COUNTS} ({KEY}, scheduled) SELECT {columns}, 1 WHERE TRUE "
        f"ON CONFLICT ({KEY}) DO UPDATE SET scheduled = {COUNTS}.scheduled + 1"
    )


def forget_scheduled(row):
    """
    One scheduled row fewer for the count the scheduled ``row`` is filed under, if that count
    is still there: a rebuild empties the counts before the scheduled rows.
    """
    key = " AND ".join(f"{column} = {row}.{column}" for column in KEY_COLUMNS)
    return f"UPDATE {COUNTS} SET scheduled = scheduled - 1 WHERE {key}"


def scheduled_triggers(d):
    """The scheduled rows' triggers, which keep each count's ``scheduled``: a row noted, forgotten or moved."""
    return {
        f"{PREFIX}_scheduled_noted": Trigger(SCHEDULED, "INSERT", "TRUE", [note_scheduled("NEW")]),
        f"{PREFIX}_scheduled_forgotten": Trigger(SCHEDULED, "DELETE", "TRUE", [forget_scheduled("OLD")]),
        # Nothing here moves a scheduled row, but a script may.
        f"{PREFIX}_scheduled_moved": Trigger(
            SCHEDULED,
            f"UPDATE OF {KEY}",
            changed(d, KEY_COLUMNS),
            [forget_scheduled("OLD"), note_scheduled("NEW")],
        ),
    }


# PostgreSQL: the scheduled rows' triggers per statement rather than per row, from the rows a
# statement wrote (its transition tables), each count once: a recount writes tens of thousands
# of scheduled rows in a few statements (2 s of row triggers at a million quotes), and a bulk
# publish would otherwise update one hot count once per row. A trigger with transition tables
# cannot name columns, so the "moved" one runs on every update, and counts nothing twice.


def pg_note_scheduled(rows):
    return (
        f"INSERT INTO {COUNTS} ({KEY}, scheduled) SELECT {KEY}, COUNT(*) FROM {rows} GROUP BY {KEY} ORDER BY {KEY} "
        f"ON CONFLICT ({KEY}) DO UPDATE SET scheduled = {COUNTS}.scheduled + excluded.scheduled"
    )


def pg_forget_scheduled(rows):
    gone = f"SELECT {KEY}, COUNT(*) AS n FROM {rows} GROUP BY {KEY}"
    return pg_lower(COUNTS, KEY_COLUMNS, "scheduled = u.scheduled - gone.n", gone)


PG_SCHEDULED = {
    f"{PREFIX}_scheduled_noted": ("INSERT", "NEW TABLE AS new_rows", [pg_note_scheduled("new_rows")]),
    f"{PREFIX}_scheduled_forgotten": ("DELETE", "OLD TABLE AS old_rows", [pg_forget_scheduled("old_rows")]),
    f"{PREFIX}_scheduled_moved": (
        "UPDATE",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        [pg_forget_scheduled("old_rows"), pg_note_scheduled("new_rows")],
    ),
}


def triggers(d):
    """Every trigger by name. Updates run only when a column that decides a count or a schedule changed."""
    quote_columns = ["status", "said_on", "said_on_precision", "speaker_id", "published_at"]
    event_columns = ["status", "kind", "start_date", "start_precision", "published_at"]
    return {
        **scheduled_triggers(d),
        **object_triggers(d, "quote", QUOTES, QUOTE, quote_columns, quote_keys, quoted),
        **object_triggers(d, "event", EVENTS, EVENT, event_columns, event_keys, published),
        f"{PREFIX}_event_person_added": Trigger(
            EVENT_PEOPLE,
            "INSERT",
            "TRUE",
            d.lock(EVENTS, "NEW.event_id") + count_in(d, event_person_keys("NEW"), published("e.")),
        ),
        f"{PREFIX}_event_person_removed": Trigger(
            EVENT_PEOPLE,
            "DELETE",
            "TRUE",
            d.lock(EVENTS, "OLD.event_id")
            + count_out(d, event_person_keys("OLD"), published("e."))
            + [unschedule_person("OLD")],
        ),
        # Django never moves a row of a many-to-many table, but a script may.
        f"{PREFIX}_event_person_moved": Trigger(
            EVENT_PEOPLE,
            "UPDATE OF event_id, person_id",
            changed(d, ["event_id", "person_id"]),
            d.lock(EVENTS, "OLD.event_id, NEW.event_id")
            + count_out(d, event_person_keys("OLD"), published("e."))
            + [unschedule_person("OLD")]
            + count_in(d, event_person_keys("NEW"), published("e.")),
        ),
        **tagging_triggers(d, "quote", QUOTE, Quote, quote_tagging_keys, quoted("q.")),
        **tagging_triggers(d, "event", EVENT, Event, event_tagging_keys, published("e.")),
    }


def create_statements(vendor, scheduled=True):
    """
    SQLite: each trigger as it is. PostgreSQL: a function per trigger, with the trigger's
    condition inside (the scheduled rows' per statement: ``PG_SCHEDULED``). Without
    ``scheduled``, none of the scheduled rows' triggers.
    """
    statements = []
    chosen = triggers(Dialect(vendor))
    if not scheduled:
        left_out = scheduled_triggers(Dialect(vendor))
        chosen = {name: trigger for name, trigger in chosen.items() if name not in left_out}
    for name, trigger in chosen.items():
        if vendor == "sqlite":
            statements.append(trigger.sqlite(name))
        elif name in PG_SCHEDULED:
            event, transitions, body = PG_SCHEDULED[name]
            body = "".join(f"    {statement};\n" for statement in [*body, "RETURN NULL"])
            statements.append(
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n{body}END\n$$"
            )
            statements.append(
                f"CREATE OR REPLACE TRIGGER {name} AFTER {event} ON {trigger.table} REFERENCING {transitions} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()"
            )
        else:
            body = "".join(f"    {statement};\n" for statement in trigger.statements)
            statements.append(
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
                f"IF {trigger.when} THEN\n{body}END IF;\nRETURN NULL;\nEND\n$$"
            )
            statements.append(
                f"CREATE OR REPLACE TRIGGER {name} AFTER {trigger.event} ON {trigger.table} "
                f"FOR EACH ROW EXECUTE FUNCTION {name}()"
            )
    return statements


def drop_statements(vendor, chosen=None):
    statements = []
    for name, trigger in (triggers(Dialect(vendor)) if chosen is None else chosen).items():
        if vendor == "sqlite":
            statements.append(f"DROP TRIGGER IF EXISTS {name}")
        else:
            statements.append(f"DROP TRIGGER IF EXISTS {name} ON {trigger.table}")
            statements.append(f"DROP FUNCTION IF EXISTS {name}()")
    return statements


def trigger_names(vendor):
    """The names of the triggers ``install()`` creates."""
    return list(triggers(Dialect(vendor)))


def _check(connection):
    if connection.vendor not in ("sqlite", "postgresql"):
        raise NotSupportedError(
            f"Timeline counts are kept by triggers on SQLite and PostgreSQL only, not {connection.vendor}."
        )


def uninstall(connection):
    """Drop the triggers (and PostgreSQL's functions); the counts go stale until ``install()`` and ``rebuild()``."""
    _check(connection)
    with connection.cursor() as cursor:
        for statement in drop_statements(connection.vendor):
            cursor.execute(statement)


def install(connection):
    """
    (Re)create the triggers: after ``uninstall()``, or after a migration remade one of the tables
    on SQLite. PostgreSQL's are replaced in place: dropping a trigger would lock its table
    against reading until the transaction ends, and a rebuild recounts in the same one.
    """
    _check(connection)
    vendor = connection.vendor
    with connection.cursor() as cursor:
        # Migrations before 0024 install the triggers too, when the counts had no ``scheduled`` yet.
        columns = {column.name for column in connection.introspection.get_table_description(cursor, COUNTS)}
        scheduled = "scheduled" in columns
        if vendor == "sqlite":
            statements = drop_statements(vendor)
        else:
            statements = [] if scheduled else drop_statements(vendor, scheduled_triggers(Dialect(vendor)))
        for statement in statements + create_statements(vendor, scheduled=scheduled):
            cursor.execute(statement)


# The tables ``rebuild()`` fills.
COUNTED = [COUNTS, SCHEDULED]


def rebuild_statements(vendor):
    """
    One ``INSERT … SELECT`` per table and kind of key: the counts grouped by key and month, and
    the scheduled items (published, publish time after the ``%s`` parameter: now). The counts
    go in in key order, so that each key's months, which the strip reads together, are stored
    side by side rather than one a page.
    """
    d = Dialect(vendor)
    overall = quote_key("o.")
    per_speaker = quote_key("o.", person="o.speaker_id", where="o.speaker_id IS NOT NULL")
    keys = [
        # Each speaker's counts come before the overall ones, which are added up from them.
        (QUOTES, per_speaker, quoted("o.")),
        (QUOTES, overall, quoted("o.")),
        (
            QUOTES,
            quote_key(
                "o.",
                tag="i.tag_id",
                source=f" JOIN {TAGGINGS} i ON i.object_id = o.id",
                where=f"i.content_type_id = {content_type(Quote)}",
            ),
            quoted("o."),
        ),
    ]
    for kind in ["o.kind", "''"]:
        keys += [
            (
                EVENTS,
                event_key("o.", kind=kind, where=of_kind(kind)),
                published("o."),
            ),
            (
                EVENTS,
                event_key(
                    "o.",
                    person="p.person_id",
                    kind=kind,
                    source=f" JOIN {EVENT_PEOPLE} p ON p.event_id = o.id",
                    where=of_kind(kind),
                ),
                published("o."),
            ),
            (
                EVENTS,
                event_key(
                    "o.",
                    tag="i.tag_id",
                    kind=kind,
                    source=f" JOIN {TAGGINGS} i ON i.object_id = o.id",
                    where=of_kind(kind, f"i.content_type_id = {content_type(Event)}"),
                ),
                published("o."),
            ),
            (
                EVENTS,
                event_key(
                    "o.",
                    person="p.person_id",
                    tag="i.tag_id",
                    kind=kind,
                    source=f" JOIN {EVENT_PEOPLE} p ON p.event_id = o.id JOIN {TAGGINGS} i ON i.object_id = o.id",
                    where=of_kind(kind, f"i.content_type_id = {content_type(Event)}"),
                ),
                published("o."),
            ),
        ]
    statements = []
    for table, key, counted in keys:
        # Every speaker's quotes are most of the table: SQLite would otherwise go through the
        # speaker index and look up each quote's row out of order (3.2 s against 1.6 s at a million).
        hint = d.whole_table() if key is per_speaker else ""
        columns = f"{key.person}, {key.tag}, {key.kind}, {key.month(d)}, o.{key.precision}"
        # Constants (0, '') stay out of GROUP BY, where a number would name a column.
        group = ", ".join(column for column in [key.person, key.tag, key.kind] if "." in column)
        group = f"{group + ', ' if group else ''}{key.month(d)}, o.{key.precision}"
        if key is overall:
            statements.append(overall_quote_counts(d, group))
        else:
            statements.append(
                f"INSERT INTO {COUNTS} ({KEY}, count) SELECT {key.subject}, {columns}, COUNT(*) FROM {table} o{hint}"
                f"{key.source} WHERE {key.condition(counted)} GROUP BY {group} ORDER BY {group}"
            )
        statements.append(
            f"INSERT INTO {SCHEDULED} (subject, object_id, person_id, tag_id, event_kind, month, date_precision, "
            f"published_at) SELECT {key.subject}, o.id, {columns}, o.published_at FROM {table} o{key.source} "
            f"WHERE {key.condition(counted, 'o.published_at > %s')}"
        )
    return statements


def overall_quote_counts(d, group):
    """
    The overall quote counts as the sum of every speaker's (already made) and those of the
    quotes with an unnamed source: a quote has one speaker or none, so none counts twice, and
    the speakers' counts are a few hundred thousand rows against a million quotes.
    """
    # The unnamed sources' quotes from the speaker index's NULL range, not from the range of
    # every published quote in a date index (where SQLite would look first).
    status, said_on = d.unindexed("o.status"), d.unindexed("o.said_on")
    unnamed = (
        f"SELECT {group}, COUNT(*) FROM {QUOTES} o WHERE {status} = {PUBLISHED} AND {said_on} IS NOT NULL "
        f"AND o.speaker_id IS NULL GROUP BY {group}"
    )
    return (
        f"INSERT INTO {COUNTS} ({KEY}, count) SELECT {QUOTE}, 0, 0, '', month, date_precision, SUM(count) FROM "
        f"(SELECT month, date_precision, count FROM {COUNTS} WHERE subject = {QUOTE} AND person_id <> 0 "
        f"UNION ALL {unnamed}) counted GROUP BY month, date_precision ORDER BY month, date_precision"
    )


def rebuild(using=DEFAULT_DB_ALIAS):
    """
    Both tables from scratch, in one transaction; returns how many counts there are. On
    PostgreSQL the counted tables are locked against writes meanwhile (reads go on), so no
    write falls between the recount and the triggers.
    """
    connection = connections[using]
    _check(connection)
    now = timezone.now()
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {QUOTES}, {EVENTS}, {EVENT_PEOPLE}, {TAGGINGS} IN SHARE MODE")
        for table in COUNTED:
            cursor.execute(f"DELETE FROM {table}")
        for statement in rebuild_statements(connection.vendor):
            cursor.execute(statement, [now] * statement.count("%s") or None)
        cursor.execute(f"SELECT COUNT(*) FROM {COUNTS}")
        return cursor.fetchone()[0]


def forget_due(now=None, batch=1000, using=DEFAULT_DB_ALIAS):
    """
    Delete the scheduled rows whose time has come (``archive.triggers.delete_due``); returns how
    many. The strip's figures stay the same, and its reads walk fewer rows.
    """
    return delete_due(ScheduledItem, now or timezone.now(), batch, using)


def suspended(using=DEFAULT_DB_ALIAS):
    """For a bulk load: ``archive.bulk.counts_suspended`` with these triggers and counts."""
    return counts_suspended(using, install, uninstall, rebuild)
