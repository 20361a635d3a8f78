"""
The public filters: the quote list's (``QuoteFilterSet``), the timeline's (``EventFilterSet``)
and the API's people (``PersonFilterSet``). The pages, the API, the exports and the feeds share them.

The query-string names (``person``, ``date_after``, ``date_before``, ``tag``, ``outlet``,
``event``, ``q``, ``sort``) are a public interface: links and bookmarks depend on them.
Every slug resolves among *published* objects only, so a draft's slug is as unknown to
readers as a typo. Filters that cross a many-to-many relation use ``Exists`` or ``IN`` so a
quote never appears twice.

At a million quotes the shape of each filter decides its speed. A tag, an outlet or words
that few quotes carry (up to ``FEW``) are read from their own index and the matches sorted;
a commoner one is checked quote by quote along the list's date index, which reaches a page
of matches soon. The two shapes return the same quotes; SQLite plans each as written,
PostgreSQL from its statistics either way. ``paging()`` tells the list's paginator how to
count what the filters chose.
"""

import json
import re
from functools import cached_property

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import BooleanField, Exists, Expression, F, OuterRef, Q, Sum
from django.db.models.expressions import RawSQL
from django.forms.models import ModelChoiceIterator
from taggit.models import Tag, TaggedItem

from archive.editorial import published_q, published_sql
from archive.forms import DateRangeForm, OptionsSelect, PartialDateField, TextBox
from archive.models import Article, Citation, Event, MonthlyCount, Outlet, Quote, SearchDocument
from archive.models.events import still_on
from archive.models.tags import TaggedModel
from archive.search.backends import get_backend
from archive.search.query import parse as parse_query
from archive.tags import RARE, public_tags
from archive.timeline import involved, quote_count, tagged_with
from people.indexes import spellings
from people.models import Person, PersonAlias

SORTS = {
    "-date": (F("said_on").desc(nulls_last=True), F("id").desc()),
    "date": (F("said_on").asc(nulls_last=True), F("id").asc()),
}
DEFAULT_SORT = "-date"
# A tag, an outlet or words matching at most this many quotes: their quotes are gathered and sorted.
FEW = RARE
# Pages counted past the one asked for when a filter checks quote by quote: none, so a page
# costs what it shows (the paginator still links the next page when it saw an item on it).
COUNT_AHEAD = 0
SLUG_RE = re.compile(r"^[-\w]+$")


def find_people(text, limit=5):
    """
    Published people ``text`` names: the one whose slug it is, else everyone whose name or
    alias name it is (case-insensitive), else the one it was the slug of before a merge.
    Slugs win, since links and bookmarks use them.
    """
    people = Person.objects.published()
    if SLUG_RE.match(text):
        by_slug = list(people.filter(slug=text)[:1])
        if by_slug:
            return by_slug
    # The ids from the name and the alias indexes, united: "name matches OR an alias matches"
    # in one WHERE reads every person on PostgreSQL (and, as EXISTS, on SQLite) when no one matches.
    # Each form of the text (``spellings``: SQLite folds the case of ASCII letters only) is one more pair.
    forms = spellings(text)
    named = [Person.objects.filter(name__iexact=form).values("pk").order_by() for form in forms]
    aliased = [PersonAlias.objects.filter(name__iexact=form).values("person").order_by() for form in forms]
    first, *rest = named + aliased
    found = list(people.filter(pk__in=first.union(*rest))[:limit])
    if not found and SLUG_RE.match(text):
        # The slug of someone since merged into another (``PersonRedirect``): bookmarks still work.
        found = list(people.filter(redirects__old_slug=text)[:1])
    return found


class PersonField(forms.CharField):
    """A person typed as a slug, a name or an alias name; cleans to one published Person."""

    widget = TextBox

    default_error_messages = {
        "unknown": "No one in the archive is called “%(value)s”. Check the spelling or pick a suggested name.",
        "ambiguous": "“%(value)s” could be more than one person: %(people)s. Type the one you mean.",
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)  # the text, stripped and checked for length first
        if not value:
            return None
        people = find_people(value)
        if not people:
            raise ValidationError(self.error_messages["unknown"], code="unknown", params={"value": value})
        if len(people) > 1:
            listed = "; ".join(
                f"{person.name} ({person.description}, “{person.slug}”)"
                if person.description
                else f"{person.name} (“{person.slug}”)"
                for person in people
            )
            raise ValidationError(
                self.error_messages["ambiguous"], code="ambiguous", params={"value": value, "people": listed}
            )
        return people[0]

    def prepare_value(self, value):
        return value.slug if isinstance(value, Person) else value


class ListedChoiceIterator(ModelChoiceIterator):
    """Choices from one plain query: Django's iterator() would open a server-side cursor on PostgreSQL."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.listed():
            yield self.choice(obj)


class ListedModelChoiceField(django_filters.fields.ModelChoiceField):
    """
    A menu of a short list, read once per form by ``rows()`` (instances of ``queryset``'s
    model, in the menu's order): the menu is written from them, and the value chosen is looked
    up among them, not by a query of its own.
    """

    iterator = ListedChoiceIterator

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows

    def listed(self):
        if "_listed" not in self.__dict__:
            self._listed = list(self.rows())
        return self._listed

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if self.null_label is not None and value == self.null_value:
            return value
        self.validate_no_null_characters(value)
        key = self.to_field_name or "pk"
        chosen = next((obj for obj in self.listed() if str(getattr(obj, key)) == str(value)), None)
        if chosen is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})
        return chosen


class ListedModelChoiceFilter(django_filters.ModelChoiceFilter):
    """A ``ModelChoiceFilter`` for a short list of choices shown as a menu (the outlets)."""

    field_class = ListedModelChoiceField


class PersonFilter(django_filters.Filter):
    field_class = PersonField


class PartialDateFilter(django_filters.Filter):
    field_class = PartialDateField


def reporting_outlets():
    """
    ``Outlet.objects.reporting()`` by name, with their slugs and names, for the outlet menu:
    written in SQL, since Django took longer to put the query together (0.6 ms on SQLite, 0.9
    on PostgreSQL) than either database took to answer it.
    """
    public, params = published_sql("a", connection)
    outlets, articles = Outlet._meta.db_table, Article._meta.db_table
    sql = (
        f"SELECT o.id, o.slug, o.name FROM {outlets} o WHERE EXISTS ("
        f"SELECT 1 FROM {articles} a WHERE a.outlet_id = o.id AND {public}) ORDER BY o.name, o.id"
    )
    return Outlet.objects.raw(sql, params)


def published_events(request):
    # A callable, so "published" is judged per request, not once at import.
    return Event.objects.published()


def published_articles(request):
    return Article.objects.published()


def slug_error(noun):
    return {"invalid_choice": f"There is no {noun} “%(value)s” in the archive."}


def slug_filter(noun, queryset, help_text):
    """A filter naming one published ``noun`` by its slug, in a text box; ``filter_<noun>`` applies it."""
    return django_filters.ModelChoiceFilter(
        label=noun.capitalize(),
        queryset=queryset,
        to_field_name="slug",
        widget=TextBox,
        method=f"filter_{noun}",
        help_text=help_text,
        error_messages=slug_error(noun),
    )


def person_filter():
    """The ``person`` filter: a text box (never a list of everyone) taking a slug, a name or an alias."""
    return PersonFilter(
        label="Person",
        method="filter_person",
        help_text="A name, another spelling of it, or the person’s slug.",
    )


def public_tag_choices(request):
    """
    The tags a ``tag`` filter may name: the public ones, judged per request (a tag on drafts
    only is as unknown as a typo). Built only when the filter is used: their counts cost a
    few milliseconds of Python to put together.
    """
    if request is not None and not request.GET.get("tag"):
        return Tag.objects.none()
    # Of the counts, the quote filter reads the quotes' (the timeline's filter reads none).
    return public_tags(TaggedModel.QUOTE)


def tag_filter():
    """
    The ``tag`` filter: a tag's slug in a text box. The tag comes with its counts of public
    articles, quotes and events (``archive.tags.public_tags``), which choose the filter's shape.
    """
    return django_filters.ModelChoiceFilter(
        label="Tag",
        queryset=public_tag_choices,
        to_field_name="slug",
        widget=TextBox,
        method="filter_tag",
        help_text="A tag’s slug, such as “sanctions”.",
        error_messages=slug_error("tag"),
    )


def words_to_look_for(value):
    """
    Words that would narrow nothing are refused rather than ignored, which would list every quote
    under a filter that says otherwise: words that only leave words out ("-antonov"), words too
    common to be looked for ("the", left out of every full-text query, ``archive.search.query``),
    and text with no word in it at all ("*", an emoji), as /search/ says of each.
    """
    parsed = parse_query(value)
    if parsed:
        return
    if parsed.excluded:
        raise ValidationError(
            "Add a word to look for: the words can narrow the quotes, not only leave words out.",
            code="only_excluded",
        )
    if parsed.stopwords:
        raise ValidationError(
            "“%(value)s” has only words too common to look for (%(words)s): add a less common word.",
            code="only_stopwords",
            params={"value": value, "words": ", ".join(parsed.stopwords)},
        )
    raise ValidationError(
        "“%(value)s” has no words to look for: type a few words of the quote or a name.",
        code="no_words",
        params={"value": value},
    )


# The quote filters that narrow the list, in the form's order: ``sort`` and ``page`` do not.
NARROWING = ["person", "date_after", "date_before", "tag", "outlet", "event", "q"]


class QuoteFilterSet(django_filters.FilterSet):
    person = person_filter()
    date_after = PartialDateFilter(label="Said from", method="filter_date_after")
    date_before = PartialDateFilter(label="Said until", method="filter_date_before")
    tag = tag_filter()
    outlet = ListedModelChoiceFilter(
        label="Reported by",
        queryset=Outlet.objects.all(),
        rows=reporting_outlets,
        to_field_name="slug",
        empty_label="Any outlet",
        widget=OptionsSelect,
        method="filter_outlet",
        error_messages=slug_error("outlet"),
    )
    event = slug_filter("event", published_events, "An event’s slug, as in its address.")
    q = django_filters.CharFilter(
        label="Words in the quote",
        method="filter_words",
        max_length=200,
        widget=TextBox,
        validators=[words_to_look_for],
    )
    sort = django_filters.ChoiceFilter(
        label="Order",
        choices=[("-date", "Newest first"), ("date", "Oldest first")],
        empty_label=None,
        widget=OptionsSelect,
        method="filter_sort",
        error_messages={"invalid_choice": "Sort by “-date” (newest first) or “date” (oldest first)."},
    )

    class Meta:
        model = Quote
        fields = []
        form = DateRangeForm

    #: Whether a filter in use checks quotes one by one along the list (see the module docstring).
    walks = False
    #: Whether a filter in use narrows the list to at most ``FEW`` quotes, gathered from its own index.
    few = False

    def filter_queryset(self, queryset):
        # The default order applies even when ``sort`` is absent, with undated quotes last.
        if not self.form.cleaned_data.get("sort"):
            queryset = self.filter_sort(queryset, "sort", DEFAULT_SORT)
        queryset = super().filter_queryset(queryset)
        person = self.form.cleaned_data.get("person")
        if person is None:
            return queryset
        # When another filter gathered a few quotes, each of those is checked for the speaker.
        return queryset.by_person(person, walk=not self.few)

    def filter_person(self, queryset, name, person):
        """Applied last, in ``filter_queryset``: its shape depends on the other filters'."""
        return queryset

    def filter_date_after(self, queryset, name, value):
        return queryset.between(start=value.date)

    def filter_date_before(self, queryset, name, value):
        # "Until 2017" means to the end of 2017.
        return queryset.between(end=value.last_day)

    def filter_tag(self, queryset, name, tag):
        """
        As ``archive.tags.carrying()``, but by the content type's id (from Django's cache): with
        the id known, PostgreSQL estimates the tag's share of quotes from its statistics.
        """
        # The tag's public quote count comes with it, from the tag counts the database keeps.
        taggings = TaggedItem.objects.filter(content_type=ContentType.objects.get_for_model(Quote), tag=tag)
        if self.note_shape(tag.quote_count <= FEW):
            return queryset.filter(pk__in=taggings.values("object_id"))
        return queryset.filter(Exists(taggings.filter(object_id=OuterRef("pk"))))

    def filter_outlet(self, queryset, name, outlet):
        """Quotes the outlet reported in a published article; its citations counted up to ``FEW`` choose the shape."""
        cited = Citation.objects.filter(published_q("article__"), article__outlet=outlet)
        if self.note_shape(cited.order_by()[: FEW + 1].count() <= FEW):
            return queryset.filter(pk__in=cited.values("quote_id"))
        return queryset.filter(Exists(cited.filter(quote=OuterRef("pk"))))

    def filter_event(self, queryset, name, event):
        return queryset.filter(event=event)

    def filter_words(self, queryset, name, value):
        """
        Quotes matching the words through the full-text index (a quote is indexed with
        its speaker's names), never a LIKE scan; web-search syntax works as on /search/.
        """
        parsed = parse_query(value)
        if not parsed:
            return queryset
        words = QuoteWords(parsed)
        if self.note_shape(words.count_up_to(FEW + 1) <= FEW):
            return queryset.filter(pk__in=words.matching())
        return queryset.filter(WordsMatch(words))

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS[value])

    def note_shape(self, few):
        """Record which shape a filter took: its matches gathered (``few``) or checked one by one."""
        if few:
            self.few = True
        else:
            self.walks = True
        return few

    def paging(self):
        """
        Options for ``CappedPaginator`` once ``qs`` is built: a list narrowed to few quotes is
        read by id in order, up to the cap (one read for the count and the page); one checked
        quote by quote is read by id up to ``COUNT_AHEAD`` pages past the page asked for.
        """
        if self.few:
            return {"walk": True}
        if self.walks:
            return {"walk": True, "ahead": COUNT_AHEAD}
        if (total := self.stored_total()) is not None:
            return {"total": total}
        return {}

    def stored_total(self):
        """
        How many quotes the list holds, from the counts the database keeps (``quote_count``),
        when its filters are a person or a tag (not both) and dates: else None, to be counted.
        Without dates, a person's undated quotes are counted from the speaker's index; a tag's
        would be checked one by one, so a tag alone is counted as any list.
        """
        data = self.form.cleaned_data
        if any(data.get(name) not in (None, "") for name in ("outlet", "event", "q")):
            return None
        person, tag = data.get("person"), data.get("tag")
        after, before = data.get("date_after"), data.get("date_before")
        dated = after is not None or before is not None
        if (person is not None and tag is not None) or not (dated or person is not None):
            return None
        start, end = (after.date if after else None), (before.last_day if before else None)
        return quote_count(person=person, tag=tag, start=start, end=end, undated=not dated)


class QuoteWords:
    """
    The quote documents of the search index (``archive.search``) that match a parsed query, in
    the two shapes the filter needs: all their quote ids, and a test of one quote's document.
    """

    kind = SearchDocument.Kind.QUOTE
    documents = SearchDocument._meta.db_table

    def __init__(self, parsed):
        self.backend = get_backend(SearchDocument.objects.filter(kind=self.kind), parsed)

    def count_up_to(self, limit):
        """How many quote documents match, counted up to ``limit``, from the full-text index alone."""
        if connection.vendor == "sqlite":
            table = self.backend.table
            sql = f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH %s LIMIT %s)"
            params = [self.backend.match(kind=self.kind), limit]
        else:
            # The planner's estimate, from one EXPLAIN: counting a common word's matches reads them all.
            sql = f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {self.documents} WHERE kind = %s AND search_vector @@ "
            sql += self.backend.tsquery()
            params = [self.kind, self.backend.tsquery_text]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            value = cursor.fetchone()[0]
        if connection.vendor == "sqlite":
            return value
        plan = json.loads(value) if isinstance(value, str) else value
        return min(limit, int(plan[0]["Plan"]["Plan Rows"]))

    def matching(self):
        """The ids of every matching quote (whatever its status: the quote list decides what is public)."""
        if connection.vendor == "sqlite":
            table = self.backend.table
            sql = f"SELECT d.object_id FROM {self.documents} d JOIN {table} ON {table}.rowid = d.id "
            sql += f"WHERE {table} MATCH %s"
            return RawSQL(sql, [self.backend.match(kind=self.kind)])
        sql = f"SELECT object_id FROM {self.documents} WHERE kind = %s AND search_vector @@ {self.backend.tsquery()}"
        return RawSQL(sql, [self.kind, self.backend.tsquery_text])

    def test_sql(self, quote_id_sql):
        """SQL and parameters: whether the quote ``quote_id_sql`` names has a matching document."""
        if connection.vendor == "sqlite":
            table = self.backend.table
            sql = (
                f"EXISTS (SELECT 1 FROM {self.documents} d JOIN {table} ON {table}.rowid = d.id "
                f"WHERE d.kind = %s AND d.object_id = {quote_id_sql} AND {table} MATCH %s)"
            )
            return sql, [self.kind, self.backend.match()]
        # ts_match_vq, not @@: the document's own vector is tested, the GIN index kept out.
        sql = (
            f"EXISTS (SELECT 1 FROM {self.documents} d WHERE d.kind = %s AND d.object_id = {quote_id_sql} "
            f"AND ts_match_vq(d.search_vector, {self.backend.tsquery()}))"
        )
        return sql, [self.kind, self.backend.tsquery_text]


class WordsMatch(Expression):
    """The condition "this quote's document matches", tested quote by quote (``QuoteWords.test_sql``)."""

    output_field = BooleanField()

    def __init__(self, words, quote_id=None):
        super().__init__()
        self.words = words
        self.quote_id = quote_id if quote_id is not None else F("pk")

    def get_source_expressions(self):
        return [self.quote_id]

    def set_source_expressions(self, expressions):
        (self.quote_id,) = expressions

    def as_sql(self, compiler, connection):
        quote_id_sql, quote_id_params = compiler.compile(self.quote_id)
        sql, params = self.words.test_sql(quote_id_sql)
        # The quote's id comes between the kind and the words.
        return sql, [params[0], *quote_id_params, *params[1:]]


class EventFilterSet(django_filters.FilterSet):
    """
    The timeline's filters, with the quote filters' names and date semantics: an event
    counts when its span overlaps the range (``Event.objects.between``), and ``date_before``
    runs to the end of its span.

    A person or a tag with many events is found fastest by reading the events in order (by
    date, or by kind and date) and checking each: the first page is near. One with few is found
    by gathering theirs and sorting them. Which is which comes from the stored monthly counts.
    """

    #: From this many events on, a person or tag is checked event by event in date order.
    WALK_FROM = 1000

    person = person_filter()
    tag = tag_filter()
    kind = django_filters.ChoiceFilter(
        label="Kind",
        choices=Event.Kind.choices,
        empty_label="Any kind",
        widget=OptionsSelect,
        error_messages={"invalid_choice": "There is no kind of event “%(value)s”: pick one from the list."},
    )
    date_after = PartialDateFilter(label="From", method="filter_date_after")
    date_before = PartialDateFilter(label="Until", method="filter_date_before")

    class Meta:
        model = Event
        fields = []
        form = DateRangeForm

    def in_words(self):
        """(label, value in words) for each filter in use (of a valid form): what a page or a title shows."""
        active = []
        for name, value in self.form.cleaned_data.items():
            if value in (None, ""):
                continue
            if name == "kind":
                value = Event.Kind(value).label
            active.append((self.form.fields[name].label, value))
        return active

    @cached_property
    def sizes(self):
        """How many events the person and the tag in use have, each on its own: {(person id, tag id): count}."""
        data = self.form.cleaned_data
        keys = Q(pk__in=[])
        if data.get("person"):
            keys |= Q(person_id=data["person"].pk, tag_id=0)
        if data.get("tag"):
            keys |= Q(person_id=0, tag_id=data["tag"].pk)
        counts = MonthlyCount.objects.filter(keys, subject=MonthlyCount.Subject.EVENT, event_kind="")
        rows = counts.values_list("person_id", "tag_id").annotate(total=Sum("count")).order_by()
        return {(person_id, tag_id): total for person_id, tag_id, total in rows}

    def has_many(self, person_id=0, tag_id=0):
        return self.sizes.get((person_id, tag_id), 0) >= self.WALK_FROM

    def filter_person(self, queryset, name, person):
        if self.has_many(person_id=person.pk):
            return queryset.filter(involved(person))
        return queryset.involving(person)

    def filter_tag(self, queryset, name, tag):
        if self.has_many(tag_id=tag.pk):
            return queryset.filter(tagged_with(Event, tag))
        tagged = TaggedItem.objects.filter(
            content_type__app_label=Event._meta.app_label, content_type__model=Event._meta.model_name, tag=tag
        )
        return queryset.filter(pk__in=tagged.values("object_id"))

    def filter_date_after(self, queryset, name, value):
        """
        Overlapping means starting on or after the date or ending on or after it; the second
        half alone would read every earlier event, so the events begun before the date and
        still going on (few: found through the end date) give the earliest start to read from.
        """
        start = value.date
        begun_before = Event.objects.filter(still_on(start), start_date__lt=start).order_by()
        earliest = min(begun_before.values_list("start_date", flat=True), default=start)
        return queryset.between(start=start).filter(start_date__gte=earliest)

    def filter_date_before(self, queryset, name, value):
        return queryset.between(end=value.last_day)


class PersonFilterSet(django_filters.FilterSet):
    """The API's people: everyone published, or the people one article mentions or one event involved."""

    article = slug_filter("article", published_articles, "An article’s slug: the people it mentions.")
    event = slug_filter("event", published_events, "An event’s slug: the people it involved.")

    class Meta:
        model = Person
        fields = []

    def filter_article(self, queryset, name, article):
        return queryset.filter(articles=article)

    def filter_event(self, queryset, name, event):
        return queryset.filter(events=event)


def error_lines(errors):
    """A FilterSet's errors as plain text, a "name: message" line each (the CSV export's and the feeds' 400)."""
    return "\n".join(f"{name}: {message}" for name, messages in errors.items() for message in messages)
