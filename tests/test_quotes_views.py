"""The quote pages: the filterable list, one quote with its citations, and the person suggestions."""

import datetime
import json
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from archive import filters
from archive.dates import Precision
from archive.editorial import Status
from archive.models import Citation, Quote
from archive.paginators import CappedPaginator
from people.models import Person
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    EventFactory,
    OutletFactory,
    PersonAliasFactory,
    PersonFactory,
    QuoteFactory,
    RoleFactory,
)
from tests.queries import columns_read

pytestmark = pytest.mark.django_db

LIST = reverse("quotes:list")
SUGGEST = reverse("quotes:person-suggest")
FUTURE = timezone.now() + datetime.timedelta(days=3)

# The list: the count, one page of quotes, speakers' roles, published citations with outlets,
# and the outlet menu; plus one query each to resolve a typed person name, a tag, an outlet
# and an event when those filters are used (a slug-shaped name that is no slug costs one more),
# and one each to size an outlet's citations and the words' matches, which choose the shape of
# those filters (archive.filters).
LIST_QUERIES = 5
LIST_QUERIES_ALL_FILTERS = LIST_QUERIES + 5
# One quote: the quote with speaker and event, roles, tags, the citation count and page.
DETAIL_QUERIES = 5
SUGGEST_QUERIES = 1


def html_of(response):
    return response.content.decode()


def chips(html):
    """{filter name: the query the chip's remove link leads to}."""
    found = re.findall(r'<a href="([^"]*)" data-remove="([^"]+)">', html)
    return {name: parse_qs(urlsplit(unescape(href)).query) for href, name in found}


def cited_quote(**kwargs):
    """A quote with a speaker who held a post, reported by two outlets."""
    quote = QuoteFactory(**kwargs)
    if quote.speaker_id:
        RoleFactory(person=quote.speaker, title="Russian ambassador to the United States")
    CitationFactory(quote=quote)
    CitationFactory(quote=quote)
    quote.tags.add("sanctions")
    return quote


# The list


def test_list_shows_published_quotes_with_the_count(client, antonov):
    RoleFactory(person=antonov, title="Russian ambassador to the United States")
    quote = QuoteFactory(
        speaker=antonov,
        text="Nobody wants a war.",
        said_on=datetime.date(2022, 4, 1),
        said_on_precision=Precision.MONTH,
    )
    CitationFactory(quote=quote, article__outlet=OutletFactory(name="Raw Story"))
    QuoteFactory()

    response = client.get(LIST)

    assert response.status_code == 200
    html = html_of(response)
    assert "2 quotes</h2>" in html
    assert "<blockquote" in html and "Nobody wants a war." in html
    assert (
        f'<a href="{antonov.get_absolute_url()}">Anatoly Antonov</a>, Russian ambassador to the United States' in html
    )
    assert '<time datetime="2022-04">April 2022</time>' in html
    assert "Reported by Raw Story." in html
    assert f'href="{quote.get_absolute_url()}"' in html
    assert html.count("<h1") == 1


def test_a_card_names_each_reporting_outlet_once_in_a_sentence(client):
    quote = QuoteFactory(text="Said to many.")
    tass, cnn = OutletFactory(name="TASS"), OutletFactory(name="CNN & Co")
    for outlet in (tass, cnn, tass, OutletFactory(name="NPR")):
        CitationFactory(quote=quote, article__outlet=outlet)
    CitationFactory(quote=quote, article__outlet=OutletFactory(name="Drafts Daily"), article__draft=True)

    html = html_of(client.get(LIST))

    card = re.search(r'<figure class="quote-card">.*?</figure>', html, re.S).group()
    assert "Reported by TASS, CNN &amp; Co and NPR." in card
    assert "Drafts Daily" not in card


def test_one_quote_reads_singular(client):
    QuoteFactory()

    assert "1 quote</h2>" in html_of(client.get(LIST))


def test_card_shows_unnamed_source_kind_and_unlinked_draft_speaker(client):
    QuoteFactory(speaker=None, unnamed_source="a State Department spokesperson", kind=Quote.Kind.PARAPHRASE)
    hidden = PersonFactory(name="Hidden Envoy", draft=True)
    QuoteFactory(speaker=hidden)

    html = html_of(client.get(LIST))

    assert "A State Department spokesperson" in html
    assert "(paraphrase)" in html
    assert "Hidden Envoy" in html
    assert hidden.get_absolute_url() not in html


def test_a_draft_speaker_is_named_but_nothing_else_of_their_profile_shows(client):
    """A quote published before the speaker rule names a draft speaker: not their posts, nor their Wikidata id."""
    hidden = PersonFactory(name="Hidden Envoy", wikidata_id="Q4242", draft=True)
    RoleFactory(person=hidden, title="Undeclared envoy", organization__name="Quiet Ministry")
    quote = QuoteFactory(speaker=hidden, text="Words on the record.")
    CitationFactory(quote=quote)

    pages = [html_of(client.get(LIST)), html_of(client.get(quote.get_absolute_url()))]

    for html in pages:
        assert "Hidden Envoy" in html
        assert "Undeclared envoy" not in html
        assert "Quiet Ministry" not in html
        assert "Q4242" not in html


def test_drafts_scheduled_quotes_and_draft_citations_never_appear(client):
    QuoteFactory(text="A draft quote", draft=True)
    QuoteFactory(text="A quote in review", status=Status.REVIEW, published_at=None)
    QuoteFactory(text="A scheduled quote", published_at=FUTURE)
    public = QuoteFactory(text="A public quote")
    CitationFactory(quote=public, article=ArticleFactory(outlet=OutletFactory(name="Draft Weekly"), draft=True))
    CitationFactory(
        quote=public, article=ArticleFactory(outlet=OutletFactory(name="Tomorrow Times"), published_at=FUTURE)
    )

    html = html_of(client.get(LIST))

    assert "1 quote</h2>" in html
    assert "A public quote" in html
    for hidden in ["A draft quote", "A quote in review", "A scheduled quote", "<br>Reported by"]:
        assert hidden not in html


def test_one_outlet_twice_is_shown_once_and_the_quote_listed_once(client):
    politico = OutletFactory(name="Politico", slug="politico")
    quote = QuoteFactory(text="Doomed to cooperate.")
    CitationFactory(quote=quote, article__outlet=politico)
    CitationFactory(quote=quote, article__outlet=politico)

    html = html_of(client.get(LIST, {"outlet": "politico"}))

    assert "1 quote</h2>" in html
    assert html.count("Doomed to cooperate.") == 1
    assert "Reported by Politico." in html


def test_the_person_field_is_a_text_input_with_suggestions_not_a_select(client, antonov):
    PersonFactory.create_batch(3)

    html = html_of(client.get(LIST))

    assert '<input type="text" name="person"' in html
    assert '<select name="person"' not in html
    assert f'data-person-suggest="{SUGGEST}"' in html
    assert "js/person-suggest.js" in html


def test_every_control_has_a_label_inside_a_fieldset_with_a_legend(client):
    html = html_of(client.get(LIST))
    start = html.index('<form class="quote-filters"')
    form = html[start : html.index("</form>", start)]

    assert "<fieldset" in form and "<legend>Filter quotes</legend>" in form
    ids = re.findall(r'<(?:input|select)[^>]* id="([^"]+)"', form)
    assert sorted(ids) == sorted(
        f"id_{name}" for name in ["person", "date_after", "date_before", "tag", "outlet", "event", "q", "sort"]
    )
    for control_id in ids:
        assert f'<label for="{control_id}">' in form


def test_a_typed_name_filters_like_the_slug(client, antonov):
    PersonAliasFactory(person=antonov, name="Анатолий Антонов")
    mine = QuoteFactory(speaker=antonov, text="Mine.")
    QuoteFactory(text="Someone else's.")

    for typed in ["anatoly-antonov", "anatoly antonov", "Анатолий Антонов"]:
        html = html_of(client.get(LIST, {"person": typed}))
        assert "1 quote</h2>" in html, typed
        assert "Mine." in html and "Someone else" not in html
        assert "Person: <strong>Anatoly Antonov</strong>" in html
    assert mine.pk


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_after": "2017/06"}, "“2017/06” is not a date: use YYYY, YYYY-MM or YYYY-MM-DD."),
        ({"date_before": "2017-02-30"}, "“2017-02-30” is not a real date."),
        ({"person": "nobody-at-all"}, "No one in the archive is called “nobody-at-all”."),
        ({"person": "hidden-envoy"}, "No one in the archive is called “hidden-envoy”."),
        ({"tag": "no-such-tag"}, "There is no tag “no-such-tag” in the archive."),
        ({"outlet": "nowhere"}, "There is no outlet “nowhere” in the archive."),
        ({"event": "secret-talks"}, "There is no event “secret-talks” in the archive."),
        ({"date_after": "2018", "date_before": "2017"}, "“Said from” (2018) is later than “said until” (2017)"),
        ({"person": "Anatoly Antonov"}, "“Anatoly Antonov” could be more than one person"),
        ({"sort": "speaker"}, "Sort by “-date” (newest first) or “date” (oldest first)."),
    ],
    ids=[
        "malformed-date",
        "impossible-date",
        "unknown-person",
        "draft-person",
        "unknown-tag",
        "unknown-outlet",
        "draft-event",
        "dates-reversed",
        "ambiguous-name",
        "unknown-sort",
    ],
)
def test_bad_filters_answer_400_with_the_form_and_a_clear_message(client, antonov, params, message):
    PersonFactory(name="Anatoly Antonov", slug="anatoly-antonov-2")
    PersonFactory(name="Hidden Envoy", slug="hidden-envoy", draft=True)
    EventFactory(slug="secret-talks", draft=True)
    QuoteFactory(text="Should not be listed.")
    counts = (Quote.objects.count(), Person.objects.count(), Citation.objects.count())

    response = client.get(LIST, params)

    assert response.status_code == 400
    html = html_of(response)
    assert message in unescape(html)
    assert 'role="alert"' in html
    assert '<form class="quote-filters"' in html
    assert "Should not be listed." not in html
    # What the reader typed stays in the text fields, ready to correct.
    for name, value in params.items():
        if name not in {"outlet", "sort"}:  # those two are menus
            assert f'name="{name}" value="{value}"' in html
    assert (Quote.objects.count(), Person.objects.count(), Citation.objects.count()) == counts


def test_a_bad_filter_with_a_page_number_is_still_a_400_not_a_404(client):
    assert client.get(LIST, {"date_after": "nope", "page": "9"}).status_code == 400


def test_chips_remove_only_their_own_filter(client, antonov):
    QuoteFactory(speaker=antonov, said_on=datetime.date(2018, 5, 1)).tags.add("sanctions")
    params = {"person": "anatoly-antonov", "date_after": "2017", "tag": "sanctions", "q": "doomed", "page": "1"}

    html = html_of(client.get(LIST, {**params, "q": "cooperate", "sort": "date"}))
    removals = chips(html)

    assert set(removals) == {"person", "date_after", "tag", "q"}
    everything = {"person": ["anatoly-antonov"], "date_after": ["2017"], "tag": ["sanctions"], "q": ["cooperate"]}
    for name, remaining in removals.items():
        expected = {key: value for key, value in everything.items() if key != name}
        assert remaining == {**expected, "sort": ["date"]}, name
    assert "Person: <strong>Anatoly Antonov</strong>" in html
    assert "Said from: <strong>2017</strong>" in html


def test_removing_the_last_filter_leads_back_to_the_bare_list(client):
    html = html_of(client.get(LIST, {"q": "doomed"}))

    assert '<a href="?" data-remove="q">' in html


def test_no_chips_without_filters(client):
    QuoteFactory()

    assert 'aria-label="Active filters"' not in html_of(client.get(LIST))


def test_sort_links_keep_filters_and_mark_the_current_order(client):
    old = QuoteFactory(text="Old words.", said_on=datetime.date(2017, 1, 1))
    new = QuoteFactory(text="New words.", said_on=datetime.date(2022, 1, 1))

    newest = html_of(client.get(LIST, {"q": "words", "page": "1"}))
    oldest = html_of(client.get(LIST, {"q": "words", "sort": "date"}))

    assert newest.index(new.text) < newest.index(old.text)
    assert oldest.index(old.text) < oldest.index(new.text)
    assert '<a href="?q=words&amp;sort=date">Oldest first</a>' in newest
    assert '<a href="?q=words&amp;sort=-date" aria-current="true">Newest first</a>' in newest
    assert '<a href="?q=words&amp;sort=date" aria-current="true">Oldest first</a>' in oldest


def test_pagination_keeps_filters(client, antonov):
    for day in range(1, 26):
        QuoteFactory(speaker=antonov, said_on=datetime.date(2020, 1, day), text=f"Words of day {day}.")
    QuoteFactory(text="Not his.")

    first = html_of(client.get(LIST, {"person": "anatoly-antonov", "sort": "date"}))
    second = html_of(client.get(LIST, {"person": "anatoly-antonov", "sort": "date", "page": "2"}))

    assert "25 quotes</h2>" in first
    assert "Words of day 1." in first and "Words of day 21." not in first
    assert 'href="?person=anatoly-antonov&amp;sort=date&amp;page=2"' in first
    assert "Words of day 21." in second and "Words of day 25." in second
    assert "Words of day 1." not in second and "Not his." not in second


@pytest.mark.parametrize("number", ["7", "0", "abc", "9" * 5000])
def test_a_page_that_does_not_exist_is_404_and_says_so(client, number):
    QuoteFactory()

    response = client.get(LIST, {"page": number})

    assert response.status_code == 404
    assert "That page of the list does not exist" in response.content.decode()


def test_the_outlet_menu_lists_outlets_by_name_with_the_chosen_one_selected(client):
    for name, slug in [("Raw Story & Co", "raw-story"), ("Politico", "politico")]:
        ArticleFactory(outlet=OutletFactory(name=name, slug=slug))

    html = html_of(client.get(LIST, {"outlet": "raw-story"}))

    assert (
        '<select name="outlet" id="id_outlet"><option value="">Any outlet</option>'
        '<option value="politico">Politico</option>'
        '<option value="raw-story" selected>Raw Story &amp; Co</option></select>'
    ) in html


def test_a_long_list_is_counted_up_to_the_cap(client, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 40)
    for day in range(1, 46):
        QuoteFactory(said_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=day), text=f"Day {day}.")

    html = html_of(client.get(LIST))
    last = html_of(client.get(LIST, {"page": "2"}))

    assert "40+ quotes</h2>" in html
    assert "Page 1 of 2 or more" in html
    assert "Day 25." in last and "Day 6." in last and "Day 26." not in last and "Day 5." not in last
    assert client.get(LIST, {"page": "3"}).status_code == 404


def test_a_common_tag_is_paged_without_counting_it_all(client, monkeypatch):
    monkeypatch.setattr(filters, "FEW", -1)
    for day in range(1, 46):
        quote = cited_quote(said_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=day), text=f"Day {day}.")
        if day % 2:
            quote.tags.remove("sanctions")
    QuoteFactory(draft=True, said_on=datetime.date(2020, 1, 31)).tags.add("sanctions")  # never counted

    first = html_of(client.get(LIST, {"tag": "sanctions"}))
    second = html_of(client.get(LIST, {"tag": "sanctions", "page": "2"}))

    # 22 quotes carry the tag: the first page knows of one more, not of all of them.
    assert "20+ quotes</h2>" in first
    assert "Page 1 of 2 or more" in first
    assert "Day 44." in first and "Day 6." in first and "Day 4." not in first and "Day 45." not in first
    assert "Reported by" in first  # the page's rows come with their citations
    assert ">22 quotes</h2>" in second
    assert "Day 4." in second and "Day 2." in second and "Page 2 of 2<" in second


@pytest.mark.parametrize("count", [3, 30])
def test_list_queries_stay_constant(client, django_assert_max_num_queries, count):
    for _ in range(count):
        cited_quote()

    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(LIST)

    assert response.status_code == 200
    assert f"{count} quotes</h2>" in html_of(response)


@pytest.mark.parametrize("count", [3, 30])
def test_filtered_list_queries_stay_constant(client, django_assert_max_num_queries, antonov, count):
    politico = OutletFactory(slug="politico")
    summit = EventFactory(slug="summit")
    for _ in range(count):
        quote = cited_quote(speaker=antonov, event=summit, said_on=datetime.date(2018, 3, 1))
        CitationFactory(quote=quote, article__outlet=politico)

    params = {
        "person": "Anatoly Antonov",
        "date_after": "2018",
        "date_before": "2018-06",
        "tag": "sanctions",
        "outlet": "politico",
        "event": "summit",
        "q": "doomed",
    }
    with django_assert_max_num_queries(LIST_QUERIES_ALL_FILTERS):
        response = client.get(LIST, params)

    assert response.status_code == 200
    assert f"{count} quotes</h2>" in html_of(response)


# The person suggestions


def test_suggestions_match_name_sort_name_and_alias_prefixes(client, antonov):
    PersonAliasFactory(person=antonov, name="Анатолий Антонов")
    PersonFactory(name="Sergey Lavrov")

    def names(q):
        return [person["name"] for person in client.get(SUGGEST, {"q": q}).json()["results"]]

    assert names("anat") == ["Anatoly Antonov"]
    assert names("Antonov") == ["Anatoly Antonov"]
    assert names("Анат") == ["Anatoly Antonov"]
    assert names("анат") == ["Anatoly Antonov"]  # SQLite's LIKE folds ASCII letters only
    assert names("АНАТОЛИЙ А") == ["Anatoly Antonov"]
    assert names("ntonov") == []
    assert names("") == []


def test_suggestions_give_slug_name_and_description_of_published_people_only(client, antonov):
    PersonFactory(name="Anatoly Draft", draft=True)
    PersonFactory(name="Anatoly Later", published_at=FUTURE)

    response = client.get(SUGGEST, {"q": "anatoly"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "results": [{"slug": "anatoly-antonov", "name": "Anatoly Antonov", "description": "Diplomat"}]
    }


def test_suggestions_stop_at_ten_in_one_query(client, django_assert_max_num_queries):
    for n in range(15):
        PersonFactory(name=f"Ivan Number{n:02d}")

    with django_assert_max_num_queries(SUGGEST_QUERIES):
        results = client.get(SUGGEST, {"q": "ivan"}).json()["results"]

    assert len(results) == 10


def test_suggestions_refuse_writes(client):
    assert client.post(SUGGEST, {"q": "a"}).status_code == 405


# One quote


def test_quote_page_shows_words_speaker_post_date_event_tags_and_every_citation(client, antonov):
    RoleFactory(person=antonov, title="Russian ambassador to the United States")
    summit = EventFactory(title="Helsinki summit", slug="helsinki-summit")
    quote = QuoteFactory(
        speaker=antonov,
        text="Nobody wants a war.",
        said_on=datetime.date(2022, 4, 1),
        said_on_precision=Precision.MONTH,
        event=summit,
    )
    quote.tags.add("sanctions")
    raw_story = ArticleFactory(
        outlet=OutletFactory(name="Raw Story"),
        headline="Nobody wants…",
        published_on=datetime.date(2022, 4, 18),
        url="https://www.rawstory.com/anatoly-antonov/",
    )
    CitationFactory(quote=quote, article=raw_story, passage="“Nobody wants a war,” Antonov said.")
    politico = ArticleFactory(outlet=OutletFactory(name="Politico"), headline="Antonov speaks", published_on=None)
    CitationFactory(quote=quote, article=politico)
    CitationFactory(quote=quote, article=ArticleFactory(headline="Not out yet", draft=True))

    response = client.get(quote.get_absolute_url())

    assert response.status_code == 200
    html = html_of(response)
    assert "<h1>Anatoly Antonov, April 2022</h1>" in html
    assert "Nobody wants a war." in html
    assert "Russian ambassador to the United States" in html
    assert '<time datetime="2022-04">April 2022</time> <span class="meta">(only the month is known)</span>' in html
    assert "Helsinki summit" in html
    assert 'href="/tags/sanctions/"' in html
    assert "Reported in 2 articles" in html
    assert f'<a href="{raw_story.get_absolute_url()}">Nobody wants…</a>' in html
    assert f'<a href="{politico.get_absolute_url()}">Antonov speaks</a>' in html
    assert 'href="https://www.rawstory.com/anatoly-antonov/"' in html
    assert "“Nobody wants a war,” Antonov said." in html
    assert '<time datetime="2022-04-18">18 April 2022</time>' in html
    assert "Not out yet" not in html
    assert "Draft preview" not in html
    assert html.count("<h1") == 1


def test_quote_page_links_a_published_event_only(client):
    public = QuoteFactory(event=EventFactory(title="Helsinki summit", slug="helsinki-summit"))
    hidden = QuoteFactory(event=EventFactory(title="Secret talks", draft=True))

    public_html = html_of(client.get(public.get_absolute_url()))
    hidden_html = html_of(client.get(hidden.get_absolute_url()))

    assert '<a href="/events/helsinki-summit/">Helsinki summit</a>' in public_html
    assert "Secret talks" not in hidden_html


def test_quote_page_gives_a_ready_to_copy_citation_line(client, antonov):
    RoleFactory(person=antonov, title="Russian ambassador to the United States")
    quote = QuoteFactory(speaker=antonov, said_on=datetime.date(2022, 4, 1), said_on_precision=Precision.MONTH)
    CitationFactory(
        quote=quote,
        article=ArticleFactory(
            outlet=OutletFactory(name="Raw Story"),
            headline="Nobody wants…",
            published_on=datetime.date(2022, 4, 18),
            url="https://www.rawstory.com/anatoly-antonov/",
        ),
    )
    CitationFactory(quote=quote, article__published_on=datetime.date(2022, 5, 1), article__headline="Later report")

    html = unescape(html_of(client.get(quote.get_absolute_url())))

    line = re.search(r"<textarea [^>]*readonly[^>]*>(.*?)</textarea>", html, re.S).group(1)
    assert line == (
        "Anatoly Antonov (Russian ambassador to the United States), April 2022, quoted in Raw Story, "
        "“Nobody wants…”, 18 April 2022, https://www.rawstory.com/anatoly-antonov/"
    )
    assert '<label for="citation-line">' in html


def test_an_undated_report_is_listed_last_and_never_credited_as_the_earliest(client, antonov):
    quote = QuoteFactory(speaker=antonov)
    CitationFactory(quote=quote, article__published_on=None, article__headline="Undated report")
    CitationFactory(quote=quote, article__published_on=datetime.date(2022, 4, 18), article__headline="First report")

    html = unescape(html_of(client.get(quote.get_absolute_url())))

    line = re.search(r"<textarea [^>]*readonly[^>]*>(.*?)</textarea>", html, re.S).group(1)
    assert "“First report”" in line and "Undated report" not in line
    assert html.index("First report") < html.index("Undated report")


def test_citation_line_without_a_report_points_at_the_archive(client):
    quote = QuoteFactory(speaker=None, unnamed_source="a State Department spokesperson", said_on=None)

    html = unescape(html_of(client.get(quote.get_absolute_url())))

    assert f"a State Department spokesperson, Embassy Row, http://testserver{quote.get_absolute_url()}" in html
    assert "No published article reports this quote yet." in html


def test_translation_shows_the_original_wording_and_language(client):
    quote = QuoteFactory(
        text="We are doomed to cooperate.",
        original_text="Мы обречены сотрудничать.",
        original_language="ru",
    )

    html = html_of(client.get(quote.get_absolute_url()))

    assert '<blockquote lang="ru"><p>Мы обречены сотрудничать.</p></blockquote>' in html
    assert "Original wording, in Russian" in html
    assert "translated from Russian" in html


def test_json_ld_is_a_quotation_and_editor_text_cannot_break_out(client, antonov):
    RoleFactory(person=antonov, title="Russian ambassador to the United States")
    quote = QuoteFactory(
        speaker=antonov,
        text="</script><script>alert(1)</script> & more",
        said_on=datetime.date(2017, 1, 1),
        said_on_precision=Precision.YEAR,
    )
    CitationFactory(quote=quote, article__outlet=OutletFactory(name="Politico"), article__headline="A report")

    html = html_of(client.get(quote.get_absolute_url()))

    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "</script>" not in raw and "<script>" not in raw
    data = json.loads(raw)
    assert data["@type"] == "Quotation"
    assert data["text"] == quote.text
    assert data["dateCreated"] == "2017"
    assert data["creator"] == {
        "@type": "Person",
        "name": "Anatoly Antonov",
        "url": f"http://testserver{antonov.get_absolute_url()}",
        "jobTitle": "Russian ambassador to the United States",
    }
    assert data["citation"][0]["headline"] == "A report"
    assert data["citation"][0]["publisher"] == {"@type": "Organization", "name": "Politico"}
    assert "<script>alert(1)</script>" not in html


@pytest.mark.parametrize(
    "quote_kwargs",
    [{"draft": True}, {"status": Status.REVIEW, "published_at": None}, {"published_at": FUTURE}],
    ids=["draft", "in-review", "scheduled"],
)
def test_unpublished_quotes_are_404_for_readers_and_plain_staff(client, django_user_model, quote_kwargs):
    quote = QuoteFactory(**quote_kwargs)
    clerk = django_user_model.objects.create_user("clerk", password="x", is_staff=True)

    assert client.get(quote.get_absolute_url()).status_code == 404
    client.force_login(clerk)
    assert client.get(quote.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("quote_kwargs", [{"draft": True}, {"published_at": FUTURE}], ids=["draft", "scheduled"])
def test_editors_preview_unpublished_quotes_with_a_banner_and_no_cache(client, django_user_model, quote_kwargs):
    quote = QuoteFactory(text="Not yet public.", **quote_kwargs)
    editor = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="change_quote", content_type__app_label="archive"))
    client.force_login(editor)

    response = client.get(quote.get_absolute_url())

    assert response.status_code == 200
    assert "preview — not public" in html_of(response)
    assert "Not yet public." in html_of(response)
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_editors_see_published_quotes_without_the_banner(admin_client):
    quote = QuoteFactory()

    response = admin_client.get(quote.get_absolute_url())

    assert "Draft preview" not in html_of(response)
    assert "no-store" not in response.get("Cache-Control", "")


def test_an_unknown_quote_is_404(client):
    assert client.get(reverse("quotes:detail", kwargs={"pk": 999999})).status_code == 404


@pytest.mark.parametrize("count", [3, 30])
def test_quote_page_queries_stay_constant(client, django_assert_max_num_queries, antonov, count):
    RoleFactory(person=antonov)
    quote = QuoteFactory(speaker=antonov, event=EventFactory())
    quote.tags.add("sanctions", "russia")
    for _ in range(count):
        CitationFactory(quote=quote)

    with django_assert_max_num_queries(DETAIL_QUERIES):
        response = client.get(quote.get_absolute_url())

    assert f"Reported in {count} articles" in html_of(response)


def test_lists_of_quotes_read_neither_the_editors_notes_nor_the_speakers_biography(client):
    """Neither is shown with a quote; a biography is its person's page's, and may be long."""
    speaker = PersonFactory(name="Long Life", biography="Born. " * 2_000)
    event = EventFactory(slug="summit")
    quote = cited_quote(speaker=speaker, event=event, text="Listed words", notes="Check the translation.")
    quote.tags.add("sanctions")

    pages = ["/", LIST, "/tags/sanctions/", "/events/summit/", "/quotes/feed/", "/api/quotes/", "/quotes/export.csv"]
    for url in pages:
        for column in ('"archive_quote"."notes"', '"people_person"."biography"'):
            assert columns_read(client, url, column, expect="Listed words") == [], url


def test_lists_of_quotes_read_no_timestamps_of_what_they_show_with_a_quote(client):
    """None is shown, and on SQLite each one read is parsed in Python: an API page read some 1,200."""
    cited_quote(text="Listed words")
    columns = [f'"{table}"."updated_at"' for table in ("people_person", "people_organization")]
    columns += [f'"{table}"."updated_at"' for table in ("archive_article", "archive_outlet")]

    for url in [LIST, "/quotes/feed/", "/api/quotes/", "/quotes/export.csv"]:
        for column in columns:
            assert columns_read(client, url, column, expect="Listed words") == [], (url, column)
