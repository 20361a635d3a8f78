"""
The timeline's monthly counts kept by triggers (archive.models.counts, archive.counts_timeline):
after every kind of write, the stored counts equal a fresh recount, the scheduled items still
to come are exactly the scheduled ones, and the strip's figures equal what ``published()``
shows now. Runs on whichever database DATABASE_URL names (SQLite or PostgreSQL).
"""

import datetime
from collections import Counter
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from archive import counts_timeline, timeline
from archive.dates import Precision
from archive.editorial import Status
from archive.models import Event, MonthlyCount, Quote, ScheduledItem
from archive.timeline import MonthSpan, event_months, quote_months
from tests.concurrent import written_meanwhile
from tests.factories import EventFactory, PersonFactory, QuoteFactory

pytestmark = pytest.mark.django_db

QUOTE, EVENT = MonthlyCount.Subject.QUOTE, MonthlyCount.Subject.EVENT


def later(**delta):
    return timezone.now() + datetime.timedelta(**delta)


def stored():
    rows = MonthlyCount.objects.exclude(count=0)
    return {
        (row.subject, row.person_id, row.tag_id, row.event_kind, row.month, row.date_precision): row.count
        for row in rows
    }


def keys_of(item):
    """The keys a published item counts under, as the triggers should have it: (subject, person, tag, kind)."""
    if isinstance(item, Quote):
        keys = [(QUOTE, 0, 0, "")]
        keys += [(QUOTE, item.speaker_id, 0, "")] if item.speaker_id else []
        return keys + [(QUOTE, 0, tag.pk, "") for tag in item.tags.all()]
    keys = []
    people, tags = [person.pk for person in item.people.all()], [tag.pk for tag in item.tags.all()]
    for kind in dict.fromkeys([item.kind, ""]):
        keys.append((EVENT, 0, 0, kind))
        keys += [(EVENT, person, 0, kind) for person in people]
        keys += [(EVENT, 0, tag, kind) for tag in tags]
        keys += [(EVENT, person, tag, kind) for person in people for tag in tags]
    return keys


def items():
    """Every quote and event with status published (scheduled or not), with the date it is filed by."""
    for quote in Quote.objects.filter(status=Status.PUBLISHED, said_on__isnull=False):
        yield quote, quote.said_on, quote.said_on_precision
    for event in Event.objects.filter(status=Status.PUBLISHED):
        yield event, event.start_date, event.start_precision


def recounted():
    counts = Counter()
    for item, date, precision in items():
        for key in keys_of(item):
            counts[(*key, date.replace(day=1), precision)] += 1
    return dict(counts)


def scheduled_now():
    """Stored scheduled rows whose time has not come, as (key, object id, month, precision, publish time)."""
    rows = ScheduledItem.objects.filter(published_at__gt=timezone.now())
    return {
        (
            (row.subject, row.person_id, row.tag_id, row.event_kind),
            row.object_id,
            row.month,
            row.date_precision,
            row.published_at,
        )
        for row in rows
    }


def scheduled_recounted():
    expected = set()
    for item, date, precision in items():
        if item.published_at > timezone.now():
            for key in keys_of(item):
                expected.add((key, item.pk, date.replace(day=1), precision, item.published_at))
    return expected


def scheduled_noted():
    """What each stored count says of its scheduled rows: {key and month: how many}."""
    rows = MonthlyCount.objects.exclude(scheduled=0)
    return {
        (row.subject, row.person_id, row.tag_id, row.event_kind, row.month, row.date_precision): row.scheduled
        for row in rows
    }


def scheduled_rows():
    """The scheduled rows there are, due or not, per key and month."""
    rows = ScheduledItem.objects.values_list("subject", "person_id", "tag_id", "event_kind", "month", "date_precision")
    return dict(Counter(rows))


def public_quote_months(**narrowing):
    return live_months(Quote.objects.published().filter(said_on__isnull=False), "said_on", **narrowing)


def public_event_months(**narrowing):
    return live_months(Event.objects.published(), "start_date", **narrowing)


def live_months(queryset, field, person=None, tag=None, kind="", start=None, end=None):
    """The strip's figures counted the slow way: every public item, one by one."""
    if person is not None:
        queryset = queryset.filter(speaker=person) if queryset.model is Quote else queryset.filter(people=person)
    if tag is not None:
        queryset = queryset.filter(tags=tag)
    if kind:
        queryset = queryset.filter(kind=kind)
    precision = "said_on_precision" if queryset.model is Quote else "start_precision"
    dates = [(getattr(item, field), getattr(item, precision)) for item in queryset.between(start, end)]
    return dict(Counter((day.year, None if precision == Precision.YEAR else day.month) for day, precision in dates))


def assert_counts_right():
    assert stored() == recounted()
    assert scheduled_now() == scheduled_recounted()
    assert scheduled_noted() == scheduled_rows()
    assert quote_months() == public_quote_months()
    assert event_months() == public_event_months()


def test_triggers_exist_after_migrations():
    """
    Every trigger that keeps the counts is in the database after migrating. On SQLite, Django
    remakes a table to alter it (a field changed on Quote, Event, the event-people table or
    TaggedItem) and the remake silently drops the table's triggers: this fails until that
    migration installs them again with ``archive.counts_timeline.install``.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'archive_monthlycount_%'"
            )
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'archive_monthlycount_%' AND NOT tgisinternal"
            )
        names = {name for (name,) in cursor.fetchall()}
    assert names == set(counts_timeline.trigger_names(connection.vendor))
    assert len(names) == 18  # 15 on the counted tables, 3 on the scheduled rows


def test_creating_counts_published_dated_quotes_only(antonov):
    QuoteFactory(speaker=antonov, said_on=datetime.date(2017, 12, 5))
    QuoteFactory(speaker=antonov, said_on=datetime.date(2017, 12, 1), said_on_precision=Precision.MONTH)
    QuoteFactory(speaker=antonov, said_on=datetime.date(2017, 1, 1), said_on_precision=Precision.YEAR)
    QuoteFactory(speaker=antonov, said_on=None)
    QuoteFactory(speaker=antonov, said_on=datetime.date(2017, 12, 6), draft=True)
    QuoteFactory(speaker=None, unnamed_source="a diplomat", said_on=datetime.date(2017, 12, 7))

    december, january = datetime.date(2017, 12, 1), datetime.date(2017, 1, 1)
    assert stored() == {
        (QUOTE, 0, 0, "", december, Precision.DAY): 2,
        (QUOTE, 0, 0, "", december, Precision.MONTH): 1,
        (QUOTE, 0, 0, "", january, Precision.YEAR): 1,
        (QUOTE, antonov.pk, 0, "", december, Precision.DAY): 1,
        (QUOTE, antonov.pk, 0, "", december, Precision.MONTH): 1,
        (QUOTE, antonov.pk, 0, "", january, Precision.YEAR): 1,
    }
    assert_counts_right()


def test_publishing_unpublishing_and_deleting(antonov):
    quote = QuoteFactory(speaker=antonov, draft=True)
    quote.tags.add("sanctions")
    event = EventFactory(draft=True)
    event.people.add(antonov)
    event.tags.add("sanctions")
    assert stored() == {}

    for item in (quote, event):
        item.status, item.published_at = Status.PUBLISHED, None
        item.save()
    assert len(stored()) == 3 + 8  # the event: overall, person, tag, person with tag; of its kind and any
    assert_counts_right()

    quote.status = Status.REVIEW
    quote.save()
    event.delete()
    assert stored() == {}
    assert_counts_right()

    quote.status = Status.PUBLISHED
    quote.save()
    quote.delete()
    assert stored() == {}


def test_re_dating_and_re_attributing(antonov):
    other = PersonFactory()
    quote = QuoteFactory(speaker=antonov, said_on=datetime.date(2017, 12, 5))
    quote.tags.add("sanctions")
    event = EventFactory(start_date=datetime.date(2017, 12, 5), kind=Event.Kind.MEETING)
    event.tags.add("sanctions")

    quote.said_on, quote.said_on_precision = datetime.date(2018, 3, 1), Precision.MONTH
    quote.speaker = other
    quote.save()
    event.start_date, event.start_precision, event.kind = datetime.date(2016, 1, 1), Precision.YEAR, Event.Kind.SPEECH
    event.save()
    assert_counts_right()
    assert (QUOTE, other.pk, 0, "", datetime.date(2018, 3, 1), Precision.MONTH) in stored()
    assert not [key for key in stored() if key[1] == antonov.pk]

    quote.said_on = None
    quote.save()
    assert_counts_right()


def test_saving_without_a_counted_change_counts_nothing_twice(antonov):
    quote = QuoteFactory(speaker=antonov)
    quote.text = "Edited words."
    quote.save()
    Quote.objects.filter(pk=quote.pk).update(text="Edited again.")
    event = EventFactory()
    event.title = "Renamed"
    event.save()

    assert sum(stored().values()) == 2 + 2
    assert_counts_right()


def test_re_tagging_and_people(antonov):
    quote = QuoteFactory(speaker=antonov)
    event = EventFactory()
    quote.tags.add("sanctions", "nato")
    event.tags.add("nato")
    event.people.add(antonov, PersonFactory())
    assert_counts_right()

    quote.tags.remove("sanctions")
    quote.tags.add("embassy")
    event.tags.set(["sanctions"])
    event.people.remove(antonov)
    assert_counts_right()

    Tag.objects.get(name="embassy").delete()
    antonov_events = [key for key in stored() if key[0] == EVENT and key[1] == antonov.pk]
    assert antonov_events == []
    assert_counts_right()


def test_deleting_the_taggings_then_the_object_and_the_other_way_round():
    first, second = QuoteFactory(), QuoteFactory()
    for quote in (first, second):
        quote.tags.add("sanctions")

    first.tags.clear()
    first.delete()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Quote._meta.db_table} WHERE id = %s", [second.pk])
    assert [key for key in stored() if key[2]] == []
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM taggit_taggeditem")
    assert stored() == {}


def test_moving_a_tagging_or_an_events_person_by_hand(antonov):
    quote = QuoteFactory()
    quote.tags.add("sanctions")
    event = EventFactory()
    event.people.add(antonov)
    other = PersonFactory()
    nato = Tag.objects.create(name="nato", slug="nato")

    with connection.cursor() as cursor:
        cursor.execute("UPDATE taggit_taggeditem SET tag_id = %s", [nato.pk])
        cursor.execute(f"UPDATE {Event.people.through._meta.db_table} SET person_id = %s", [other.pk])
    assert_counts_right()


def test_an_event_whose_kind_was_emptied_by_hand_counts_once(antonov):
    event = EventFactory(published_at=later(days=1))
    event.people.add(antonov)
    event.tags.add("sanctions")
    Event.objects.filter(pk=event.pk).update(kind="")
    assert_counts_right()
    Event.objects.filter(pk=event.pk).update(published_at=timezone.now())
    assert_counts_right()
    assert sum(event_months().values()) == 1


@pytest.mark.parametrize("model", [Quote, Event])
def test_bulk_updates(model, antonov):
    factory = QuoteFactory if model is Quote else EventFactory
    for _ in range(3):
        item = factory()
        item.tags.add("sanctions")
    factory(draft=True).tags.add("sanctions")

    model.objects.update(status=Status.PUBLISHED, published_at=timezone.now())
    assert_counts_right()
    date_field = "said_on" if model is Quote else "start_date"
    model.objects.update(**{date_field: datetime.date(2020, 5, 1)})
    assert_counts_right()
    model.objects.filter(pk=item.pk).update(status=Status.DRAFT)
    assert_counts_right()


def test_scheduled_items_are_counted_once_their_time_comes(antonov):
    QuoteFactory(speaker=antonov)
    soon = later(hours=1)
    scheduled = QuoteFactory(speaker=antonov, published_at=soon)
    scheduled.tags.add("sanctions")
    event = EventFactory(published_at=soon)
    event.people.add(antonov)
    assert_counts_right()
    assert sum(quote_months().values()) == 1
    assert sum(quote_months(person=antonov).values()) == 1
    assert sum(quote_months(tag=Tag.objects.get(name="sanctions")).values()) == 0
    assert sum(event_months(person=antonov).values()) == 0

    with mock.patch("django.utils.timezone.now", return_value=soon + datetime.timedelta(seconds=1)):
        assert sum(quote_months().values()) == 2
        assert sum(quote_months(person=antonov).values()) == 2
        assert sum(quote_months(tag=Tag.objects.get(name="sanctions")).values()) == 1
        assert sum(event_months(person=antonov).values()) == 1
        assert quote_months() == public_quote_months()
        assert event_months(person=antonov) == public_event_months(person=antonov)

        # Until the cron job runs, the check finds nothing wrong either.
        out = StringIO()
        call_command("rebuild_timeline_counts", "--dry-run", stdout=out)
        assert " monthly counts are wrong; nothing written." in out.getvalue()
        assert out.getvalue().startswith("0 of ")

        # The cron job forgets the rows now due, and the figures stay as they are.
        call_command("refresh_scheduled", stdout=out)
        # The quote's overall, speaker's and tag's rows; the event's overall and person's, of its kind and any.
        assert "Forgot 7 of the timeline's scheduled rows and 1 scheduled tagging, now public." in out.getvalue()
        assert not ScheduledItem.objects.exists()
        assert scheduled_noted() == {}
        assert sum(quote_months().values()) == 2
        assert sum(quote_months(tag=Tag.objects.get(name="sanctions")).values()) == 1
        assert sum(event_months(person=antonov).values()) == 1
        assert quote_months() == public_quote_months()
        assert event_months(person=antonov) == public_event_months(person=antonov)


def test_scheduled_rows_written_by_hand_are_noted_too(antonov):
    """A script that moves or deletes scheduled rows leaves each count's note of them right."""
    QuoteFactory(speaker=antonov, said_on=datetime.date(2019, 3, 5), published_at=later(days=1))
    QuoteFactory(speaker=antonov, said_on=datetime.date(2019, 4, 5), published_at=later(days=2))
    assert scheduled_noted() == scheduled_rows() != {}

    ScheduledItem.objects.filter(month=datetime.date(2019, 3, 1)).update(month=datetime.date(2019, 5, 1))
    assert scheduled_noted() == scheduled_rows()
    ScheduledItem.objects.filter(published_at__lt=later(days=1, hours=12)).delete()
    assert scheduled_noted() == scheduled_rows()
    ScheduledItem.objects.all().delete()
    assert scheduled_noted() == {}


def test_the_strip_reads_only_the_scheduled_rows_that_came_due(antonov):
    """However many items are still to come, the strip reads none of their rows: one count each month."""
    for day in range(1, 29):
        QuoteFactory(speaker=antonov, said_on=datetime.date(2019, 3, day), published_at=later(days=day))
    QuoteFactory(speaker=antonov, said_on=datetime.date(2019, 3, 1))

    with CaptureQueriesContext(connection) as queries:
        assert quote_months() == {(2019, 3): 1}
    (strip,) = queries.captured_queries
    assert "archive_scheduleditem" in strip["sql"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM archive_scheduleditem WHERE subject = 'quote' AND person_id = 0 AND tag_id = 0 "
            "AND event_kind = '' AND published_at <= %s",
            [timezone.now()],
        )
        assert cursor.fetchone() == (0,)
    assert (
        MonthlyCount.objects.get(subject=QUOTE, person_id=0, tag_id=0, month=datetime.date(2019, 3, 1)).scheduled == 28
    )


def test_rescheduling_tagging_and_unpublishing_a_scheduled_item(antonov):
    quote = QuoteFactory(speaker=antonov, published_at=later(days=2))
    quote.published_at = later(days=5)
    quote.save()
    quote.tags.add("sanctions")
    assert_counts_right()

    quote.published_at = timezone.now() - datetime.timedelta(minutes=1)
    quote.save()
    assert_counts_right()
    assert sum(quote_months().values()) == 1

    quote.published_at = later(days=1)
    quote.save()
    quote.tags.remove("sanctions")
    assert_counts_right()
    quote.status = Status.DRAFT
    quote.save()
    assert ScheduledItem.objects.filter(published_at__gt=timezone.now()).count() == 0
    assert_counts_right()


def test_changing_a_scheduled_events_people_tags_and_kind(antonov):
    event = EventFactory(published_at=later(days=2), kind=Event.Kind.MEETING)
    event.people.add(antonov, PersonFactory())
    event.tags.add("sanctions", "nato")
    assert len(scheduled_now()) == 2 * (1 + 2 + 2 + 2 * 2)  # overall, people, tags, each person with each tag

    event.people.remove(antonov)
    event.tags.remove("nato")
    assert_counts_right()
    event.kind = Event.Kind.SPEECH
    event.save()
    assert_counts_right()
    event.delete()
    assert scheduled_now() == set()


@pytest.fixture
def archive(antonov):
    """Quotes and events across months, at every precision, some scheduled or drafts."""
    tag = Tag.objects.create(name="sanctions", slug="sanctions")
    days = [
        datetime.date(2017, 11, 29),
        datetime.date(2017, 12, 1),
        datetime.date(2017, 12, 15),
        datetime.date(2018, 1, 31),
    ]
    for number, day in enumerate(days):
        quote = QuoteFactory(speaker=antonov if number % 2 else PersonFactory(), said_on=day)
        quote.tags.add(tag)
        event = EventFactory(start_date=day, kind=Event.Kind.MEETING if number % 2 else Event.Kind.SPEECH)
        event.people.add(antonov)
        event.tags.add(tag)
    QuoteFactory(said_on=datetime.date(2017, 1, 1), said_on_precision=Precision.YEAR)
    QuoteFactory(speaker=antonov, said_on=datetime.date(2017, 12, 1), said_on_precision=Precision.MONTH)
    QuoteFactory(speaker=antonov, said_on=datetime.date(2017, 12, 20), published_at=later(days=1))
    QuoteFactory(speaker=antonov, said_on=datetime.date(2017, 12, 21), draft=True)
    EventFactory(start_date=datetime.date(2017, 12, 10), published_at=later(days=1))
    # Began before December and ran into it.
    EventFactory(start_date=datetime.date(2017, 11, 28), end_date=datetime.date(2017, 12, 2))
    EventFactory(start_date=datetime.date(2017, 1, 1), start_precision=Precision.YEAR)
    return tag


@pytest.mark.parametrize(
    "start, end",
    [
        (None, None),
        (datetime.date(2017, 12, 1), None),
        (datetime.date(2017, 12, 2), None),
        (None, datetime.date(2017, 12, 31)),
        (None, datetime.date(2017, 12, 14)),
        (datetime.date(2017, 11, 30), datetime.date(2018, 1, 30)),
        (datetime.date(2017, 12, 1), datetime.date(2017, 12, 1)),
        (datetime.date(2017, 1, 1), datetime.date(2017, 12, 31)),
    ],
)
def test_the_strip_equals_what_is_public_for_every_narrowing(archive, antonov, start, end):
    for person, tag in [(None, None), (antonov, None), (None, archive), (antonov, archive)]:
        dates = {"start": start, "end": end}
        assert quote_months(person=person, tag=tag, **dates) == public_quote_months(person=person, tag=tag, **dates)
        for kind in ("", Event.Kind.MEETING):
            narrowing = {"person": person, "tag": tag, "kind": kind, **dates}
            assert event_months(**narrowing) == public_event_months(**narrowing)


@pytest.mark.parametrize("more_of", ["person", "tag"])
def test_a_person_with_a_tag_is_counted_from_whichever_has_fewer_quotes(archive, antonov, more_of):
    """Both query shapes (the tag's quotes checked for the speaker, or the reverse) count the same."""
    for number in range(12):
        quote = QuoteFactory(
            speaker=antonov if more_of == "person" else PersonFactory(), said_on=datetime.date(2016, 1 + number, 1)
        )
        if more_of == "tag":
            quote.tags.add(archive)
    for start, end in [(None, None), (datetime.date(2016, 3, 1), datetime.date(2017, 12, 14))]:
        dates = {"start": start, "end": end}
        assert quote_months(person=antonov, tag=archive, **dates) == public_quote_months(
            person=antonov, tag=archive, **dates
        )


def test_a_person_with_a_tag_reads_the_events_stored_counts(client, antonov):
    """
    The strip's events for a person and a tag together come from the counts kept for the two
    together, not from the person's or the tag's events read one by one: as quick for the
    busiest speaker with the commonest tag as for anyone.
    """
    visits = Tag.objects.create(name="visits", slug="visits")
    for number in range(3):
        EventFactory(start_date=datetime.date(2016, 1 + number, 1)).people.add(antonov)
    for number in range(2):
        EventFactory(start_date=datetime.date(2016, 6 + number, 1)).tags.add(visits)
    both = EventFactory(start_date=datetime.date(2016, 9, 1), title="Both")
    both.people.add(antonov)
    both.tags.add(visits)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/timeline/?person={antonov.slug}&tag=visits")

    assert response.status_code == 200
    assert response.context["overview"].summary.startswith("1 event and ")
    assert [event.title for event in response.context["events"]] == ["Both"]
    strip = next(query["sql"] for query in queries.captured_queries if query["sql"].startswith("WITH events"))
    # The strip's one query counts the events first, then the quotes (live: a person with a tag).
    events, quotes = strip.split("quotes (month, date_precision, n) AS")
    assert "archive_monthlycount" in events
    assert "archive_event_people" not in events and "taggit_taggeditem" not in events
    assert "taggit_taggeditem" in quotes


def test_a_person_and_a_tag_both_with_too_many_quotes_are_not_counted_together(archive, antonov, client, monkeypatch):
    monkeypatch.setattr(timeline, "LIVE_LIMIT", 2)

    assert quote_months(person=antonov, tag=archive) is None
    assert quote_months(person=antonov) == public_quote_months(person=antonov)
    response = client.get(f"/timeline/?person={antonov.slug}&tag={archive.slug}")

    page = response.content.decode()
    assert response.status_code == 200
    assert "quotes are not counted here" in page
    assert "<td>not counted</td>" in page
    assert f'href="/quotes/?person={antonov.slug}&amp;tag={archive.slug}"' in page


@pytest.mark.parametrize(
    "start, end, whole, parts",
    [
        (None, None, (None, None), ()),
        ("2017-12-01", "2017-12-31", ("2017-12-01", "2017-12-31"), ()),
        ("2017-12-02", None, ("2018-01-01", None), (("2017-12-02", "2017-12-31"),)),
        (None, "2017-12-14", (None, "2017-11-30"), (("2017-12-01", "2017-12-14"),)),
        (
            "2017-11-20",
            "2018-02-10",
            ("2017-12-01", "2018-01-31"),
            (("2017-11-20", "2017-11-30"), ("2018-02-01", "2018-02-10")),
        ),
        ("2017-11-20", "2017-12-15", None, (("2017-11-20", "2017-11-30"), ("2017-12-01", "2017-12-15"))),
        ("2017-12-05", "2017-12-20", None, (("2017-12-05", "2017-12-20"),)),
        ("2017-12-01", "2017-12-15", None, (("2017-12-01", "2017-12-15"),)),
    ],
)
def test_a_range_splits_into_whole_months_and_parts(start, end, whole, parts):
    def day(text):
        return datetime.date.fromisoformat(text) if text else None

    span = MonthSpan.of(day(start), day(end))

    assert span.whole == (tuple(day(text) for text in whole) if whole else None)
    assert span.parts == tuple((day(first), day(last)) for first, last in parts)


@pytest.mark.django_db(transaction=True)
def test_people_and_tags_added_while_the_event_is_published_elsewhere_count(antonov):
    """
    On PostgreSQL each transaction's triggers see only what is committed: without a lock, a
    person and a tag added while another transaction publishes the event are counted by neither.
    """
    event = EventFactory(status=Status.DRAFT, published_at=None)
    event.people.add(antonov)

    def publish():
        Event.objects.filter(pk=event.pk).update(status=Status.PUBLISHED, published_at=timezone.now())

    with written_meanwhile(publish):
        event.tags.add("sanctions")
        event.people.add(PersonFactory())

    assert_counts_right()


def test_rebuild_command_repairs_the_counts(antonov):
    QuoteFactory(speaker=antonov, said_on=datetime.date(2017, 12, 5)).tags.add("sanctions")
    QuoteFactory(speaker=antonov, published_at=later(days=1))
    # The overall counts are the speakers' added up, and the unnamed sources' besides.
    QuoteFactory(speaker=PersonFactory(), said_on=datetime.date(2017, 12, 6))
    QuoteFactory(speaker=None, unnamed_source="a diplomat", said_on=datetime.date(2017, 12, 7))
    MonthlyCount.objects.update(count=7)
    ScheduledItem.objects.all().delete()

    out = StringIO()
    call_command("rebuild_timeline_counts", "--dry-run", stdout=out)
    assert "are wrong; nothing written" in out.getvalue()
    assert set(MonthlyCount.objects.values_list("count", flat=True)) == {7}

    call_command("rebuild_timeline_counts", stdout=StringIO())
    assert_counts_right()


def test_rebuild_command_checks_the_scheduled_items_too(antonov):
    """A lost scheduled row shows readers a quote before its time: the check finds it as it finds a wrong count."""
    QuoteFactory(speaker=antonov, said_on=datetime.date(2017, 12, 5), published_at=later(days=1))
    ScheduledItem.objects.all().delete()
    assert quote_months() == {(2017, 12): 1}

    out = StringIO()
    call_command("rebuild_timeline_counts", "--dry-run", stdout=out)
    assert "2 of 2 monthly counts are wrong; nothing written." in out.getvalue()
    assert not ScheduledItem.objects.exists()

    call_command("rebuild_timeline_counts", stdout=out)
    assert "Recounted 2 monthly counts; 2 were wrong." in out.getvalue()
    assert_counts_right()


def test_rebuild_command_checks_what_the_counts_note_of_their_scheduled_items(antonov):
    """A count that notes a scheduled item too few shows that item before its time: the check finds it too."""
    QuoteFactory(speaker=antonov, said_on=datetime.date(2017, 12, 5), published_at=later(days=1))
    MonthlyCount.objects.filter(person_id=0).update(scheduled=0)
    assert quote_months() == {(2017, 12): 1}

    out = StringIO()
    call_command("rebuild_timeline_counts", "--dry-run", stdout=out)
    assert "1 of 2 monthly counts are wrong; nothing written." in out.getvalue()

    call_command("rebuild_timeline_counts", stdout=out)
    assert "Recounted 2 monthly counts; 1 were wrong." in out.getvalue()
    assert quote_months() == {}
    assert_counts_right()


def test_rebuild_command_puts_back_missing_triggers():
    counts_timeline.uninstall(connection)
    call_command("rebuild_timeline_counts", stdout=StringIO())

    QuoteFactory()
    assert_counts_right()


def test_bulk_load_with_the_triggers_suspended(antonov):
    with counts_timeline.suspended():
        quote = QuoteFactory(speaker=antonov, published_at=later(days=1))
        quote.tags.add("sanctions")
        EventFactory().people.add(antonov)
        assert stored() == {}
    assert_counts_right()
