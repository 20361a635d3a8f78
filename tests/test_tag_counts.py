"""
Per-tag usage counts kept by triggers (archive.models.tags, archive.counts_tags): after every
kind of write, the stored counts equal a fresh recount and the public counts equal what
``published()`` shows now. Runs on whichever database DATABASE_URL names (SQLite or PostgreSQL).
"""

import datetime
import threading
import time
from io import StringIO
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.models import Count, F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from archive import counts_tags, counts_timeline
from archive.editorial import Status
from archive.models import Article, Event, Quote, ScheduledTagging, TagUsage
from archive.models.tags import TaggedModel
from archive.tags import public_tags
from tests.concurrent import written_meanwhile
from tests.factories import ArticleFactory, EventFactory, QuoteFactory

pytestmark = pytest.mark.django_db

MODELS = {"articles": Article, "quotes": Quote, "events": Event}
PUBLIC = {"article_count": Article, "quote_count": Quote, "event_count": Event}


def later(**delta):
    return timezone.now() + datetime.timedelta(**delta)


def stored():
    """Every tag's stored counts, tags counting nothing left out."""
    rows = TagUsage.objects.values_list("tag__name", "articles", "quotes", "events")
    return {row[0]: row[1:] for row in rows if any(row[1:])}


def recounted():
    """The same, counted afresh from the taggings: objects with status published, scheduled or not."""
    counts = {}
    for tag in Tag.objects.all():
        row = tuple(model.objects.filter(status=Status.PUBLISHED, tags=tag).count() for model in MODELS.values())
        if any(row):
            counts[tag.name] = row
    return counts


def public_counts():
    return {tag.name: (tag.article_count, tag.quote_count, tag.event_count) for tag in public_tags()}


def public_recounted():
    """What ``published()`` shows now, per tag: what the public counts must equal."""
    counts = {}
    for tag in Tag.objects.all():
        row = tuple(model.objects.published().filter(tags=tag).count() for model in PUBLIC.values())
        if any(row):
            counts[tag.name] = row
    return counts


def scheduled_noted():
    """What each tag's usage notes of its scheduled taggings: {(tag, model): how many}."""
    noted = {}
    for usage in TagUsage.objects.select_related("tag"):
        for model in TaggedModel.values:
            if count := getattr(usage, f"{model}s_scheduled"):
                noted[usage.tag.name, model] = count
    return noted


def scheduled_rows():
    """The scheduled taggings there are, due or not: {(tag, model): how many}."""
    rows = ScheduledTagging.objects.values_list("tag__name", "model").annotate(n=Count("*")).order_by()
    return {(tag, model): n for tag, model, n in rows}


def assert_counts_right():
    assert stored() == recounted()
    assert public_counts() == public_recounted()
    assert scheduled_noted() == scheduled_rows()


def tagged(factory, *tags, **kwargs):
    obj = factory(**kwargs)
    obj.tags.add(*tags)
    return obj


def test_triggers_exist_after_migrations():
    """
    Every trigger that keeps the counts is in the database after migrating. On SQLite, Django
    remakes a table to alter it (a field changed on Article, Quote, Event or TaggedItem) and the
    remake silently drops the table's triggers: this fails until that migration installs them
    again with ``archive.counts_tags.install``.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'archive_tagusage_%'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'archive_tagusage_%' AND NOT tgisinternal")
        names = {name for (name,) in cursor.fetchall()}
    assert names == set(counts_tags.trigger_names())
    assert len(names) == 21  # 18 on the taggings and the tagged tables, 3 on the scheduled taggings


def test_tagging_and_untagging():
    quote = tagged(QuoteFactory, "sanctions", "nato")
    article = tagged(ArticleFactory, "sanctions")
    tagged(EventFactory, "nato")
    assert stored() == {"sanctions": (1, 1, 0), "nato": (0, 1, 1)}
    assert_counts_right()

    quote.tags.remove("sanctions")
    article.tags.add("nato")
    assert stored() == {"sanctions": (1, 0, 0), "nato": (1, 1, 1)}
    assert_counts_right()

    quote.tags.clear()
    article.tags.set(["embassy"])
    assert stored() == {"embassy": (1, 0, 0), "nato": (0, 0, 1)}
    assert_counts_right()


def test_tags_on_drafts_count_for_nothing_until_published():
    quote = tagged(QuoteFactory, "sanctions", draft=True)
    assert stored() == {}

    quote.status, quote.published_at = Status.PUBLISHED, None
    quote.save()
    assert stored() == {"sanctions": (0, 1, 0)}
    assert_counts_right()

    quote.status = Status.REVIEW
    quote.save()
    assert stored() == {}
    assert_counts_right()


def test_saving_without_a_status_change_counts_nothing_twice():
    quote = tagged(QuoteFactory, "sanctions")
    quote.text = "Edited words."
    quote.save()
    Quote.objects.filter(pk=quote.pk).update(text="Edited again.")

    assert stored() == {"sanctions": (0, 1, 0)}


@pytest.mark.parametrize("model", [Article, Quote, Event])
def test_bulk_update_of_the_status(model):
    factory = {Article: ArticleFactory, Quote: QuoteFactory, Event: EventFactory}[model]
    for _ in range(3):
        tagged(factory, "sanctions", "nato")
    tagged(factory, "nato", draft=True)

    model.objects.update(status=Status.DRAFT)
    assert stored() == {}
    model.objects.update(status=Status.PUBLISHED, published_at=timezone.now())
    column = list(MODELS.values()).index(model)
    assert stored()["nato"][column] == 4
    assert_counts_right()


def test_deleting_an_object_uncounts_its_tags():
    quote = tagged(QuoteFactory, "sanctions")
    tagged(QuoteFactory, "sanctions")

    quote.delete()

    assert stored() == {"sanctions": (0, 1, 0)}
    assert_counts_right()


def test_deleting_the_taggings_then_the_object():
    quote = tagged(QuoteFactory, "sanctions", "nato")
    tagged(QuoteFactory, "nato")

    TaggedItem.objects.filter(object_id=quote.pk, content_type__model="quote").delete()
    assert stored() == {"nato": (0, 1, 0)}
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM archive_quote WHERE id = %s", [quote.pk])

    assert stored() == {"nato": (0, 1, 0)}
    assert_counts_right()


def test_deleting_the_object_then_its_taggings():
    quote = tagged(QuoteFactory, "sanctions", "nato")
    tagged(QuoteFactory, "nato")

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM archive_quote WHERE id = %s", [quote.pk])
    assert stored() == {"nato": (0, 1, 0)}
    TaggedItem.objects.filter(object_id=quote.pk, content_type__model="quote").delete()

    assert stored() == {"nato": (0, 1, 0)}
    assert_counts_right()


def test_deleting_a_tag():
    tagged(ArticleFactory, "sanctions", "nato")

    Tag.objects.get(name="sanctions").delete()

    assert stored() == {"nato": (1, 0, 0)}
    assert_counts_right()


def test_moving_a_tagging_to_another_tag_or_object():
    quote = tagged(QuoteFactory, "sanctions")
    draft = QuoteFactory(draft=True)
    nato = Tag.objects.create(name="nato", slug="nato")

    TaggedItem.objects.filter(object_id=quote.pk).update(tag=nato)
    assert stored() == {"nato": (0, 1, 0)}
    TaggedItem.objects.filter(object_id=quote.pk).update(object_id=draft.pk)
    assert stored() == {}
    assert_counts_right()


def test_scheduled_items_count_once_their_time_comes():
    tagged(ArticleFactory, "sanctions")
    tagged(QuoteFactory, "sanctions", published_at=later(hours=2))
    tagged(EventFactory, "summit", published_at=later(days=3))

    assert stored() == {"sanctions": (1, 1, 0), "summit": (0, 0, 1)}
    assert public_counts() == {"sanctions": (1, 0, 0)}
    assert_counts_right()

    with mock.patch("django.utils.timezone.now", return_value=later(hours=3)):
        assert public_counts() == {"sanctions": (1, 1, 0)}
        assert_counts_right()
    with mock.patch("django.utils.timezone.now", return_value=later(days=4)):
        assert public_counts() == {"sanctions": (1, 1, 0), "summit": (0, 0, 1)}
        assert_counts_right()


def test_rescheduling_and_tagging_a_scheduled_item():
    quote = tagged(QuoteFactory, "sanctions")

    quote.published_at = later(days=1)
    quote.save()
    quote.tags.add("nato")
    assert public_counts() == {}
    assert ScheduledTagging.objects.count() == 2
    assert_counts_right()

    Quote.objects.filter(pk=quote.pk).update(published_at=later(days=-1))
    assert public_counts() == {"sanctions": (0, 1, 0), "nato": (0, 1, 0)}
    assert_counts_right()

    quote.tags.remove("nato")
    Quote.objects.filter(pk=quote.pk).update(published_at=later(days=2))
    assert ScheduledTagging.objects.count() == 1
    quote.delete()
    assert ScheduledTagging.objects.count() == 0
    assert_counts_right()


def test_scheduled_taggings_come_due_and_are_forgotten_with_the_same_counts():
    tagged(QuoteFactory, "sanctions", "nato")
    soon = later(hours=1)
    tagged(QuoteFactory, "sanctions", published_at=soon)
    tagged(ArticleFactory, "sanctions", published_at=soon)
    tagged(EventFactory, "summit", published_at=later(days=2))
    assert public_counts() == {"sanctions": (0, 1, 0), "nato": (0, 1, 0)}
    assert scheduled_noted() == {("sanctions", "quote"): 1, ("sanctions", "article"): 1, ("summit", "event"): 1}
    assert_counts_right()

    with mock.patch("django.utils.timezone.now", return_value=soon + datetime.timedelta(seconds=1)):
        assert public_counts() == {"sanctions": (1, 2, 0), "nato": (0, 1, 0)}
        assert_counts_right()

        # Until the cron job runs, the check finds nothing wrong either.
        out = StringIO()
        call_command("rebuild_tag_counts", "--dry-run", stdout=out)
        assert "0 of 3 tags in use have wrong counts; nothing written." in out.getvalue()

        # The cron job forgets the taggings now due, and the counts stay as they are.
        call_command("refresh_scheduled", stdout=out)
        assert "and 2 scheduled taggings, now public." in out.getvalue()
        assert scheduled_noted() == scheduled_rows() == {("summit", "event"): 1}
        assert public_counts() == {"sanctions": (1, 2, 0), "nato": (0, 1, 0)}
        assert_counts_right()


def test_scheduled_taggings_written_by_hand_are_noted_too():
    """A script that moves or deletes scheduled taggings leaves each tag's note of them right."""
    quote = tagged(QuoteFactory, "sanctions", "nato", published_at=later(days=1))
    tagged(EventFactory, "nato", published_at=later(days=2))
    assert (
        scheduled_noted() == scheduled_rows() == {("sanctions", "quote"): 1, ("nato", "quote"): 1, ("nato", "event"): 1}
    )

    summit = Tag.objects.create(name="summit", slug="summit")
    ScheduledTagging.objects.filter(tag__name="sanctions").update(tag=summit)
    assert scheduled_noted() == scheduled_rows() == {("summit", "quote"): 1, ("nato", "quote"): 1, ("nato", "event"): 1}
    ScheduledTagging.objects.filter(model="event").update(model="article")
    assert scheduled_noted() == scheduled_rows()
    ScheduledTagging.objects.filter(object_id=quote.pk, model="quote").delete()
    assert scheduled_noted() == scheduled_rows() == {("nato", "article"): 1}
    ScheduledTagging.objects.all().delete()
    assert scheduled_noted() == {}


def test_public_counts_read_only_the_scheduled_taggings_that_came_due():
    """However many tagged items are still to come, the tag list reads none of their taggings."""
    for day in range(1, 29):
        tagged(QuoteFactory, "sanctions", published_at=later(days=day))
    tagged(QuoteFactory, "sanctions")

    with CaptureQueriesContext(connection) as queries:
        assert public_counts() == {"sanctions": (0, 1, 0)}
    (counted,) = queries.captured_queries
    assert "archive_scheduledtagging" in counted["sql"]
    assert "published_at <=" in counted["sql"] and "published_at >" not in counted["sql"]
    assert not ScheduledTagging.objects.filter(published_at__lte=timezone.now()).exists()
    assert TagUsage.objects.get(tag__name="sanctions").quotes_scheduled == 28


@pytest.mark.django_db(transaction=True)
def test_untagging_while_the_object_is_unpublished_elsewhere_counts_once():
    """
    On PostgreSQL each transaction's triggers see only what is committed: without a lock, a tag
    taken off an article while another transaction unpublishes it is subtracted by both.
    """
    article = tagged(ArticleFactory, "sanctions", "nato")
    tagged(ArticleFactory, "sanctions")

    with written_meanwhile(lambda: Article.objects.filter(pk=article.pk).update(status=Status.DRAFT)):
        article.tags.remove("sanctions")

    assert stored() == {"sanctions": (1, 0, 0)}
    assert_counts_right()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("counts", [counts_tags, counts_timeline], ids=["tags", "timeline"])
def test_readers_read_on_while_the_counts_are_rebuilt(counts):
    """
    A rebuild installs the triggers again and recounts in one transaction. On PostgreSQL,
    dropping a trigger would lock its table against reading until that commits: the tag list,
    the quote list and every page reading quotes would wait for the whole recount.
    """
    tagged(QuoteFactory, "sanctions")

    def rebuild():
        counts.install(connection)
        counts.rebuild()

    with written_meanwhile(rebuild):
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '200ms'")
        try:
            # What the tag list and the quote list read; waiting longer than that is an error.
            tags = [tag.name for tag in public_tags()]
            quotes = list(Quote.objects.published().with_related()[:20])
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET lock_timeout")

    assert tags == ["sanctions"]
    assert len(quotes) == 1


def test_tag_used_only_on_drafts_is_never_public(client):
    tagged(ArticleFactory, "embargoed", draft=True)
    tagged(QuoteFactory, "embargoed", status=Status.REVIEW, published_at=None)
    tagged(EventFactory, "embargoed", published_at=later(days=1))
    tagged(ArticleFactory, "sanctions")

    assert client.get(reverse("tags:detail", args=["embargoed"])).status_code == 404
    assert "embargoed" not in client.get(reverse("tags:list")).content.decode()
    assert "embargoed" not in client.get(reverse("api:tag-list")).content.decode()
    assert client.get(reverse("api:tag-detail", args=["embargoed"])).status_code == 404
    assert "embargoed" not in client.get("/sitemap-tags.xml").content.decode()
    assert_counts_right()


def test_rebuild_command_repairs_the_counts():
    tagged(QuoteFactory, "sanctions")
    tagged(QuoteFactory, "nato", published_at=later(days=1))
    TagUsage.objects.update(quotes=99)
    ScheduledTagging.objects.all().delete()

    out = StringIO()
    call_command("rebuild_tag_counts", "--dry-run", stdout=out)
    assert "2 of 2 tags in use have wrong counts; nothing written." in out.getvalue()
    assert stored() == {"sanctions": (0, 99, 0), "nato": (0, 99, 0)}

    call_command("rebuild_tag_counts", stdout=out)
    assert "Recounted 2 tags in use; 2 were wrong." in out.getvalue()
    assert_counts_right()


def test_rebuild_command_checks_the_scheduled_taggings_too():
    """A lost scheduled tagging counts a quote before its time: the check finds it as it finds a wrong count."""
    tagged(QuoteFactory, "sanctions")
    tagged(QuoteFactory, "nato", published_at=later(days=1))
    ScheduledTagging.objects.all().delete()
    assert public_counts() == {"sanctions": (0, 1, 0), "nato": (0, 1, 0)}

    out = StringIO()
    call_command("rebuild_tag_counts", "--dry-run", stdout=out)
    assert "1 of 2 tags in use have wrong counts; nothing written." in out.getvalue()
    assert not ScheduledTagging.objects.exists()

    call_command("rebuild_tag_counts", stdout=out)
    assert "Recounted 2 tags in use; 1 were wrong." in out.getvalue()
    assert_counts_right()


def test_rebuild_command_checks_what_the_usage_notes_of_its_scheduled_taggings():
    """A tag that notes a scheduled tagging too few shows its quote before its time: the check finds it too."""
    tagged(QuoteFactory, "sanctions")
    tagged(QuoteFactory, "nato", published_at=later(days=1))
    TagUsage.objects.update(quotes_scheduled=0)
    assert public_counts() == {"sanctions": (0, 1, 0), "nato": (0, 1, 0)}

    out = StringIO()
    call_command("rebuild_tag_counts", "--dry-run", stdout=out)
    assert "1 of 2 tags in use have wrong counts; nothing written." in out.getvalue()

    call_command("rebuild_tag_counts", stdout=out)
    assert "Recounted 2 tags in use; 1 were wrong." in out.getvalue()
    assert public_counts() == {"sanctions": (0, 1, 0)}
    assert_counts_right()


@pytest.mark.parametrize("command", ["rebuild_tag_counts", "rebuild_timeline_counts"])
def test_rebuild_commands_name_an_unknown_database_instead_of_failing(command):
    with pytest.raises(CommandError, match="--database: invalid choice: 'nope'"):
        call_command(command, "--database", "nope", stdout=StringIO())


def test_rebuild_command_puts_back_missing_triggers():
    counts_tags.uninstall(connection)
    call_command("rebuild_tag_counts", stdout=StringIO())

    tagged(QuoteFactory, "sanctions")

    assert stored() == {"sanctions": (0, 1, 0)}


def test_bulk_load_with_the_triggers_suspended():
    quote = QuoteFactory()
    scheduled = QuoteFactory(published_at=later(days=1))
    tag = Tag.objects.create(name="sanctions", slug="sanctions")
    content_type = ContentType.objects.get_for_model(Quote)

    with counts_tags.suspended():
        TaggedItem.objects.bulk_create(
            [TaggedItem(tag=tag, content_type=content_type, object_id=pk) for pk in (quote.pk, scheduled.pk)]
        )
        assert stored() == {}

    assert stored() == {"sanctions": (0, 2, 0)}
    assert public_counts() == {"sanctions": (0, 1, 0)}
    assert_counts_right()
    quote.tags.add("nato")
    assert stored()["nato"] == (0, 1, 0)


def test_public_tags_of_one_model_count_that_model_alone_and_alike():
    later = timezone.now() + datetime.timedelta(days=2)
    for item in (QuoteFactory(), QuoteFactory(), QuoteFactory(published_at=later), ArticleFactory(), EventFactory()):
        item.tags.add("Sanctions")

    (every,) = public_tags()
    (quotes,) = public_tags(TaggedModel.QUOTE)

    assert (every.quote_count, every.article_count, every.event_count) == (2, 1, 1)
    assert quotes.quote_count == 2
    assert not hasattr(quotes, "article_count") and not hasattr(quotes, "event_count")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("change", ["unpublish", "untag"])
def test_a_change_that_lowers_tag_counts_locks_them_in_tag_order(change):
    """
    Saves that change the counts of the same tags at once must each lock those counts in tag
    order: otherwise one can hold a count the other waits for while waiting for one the other
    holds, a deadlock that PostgreSQL ends by failing one of the saves (an editor answered
    503). Raising counts always went in tag order; lowering them went in the join's order.
    Held here: a change waiting for the last tag's count already holds all the others.
    """
    if connection.vendor != "postgresql":
        pytest.skip("SQLite writes one transaction at a time.")
    names = [f"tag-{number:02d}" for number in range(20)]
    quote = tagged(QuoteFactory, *names)
    *others, last = sorted(Tag.objects.filter(name__in=names).values_list("pk", flat=True))
    # Counts updated over time lie in any order in their table: here the last tag's first.
    for tag_id in reversed([*others, last]):
        TagUsage.objects.filter(tag_id=tag_id).update(quotes=F("quotes"))
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {TagUsage._meta.db_table}")  # planned as on a live archive: read in table order
    held, release = threading.Event(), threading.Event()

    def hold_last():
        with transaction.atomic():
            TagUsage.objects.select_for_update().get(tag_id=last)
            held.set()
            release.wait(10)
        connection.close()

    def lower():
        if change == "unpublish":
            Quote.objects.filter(pk=quote.pk).update(status=Status.DRAFT)
        else:
            Quote.objects.get(pk=quote.pk).tags.clear()
        connection.close()

    holder = threading.Thread(target=hold_last)
    holder.start()
    held.wait(5)
    changer = threading.Thread(target=lower)
    changer.start()
    try:
        with connection.cursor() as cursor:
            for _ in range(100):  # until the change waits for the last count
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE wait_event_type = 'Lock' AND datname = current_database()"
                )
                if cursor.fetchone()[0]:
                    break
                time.sleep(0.05)
            with transaction.atomic():
                cursor.execute(
                    f"SELECT tag_id FROM {TagUsage._meta.db_table} WHERE tag_id = ANY(%s) FOR UPDATE SKIP LOCKED",
                    [others],
                )
                free = [row[0] for row in cursor.fetchall()]
    finally:
        release.set()
        holder.join()
        changer.join()

    assert free == []
    assert stored() == {}
    assert_counts_right()
