"""The timeline: honest grouping of partial dates, filters (and their 400s), the overview strip."""

import datetime
import re
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from archive.dates import PartialDate, Precision
from archive.filters import EventFilterSet
from archive.models import Event
from archive.timeline import build_overview, format_span
from archive.views.events import TimelineView
from tests.factories import ArticleFactory, EventFactory, PersonFactory, QuoteFactory

pytestmark = pytest.mark.django_db

FUTURE = timezone.now() + datetime.timedelta(days=3)
URL = reverse("events:timeline")


def timeline(client, **params):
    return client.get(URL, params)


def headings(response):
    """Year (h2) and period (h3) headings on the page, in order, as plain text."""
    return [
        re.sub(r"<[^>]+>", "", text).strip()
        for text in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", response.content.decode())
    ]


def listed(response):
    return [event.title for year in response.context["years"] for period in year.periods for event in period.events]


def event(title, start, end=None, **kwargs):
    """An event from partial dates typed the way editors do: "2017", "2017-12", "2017-12-01"."""
    start = PartialDate.parse(start)
    fields = {"title": title, "start_date": start.date, "start_precision": start.precision, **kwargs}
    if end:
        end = PartialDate.parse(end)
        fields.update(end_date=end.date, end_precision=end.precision)
    return EventFactory(**fields)


# Dates, as precise as they are known


@pytest.mark.parametrize(
    "start, end, expected",
    [
        ("2017-12-01", None, "1 December 2017"),
        ("2017-12", None, "December 2017"),
        ("2017", None, "2017"),
        ("2017-11-29", "2017-12-01", "29 November – 1 December 2017"),
        ("2017-11-29", "2017-11-30", "29–30 November 2017"),
        ("2017-12-30", "2018-01-02", "30 December 2017 – 2 January 2018"),
        ("2017-11", "2017-12", "November – December 2017"),
        ("2017", "2019-03", "2017 – March 2019"),
        ("2017-11", "2017-12-01", "November 2017 – 1 December 2017"),
        ("2017-12-01", "2017-12-01", "1 December 2017"),
    ],
)
def test_spans_are_written_at_each_ends_precision(start, end, expected):
    assert format_span(PartialDate.parse(start), PartialDate.parse(end) if end else None) == expected


def test_events_are_grouped_by_year_and_month_with_honest_precision(client):
    event("Year only", "2017")
    event("Month only", "2017-12")
    event("A day in December", "2017-12-05")
    event("A day in January", "2017-01-01")
    event("Next year", "2018-03-08")

    response = timeline(client)
    found = headings(response)

    assert found[found.index("2017") :] == [
        "2017",
        "2017 – date within the year unknown",
        "January 2017",
        "December 2017",
        "2018",
        "March 2018",
    ]
    groups = {
        period.heading: [e.title for e in period.events] for y in response.context["years"] for period in y.periods
    }
    assert groups["2017 – date within the year unknown"] == ["Year only"]
    assert groups["January 2017"] == ["A day in January"]
    assert groups["December 2017"] == ["Month only", "A day in December"]


def test_a_year_only_event_among_the_first_of_january_keeps_january_in_one_group(client):
    # Both are stored as 1 January 2017, so the list's order (date, then id) interleaves them.
    event("New Year's reception", "2017-01-01")
    event("Year only", "2017")
    event("New Year's statement", "2017-01-01")

    response = timeline(client)

    assert headings(response)[headings(response).index("2017") :] == [
        "2017",
        "2017 – date within the year unknown",
        "January 2017",
    ]
    groups = [
        (period.heading, [e.title for e in period.events]) for y in response.context["years"] for period in y.periods
    ]
    assert groups == [
        ("2017 – date within the year unknown", ["Year only"]),
        ("January 2017", ["New Year's reception", "New Year's statement"]),
    ]


def test_partial_dates_never_show_a_day(client):
    event("Month only", "2017-12")
    event("Year only", "2016")
    event("Summit", "2017-11-29", "2017-12-01")

    content = timeline(client).content.decode()

    assert '<time datetime="2017-12">December 2017</time>' in content
    assert '<time datetime="2016">2016</time>' in content
    assert "1 December 2017</time>" in content  # the end of the summit, a real day
    assert "1 January 2016" not in content and "1 December 2017 ·" not in content
    assert (
        '<time datetime="2017-11-29">29 November</time> – <time datetime="2017-12-01">1 December 2017</time>' in content
    )


def test_only_published_events_are_listed(client):
    event("Public", "2017-01-02")
    event("Draft", "2017-01-03", draft=True)
    event("Scheduled", "2017-01-04", published_at=FUTURE)

    assert listed(timeline(client)) == ["Public"]


def test_each_event_shows_its_published_quote_and_coverage_counts(client):
    summit = event("Summit", "2017-12-01")
    QuoteFactory.create_batch(2, event=summit)
    QuoteFactory(event=summit, draft=True)
    summit.articles.add(ArticleFactory(), ArticleFactory(draft=True))
    event("Quiet day", "2017-12-02")

    response = timeline(client)
    content = response.content.decode()

    assert f'<a href="{summit.get_absolute_url()}#quotes">2 quotes</a>' in content
    assert f'<a href="{summit.get_absolute_url()}#coverage">1 article</a>' in content
    assert "No quotes" in content and "no coverage yet" in content


def test_people_are_shown_only_when_published(client):
    summit = event("Summit", "2017-12-01")
    summit.people.add(PersonFactory(name="Public Person"), PersonFactory(name="Hidden Person", draft=True))

    content = timeline(client).content.decode()

    assert "Public Person" in content and "Hidden Person" not in content


@pytest.mark.parametrize("count, others", [(5, False), (6, True)])
def test_an_entry_names_five_people_and_links_to_the_others(client, count, others):
    summit = event("Summit", "2017-12-01")
    summit.people.add(*(PersonFactory(name=f"Delegate {n}", sort_name=f"Delegate {n}") for n in range(count)))

    content = timeline(client).content.decode()

    assert all(f">Delegate {n}</a>" in content for n in range(5))
    assert ">Delegate 5</a>" not in content
    assert (f' and <a href="{summit.get_absolute_url()}#people">others</a>' in content) == others


def test_the_person_filtered_by_is_named_first(client):
    summit = event("Summit", "2017-12-01")
    summit.people.add(*(PersonFactory(name=f"Delegate {n}", sort_name=f"Delegate {n}") for n in range(6)))
    zhukov = PersonFactory(name="Yuri Zhukov", sort_name="Zhukov, Yuri", slug="yuri-zhukov")
    summit.people.add(zhukov)

    content = timeline(client, person="yuri-zhukov").content.decode()

    assert 'With <a href="/people/yuri-zhukov/">Yuri Zhukov</a>, ' in content
    assert ">Delegate 3</a>" in content and ">Delegate 4</a>" not in content


# Filters


@pytest.fixture
def archive_events(antonov):
    meeting = event("Meeting with Antonov", "2017-03-10", kind=Event.Kind.MEETING)
    meeting.people.add(antonov)
    meeting.tags.add("sanctions")
    speech = event("Speech", "2017-12", kind=Event.Kind.SPEECH)
    speech.tags.add("sanctions")
    expulsion = event("Expulsion", "2018-01-05", kind=Event.Kind.EXPULSION)
    expulsion.people.add(antonov)
    event("Year-only appointment", "2016", kind=Event.Kind.APPOINTMENT)


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"person": "anatoly-antonov"}, ["Meeting with Antonov", "Expulsion"]),
        ({"person": "Anatoly Antonov"}, ["Meeting with Antonov", "Expulsion"]),
        ({"tag": "sanctions"}, ["Meeting with Antonov", "Speech"]),
        ({"kind": "speech"}, ["Speech"]),
        ({"date_after": "2017-12"}, ["Speech", "Expulsion"]),
        ({"date_before": "2017"}, ["Year-only appointment", "Meeting with Antonov", "Speech"]),
        ({"date_before": "2017-03"}, ["Year-only appointment", "Meeting with Antonov"]),
        ({"date_after": "2017", "date_before": "2017-03-10"}, ["Meeting with Antonov"]),
        ({"person": "anatoly-antonov", "tag": "sanctions"}, ["Meeting with Antonov"]),
        (
            {"person": "", "tag": "", "kind": ""},
            ["Year-only appointment", "Meeting with Antonov", "Speech", "Expulsion"],
        ),
    ],
)
def test_filters(client, archive_events, params, expected):
    response = timeline(client, **params)

    assert response.status_code == 200
    assert listed(response) == expected


@pytest.mark.parametrize(
    "params, message",
    [
        ({"person": "nobody-at-all"}, "No one in the archive is called"),
        ({"tag": "no-such-tag"}, "There is no tag “no-such-tag”"),
        ({"kind": "party"}, "There is no kind of event “party”"),
        ({"date_after": "2017-13"}, "is not a real date"),
        ({"date_before": "yesterday"}, "is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"),
        ({"date_after": "2018", "date_before": "2017"}, "is later than"),
    ],
)
def test_invalid_filters_are_a_400_with_the_form_and_a_message(client, archive_events, params, message):
    response = timeline(client, **params)
    content = response.content.decode()

    assert response.status_code == 400
    assert message in content
    assert '<form class="filters"' in content
    assert response.context["years"] == []


@pytest.mark.parametrize(
    "params",
    [
        {"date_after": "9999-12-31"},
        {"date_after": "9999-12-02", "person": "anatoly-antonov"},
        {"date_before": "0001-01-01"},
        {"date_after": "0001-01-05", "date_before": "0001-01-20", "tag": "sanctions"},
    ],
)
def test_dates_at_either_end_of_the_calendar_show_an_empty_timeline(client, archive_events, params):
    response = timeline(client, **params)

    assert response.status_code == 200
    assert listed(response) == []
    assert response.context["overview"].total_events == 0


def test_draft_people_cannot_be_filtered_by(client):
    PersonFactory(name="Hidden Person", slug="hidden-person", draft=True)

    assert timeline(client, person="hidden-person").status_code == 400


def test_active_filters_are_described(client, archive_events):
    content = timeline(client, person="anatoly-antonov", kind="meeting").content.decode()

    assert "<strong>person</strong>: Anatoly Antonov" in content
    assert "<strong>kind</strong>: Meeting" in content


def test_timeline_is_paginated(client):
    for day in range(1, 31):
        event(f"Day {day}", (datetime.date(2019, 1, 1) + datetime.timedelta(days=day - 1)).isoformat())

    first, second = timeline(client), timeline(client, page=2)

    assert len(listed(first)) == 25 and listed(second) == [f"Day {day}" for day in range(26, 31)]
    assert "January 2019" in headings(first)


# The overview strip


def test_overview_counts_events_and_quotes_per_month(client):
    event("December one", "2017-12-01")
    event("December two", "2017-12-20")
    event("January", "2018-01-05")
    event("Year only", "2017")
    for day in (1, 2, 3):
        QuoteFactory(said_on=datetime.date(2017, 12, day))
    QuoteFactory(said_on=datetime.date(2018, 2, 1), said_on_precision=Precision.MONTH)
    QuoteFactory(said_on=datetime.date(2017, 12, 4), draft=True)

    response = timeline(client)
    columns = {column.label: (column.events, column.quotes) for column in response.context["overview"].columns}
    content = response.content.decode()

    assert columns["2017, month unknown"] == (1, 0)
    assert columns["January 2017"] == (0, 0)  # the year-only event is not filed under January
    assert columns["December 2017"] == (2, 3)
    assert columns["January 2018"] == (1, 0)
    assert columns["February 2018"] == (0, 1)
    assert "<title>December 2017: 2 events, 3 quotes</title>" in content
    assert '<th scope="row">December 2017</th><td>2</td><td>3</td>' in content
    assert 'role="img" aria-labelledby="overview-title overview-desc"' in content
    assert "4 events and 4 quotes" in content


def test_overview_writes_large_counts_with_thousands_separators():
    overview = build_overview({(2017, 12): 1_126, (2018, 1): 1}, {(2017, 12): 11_031})

    assert overview.summary.startswith("1,127 events and 11,031 quotes, December 2017 to January 2018.")
    assert "Most events: December 2017 (1,126 events)." in overview.summary
    assert "December 2017: 1,126 events, 11,031 quotes" in overview.shapes


def test_overview_follows_the_filters(client, antonov):
    event("Meeting", "2017-12-01", kind=Event.Kind.MEETING).people.add(antonov)
    event("Speech", "2017-12-02", kind=Event.Kind.SPEECH)
    QuoteFactory(speaker=antonov, said_on=datetime.date(2017, 12, 1))
    QuoteFactory(said_on=datetime.date(2017, 12, 1))

    by_kind = timeline(client, kind="speech").context["overview"]
    by_person = timeline(client, person="anatoly-antonov").context["overview"]

    assert (by_kind.total_events, by_kind.total_quotes) == (1, 2)
    assert (by_person.total_events, by_person.total_quotes) == (1, 1)


@pytest.mark.parametrize(
    ("params", "scope"),
    [
        ({}, ""),
        ({"kind": "speech"}, ""),
        ({"person": "anatoly-antonov"}, " (by the person)"),
        ({"tag": "sanctions", "kind": "speech"}, " (with the tag)"),
        ({"date_after": "2017"}, " (within the dates chosen)"),
        (
            {"person": "anatoly-antonov", "tag": "sanctions", "date_before": "2018"},
            " (by the person, with the tag, within the dates chosen)",
        ),
    ],
)
def test_overview_says_only_what_narrows_its_quotes(client, antonov, params, scope):
    # The kind of event does not narrow the quotes, and filters not chosen are not named.
    event("Speech", "2017-12-01", kind=Event.Kind.SPEECH).people.add(antonov)
    QuoteFactory(speaker=antonov, said_on=datetime.date(2017, 12, 1)).tags.add("sanctions")

    content = timeline(client, **params).content.decode()

    assert f"bars below count quotes said that month{scope}." in content


def test_overview_counts_only_what_is_public_now(client, antonov):
    event("Public", "2017-12-01").people.add(antonov)
    event("Draft", "2017-12-02", draft=True).people.add(antonov)
    event("Scheduled", "2017-12-03", published_at=FUTURE).people.add(antonov)
    QuoteFactory(speaker=antonov, said_on=datetime.date(2017, 12, 1)).tags.add("sanctions")
    QuoteFactory(speaker=antonov, said_on=datetime.date(2017, 12, 2), draft=True).tags.add("sanctions")
    QuoteFactory(speaker=antonov, said_on=datetime.date(2017, 12, 3), published_at=FUTURE).tags.add("sanctions")

    for params in [{}, {"person": "anatoly-antonov"}, {"tag": "sanctions"}, {"date_after": "2017-12"}]:
        overview = timeline(client, **params).context["overview"]
        assert (overview.total_events, overview.total_quotes) == (0 if "tag" in params else 1, 1)

    with mock.patch("django.utils.timezone.now", return_value=FUTURE + datetime.timedelta(minutes=1)):
        overview = timeline(client, person="anatoly-antonov").context["overview"]
    assert (overview.total_events, overview.total_quotes) == (2, 2)


def test_overview_follows_dates_to_the_day(client):
    event("Began before, still going", "2017-11-28", "2017-12-02")
    event("Before", "2017-11-30")
    event("Inside", "2017-12-05")
    event("After", "2017-12-21")
    for day in (29, 30):
        QuoteFactory(said_on=datetime.date(2017, 11, day))
    for day in (1, 5, 20, 21):
        QuoteFactory(said_on=datetime.date(2017, 12, day))
    QuoteFactory(said_on=datetime.date(2017, 12, 1), said_on_precision=Precision.MONTH)

    response = timeline(client, date_after="2017-11-30", date_before="2017-12-20")
    columns = {column.label: (column.events, column.quotes) for column in response.context["overview"].columns}

    assert listed(response) == ["Began before, still going", "Before", "Inside"]
    assert columns == {"November 2017": (2, 1), "December 2017": (1, 4)}


def test_an_end_known_to_the_month_or_the_year_runs_to_its_last_day(client):
    event("Talks through June", "2017-03-10", "2017-06")
    event("Sanctions through 2018", "2016", "2018")
    event("Ended in May", "2017-03-10", "2017-05")
    event("Ended 14 June", "2017-06-01", "2017-06-14")

    mid_june = timeline(client, date_after="2017-06-15")
    mid_2018 = timeline(client, date_after="2018-06")

    assert listed(mid_june) == ["Sanctions through 2018", "Talks through June"]
    assert mid_june.context["overview"].total_events == 2
    assert listed(mid_2018) == ["Sanctions through 2018"]
    assert mid_2018.context["overview"].total_events == 1
    api = client.get("/api/events/", {"date_after": "2017-06-15"}).json()
    assert [item["title"] for item in api["results"]] == ["Sanctions through 2018", "Talks through June"]


def test_page_count_comes_from_the_strip(client):
    for day in range(1, 31):
        event(f"Day {day}", (datetime.date(2019, 1, 1) + datetime.timedelta(days=day - 1)).isoformat())
    event("Draft", "2019-01-02", draft=True)

    response = timeline(client, page=2)

    assert response.context["paginator"].count == 30
    assert response.context["page_obj"].paginator.num_pages == 2
    assert len(listed(response)) == 5
    assert timeline(client, page=3).status_code == 404


@pytest.mark.parametrize("walk_from", [0, 10**9], ids=["in date order", "gathered and sorted"])
def test_person_and_tag_filters_list_the_same_events_either_way(client, archive_events, walk_from):
    with mock.patch.object(EventFilterSet, "WALK_FROM", walk_from):
        by_person = listed(timeline(client, person="anatoly-antonov"))
        by_tag = listed(timeline(client, tag="sanctions"))

    assert by_person == ["Meeting with Antonov", "Expulsion"]
    assert by_tag == ["Meeting with Antonov", "Speech"]


def test_overview_strip_geometry():
    overview = build_overview({(2017, 12): 4, (2017, None): 1}, {(2018, 1): 2})

    assert [column.label for column in overview.columns][:2] == ["2017, month unknown", "January 2017"]
    assert overview.columns[-1].label == "January 2018"
    december = overview.columns[12]
    assert december.label == "December 2017" and december.event_height == overview.BAR_MAX
    assert overview.years == [(0, 2017), (13 * overview.COLUMN, 2018)]


def test_empty_timeline(client):
    response = timeline(client)

    assert response.status_code == 200
    assert "No events yet." in response.content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_query_count_is_constant(client, django_assert_max_num_queries, antonov, count):
    for number in range(count):
        summit = event(f"Event {number}", f"2017-{number % 12 + 1:02d}-01")
        summit.people.add(antonov)
        summit.tags.add("sanctions")
        QuoteFactory(event=summit, speaker=antonov)
        summit.articles.add(ArticleFactory())

    # Events and quotes per month, in one query (which also gives the page count), page, people.
    with django_assert_max_num_queries(3):
        assert timeline(client).status_code == 200
    # ...plus looking up the person and the tag the filters name, and how many events and quotes each has.
    with django_assert_max_num_queries(7):
        response = timeline(client, person="anatoly-antonov", tag="sanctions")
    assert len(listed(response)) == min(count, TimelineView.paginate_by)
    # ...or finding the events begun before a date and still going on.
    with django_assert_max_num_queries(4):
        assert timeline(client, date_after="2017-03-02", kind="meeting").status_code == 200


def test_overview_labels_at_most_a_dozen_years_so_they_never_collide():
    overview = build_overview({(1981, 12): 1, (2022, 4): 2}, {})

    labelled = [year for _, year in overview.years]
    assert len(labelled) <= 12
    assert labelled[0] == 1981
    gaps = {later - earlier for earlier, later in zip(labelled, labelled[1:], strict=False)}
    assert gaps == {4}  # 42 years of labels, every fourth one shown


def test_overview_labels_every_year_of_a_short_span():
    overview = build_overview({(2017, 11): 1, (2018, 2): 1}, {})

    assert [year for _, year in overview.years] == [2017, 2018]
