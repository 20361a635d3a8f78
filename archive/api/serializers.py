"""
Serializers for the API. Every one reads objects that came through ``published()`` and their
prefetches; a related object that is not itself public (a draft speaker, a draft event) is
named at most, never linked.

Partial dates are ISO 8601 strings at their precision, the same form the filters take:
"2017", "2017-12" or "2017-12-01". The precision is the string's length; nothing unknown is
ever filled in.
"""

from urllib.parse import urlencode

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from taggit.models import Tag

from archive.models import Article, Citation, Event, Outlet, Quote
from archive.tag_lists import by_name
from archive.tags import tag_url
from people.models import Person, PersonAlias, Role

# The people an article or event lists, and the citations a quote lists, at most; a link
# (``more_people``, ``more_citations``) leads to all of them, a page at a time.
NESTED_LIMIT = 50

# The same shape as Popolo's dates; ECMA-262 syntax, as OpenAPI requires.
PARTIAL_DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}){0,2}$"
PARTIAL_DATE_SCHEMA = {
    "type": "string",
    "pattern": PARTIAL_DATE_PATTERN,
    "description": "A partial date in ISO 8601 at its precision: YYYY, YYYY-MM or YYYY-MM-DD.",
    "example": "2017-12",
}


@extend_schema_field(PARTIAL_DATE_SCHEMA)
class PartialDateField(serializers.Field):
    """A model's ``PartialDate`` property (``said``, ``start``…) as "2017", "2017-12" or "2017-12-01"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value.isoformat()


def absolute(serializer, path):
    """``path`` as an address on this host; the scheme and host are worked out once per response."""
    context = serializer.context
    request = context.get("request")
    if request is None:
        return path
    if "site_root" not in context:
        context["site_root"] = request.build_absolute_uri("/").removesuffix("/")
    return context["site_root"] + path


def api_list_url(serializer, name, **params):
    """An absolute link to an API list with ``params`` as its filters: ``/api/quotes/?person=…``."""
    lists = serializer.context.setdefault("list_urls", {})
    if name not in lists:
        lists[name] = absolute(serializer, reverse(f"api:{name}-list"))
    return f"{lists[name]}?{urlencode(params)}"


def isoformat(date):
    """A ``PartialDate`` as ``PartialDateField`` gives it; None for none."""
    return None if date is None else date.isoformat()


def person_summary(serializer, person):
    """A person as ``PersonSummarySerializer`` gives them."""
    public = person.is_public
    return {
        "slug": person.slug if public else None,
        "name": person.name,
        "url": absolute(serializer, person.get_absolute_url()) if public else None,
    }


@extend_schema_field({"type": "string", "format": "uri"})
class PublicURLField(serializers.ReadOnlyField):
    """
    The public page (``get_absolute_url()``) of the object ``source`` names (``"*"``: the
    serialized object), absolute when there is a request. The method is called here: as a
    ``source``, DRF would inspect its signature for every object.
    """

    def to_representation(self, value):
        return absolute(self, value.get_absolute_url())


@extend_schema_field({"type": "string", "format": "uri", "nullable": True})
class OptionalURLField(serializers.ReadOnlyField):
    """An address an editor may leave empty: null rather than "", which is no URI."""

    def to_representation(self, value):
        return value or None


class FirstItems(serializers.ListSerializer):
    """A nested list's first ``NESTED_LIMIT`` items: the view reads one more, to know whether to link to the rest."""

    def to_representation(self, data):
        return super().to_representation(data[:NESTED_LIMIT])


def more_people(serializer, obj, **params):
    """The link to all of ``obj``'s published people when it has more than an item lists; else None."""
    return api_list_url(serializer, "person", **params) if len(obj.public_people) > NESTED_LIMIT else None


def more_link_schema(things):
    """The schema of a ``more_…`` link: all the ``things``, when an item lists only some."""
    return {
        "type": "string",
        "format": "uri",
        "nullable": True,
        "description": f"All the {things}, a page at a time, when there are more than the {NESTED_LIMIT} listed; "
        "else null.",
    }


class TagListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        # ``tag_list`` (archive.tag_lists) is in name order already; a manager is put in it.
        return super().to_representation(by_name(data.all()) if hasattr(data, "all") else data)


class TagSerializer(serializers.ModelSerializer):
    class Meta:
        list_serializer_class = TagListSerializer
        model = Tag
        fields = ["slug", "name"]
        read_only_fields = fields


class OutletSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Outlet
        fields = ["slug", "name"]
        read_only_fields = fields


class PersonSummarySerializer(serializers.Serializer):
    """
    A person as named elsewhere (a quote's speaker, an event's participant). ``slug`` and
    ``url`` are null for someone whose profile is not public.
    """

    slug = serializers.SerializerMethodField()
    name = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField()

    @extend_schema_field({"type": "string", "nullable": True})
    def get_slug(self, person):
        return person.slug if person.is_public else None

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_url(self, person):
        return absolute(self, person.get_absolute_url()) if person.is_public else None


class OrganizationSerializer(serializers.Serializer):
    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class RoleSerializer(serializers.ModelSerializer):
    organization = OrganizationSerializer(read_only=True, allow_null=True)
    start = PartialDateField()
    end = PartialDateField(help_text="Null while the post is held, or when the end is unknown.")

    class Meta:
        model = Role
        fields = ["title", "organization", "start", "end"]
        read_only_fields = fields


class PostSerializer(serializers.ModelSerializer):
    organization = OrganizationSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Role
        fields = ["title", "organization"]
        read_only_fields = fields


class CitationSerializer(serializers.ModelSerializer):
    outlet = OutletSummarySerializer(source="article.outlet", read_only=True, allow_null=True)
    headline = serializers.CharField(source="article.headline", read_only=True)
    article_url = OptionalURLField(
        source="article.url", help_text="The article's canonical address at its outlet, when known."
    )
    article = PublicURLField(help_text="The article's page in the archive.")
    published = PartialDateField(source="article.published")

    class Meta:
        model = Citation
        fields = ["outlet", "headline", "article_url", "article", "published", "passage"]
        read_only_fields = fields


class QuoteSerializer(serializers.ModelSerializer):
    url = PublicURLField(source="*", help_text="The quote's page in the archive.")
    speaker = PersonSummarySerializer(read_only=True, allow_null=True)
    speaker_post = PostSerializer(
        read_only=True,
        allow_null=True,
        help_text="The speaker's post on the day it was said (throughout its month or year, for a partial date).",
    )
    said = PartialDateField(help_text="When it was said, at the precision known; null when unknown.")
    event = serializers.SerializerMethodField()
    tags = TagSerializer(source="tag_list", many=True, read_only=True)
    citations = FirstItems(
        child=CitationSerializer(),
        source="published_citations",
        read_only=True,
        help_text=f"The published articles that reported the quote, oldest first: the first {NESTED_LIMIT}.",
    )
    more_citations = serializers.SerializerMethodField()

    class Meta:
        model = Quote
        fields = [
            "id",
            "url",
            "text",
            "speaker",
            "unnamed_source",
            "speaker_post",
            "said",
            "event",
            "kind",
            "language",
            "original_text",
            "original_language",
            "tags",
            "citations",
            "more_citations",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "unnamed_source": {"help_text": "Who said it, in words, when the coverage does not name them."},
        }

    @extend_schema_field({"type": "string", "nullable": True, "description": "The slug of the event it was said at."})
    def get_event(self, quote):
        return quote.event.slug if quote.event_id and quote.event.is_public else None

    @extend_schema_field(more_link_schema("citations"))
    def get_more_citations(self, quote):
        if len(quote.published_citations) <= NESTED_LIMIT:
            return None
        return absolute(self, reverse("api:quote-citations", args=[quote.pk]))

    def to_representation(self, quote):
        """
        The fields above, written out: a page of 50 quotes has some 3,000 values, and DRF's
        field-by-field walk took a third of the page's time. The declared fields still document
        the shape, and ``tests/test_api.py`` holds this method to what they give.
        """
        speaker = quote.speaker if quote.speaker_id else None
        post = quote.speaker_post
        return {
            "id": quote.pk,
            "url": absolute(self, quote.get_absolute_url()),
            "text": quote.text,
            "speaker": None if speaker is None else person_summary(self, speaker),
            "unnamed_source": quote.unnamed_source,
            "speaker_post": None if post is None else {"title": post.title, "organization": summary(post.organization)},
            "said": isoformat(quote.said),
            "event": self.get_event(quote),
            "kind": quote.kind,
            "language": quote.language,
            "original_text": quote.original_text,
            "original_language": quote.original_language,
            "tags": [summary(tag) for tag in quote.tag_list],
            "citations": [self.citation(citation) for citation in quote.published_citations[:NESTED_LIMIT]],
            "more_citations": self.get_more_citations(quote),
        }

    def citation(self, citation):
        article = citation.article
        return {
            "outlet": summary(article.outlet),
            "headline": article.headline,
            "article_url": article.url or None,
            "article": absolute(self, article.get_absolute_url()),
            "published": isoformat(article.published),
            "passage": citation.passage,
        }


def summary(obj):
    """An outlet, organization or tag as ``{"slug", "name"}``; None for none."""
    return None if obj is None else {"slug": obj.slug, "name": obj.name}


class AliasSerializer(serializers.ModelSerializer):
    class Meta:
        model = PersonAlias
        fields = ["name", "language"]
        read_only_fields = fields


class PersonSerializer(serializers.ModelSerializer):
    url = PublicURLField(source="*", help_text="The person's page in the archive.")
    aliases = AliasSerializer(many=True, read_only=True, help_text="Other spellings and scripts of the name.")
    roles = RoleSerializer(many=True, read_only=True, help_text="Posts held, earliest first.")
    quotes = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = [
            "slug",
            "url",
            "name",
            "sort_name",
            "description",
            "biography",
            "country",
            "wikidata_id",
            "aliases",
            "roles",
            "quotes",
        ]
        read_only_fields = fields

    @extend_schema_field({"type": "string", "format": "uri", "description": "This person's quotes in the API."})
    def get_quotes(self, person):
        return api_list_url(self, "quote", person=person.slug)

    def to_representation(self, person):
        """The fields above, written out as ``QuoteSerializer``'s are, and held to them by the same test."""
        return {
            "slug": person.slug,
            "url": absolute(self, person.get_absolute_url()),
            "name": person.name,
            "sort_name": person.sort_name,
            "description": person.description,
            "biography": person.biography,
            "country": person.country,
            "wikidata_id": person.wikidata_id,
            "aliases": [{"name": alias.name, "language": alias.language} for alias in person.aliases.all()],
            "roles": [
                {
                    "title": role.title,
                    "organization": summary(role.organization),
                    "start": isoformat(role.start),
                    "end": isoformat(role.end),
                }
                for role in person.roles.all()
            ],
            "quotes": self.get_quotes(person),
        }


class ArticleSerializer(serializers.ModelSerializer):
    url = PublicURLField(source="*", help_text="The article's page in the archive.")
    outlet = OutletSummarySerializer(read_only=True, allow_null=True)
    canonical_url = OptionalURLField(source="url", help_text="The article at its outlet, when known.")
    published = PartialDateField(help_text="The publication date, at the precision known.")
    people = FirstItems(
        child=PersonSummarySerializer(),
        source="public_people",
        read_only=True,
        help_text=f"The published people the article mentions, by name: the first {NESTED_LIMIT}.",
    )
    more_people = serializers.SerializerMethodField()
    tags = TagSerializer(source="tag_list", many=True, read_only=True)

    class Meta:
        model = Article
        fields = [
            "slug",
            "url",
            "headline",
            "dek",
            "outlet",
            "canonical_url",
            "authors",
            "translator",
            "published",
            "language",
            "summary",
            "people",
            "more_people",
            "tags",
        ]
        read_only_fields = fields

    @extend_schema_field(more_link_schema("people"))
    def get_more_people(self, article):
        return more_people(self, article, article=article.slug)

    def to_representation(self, article):
        """The fields above, written out as ``QuoteSerializer``'s are, and held to them by the same test."""
        return {
            "slug": article.slug,
            "url": absolute(self, article.get_absolute_url()),
            "headline": article.headline,
            "dek": article.dek,
            "outlet": summary(article.outlet),
            "canonical_url": article.url or None,
            "authors": article.authors,
            "translator": article.translator,
            "published": isoformat(article.published),
            "language": article.language,
            "summary": article.summary,
            "people": [person_summary(self, person) for person in article.public_people[:NESTED_LIMIT]],
            "more_people": self.get_more_people(article),
            "tags": [summary(tag) for tag in article.tag_list],
        }


class EventSerializer(serializers.ModelSerializer):
    url = PublicURLField(source="*", help_text="The event's page in the archive.")
    start = PartialDateField(allow_null=False)
    end = PartialDateField(help_text="Null for a one-day event.")
    people = FirstItems(
        child=PersonSummarySerializer(),
        source="public_people",
        read_only=True,
        help_text=f"The published people the event involved, by name: the first {NESTED_LIMIT}.",
    )
    more_people = serializers.SerializerMethodField()
    tags = TagSerializer(source="tag_list", many=True, read_only=True)
    quotes = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "slug",
            "url",
            "title",
            "kind",
            "start",
            "end",
            "location",
            "description",
            "people",
            "more_people",
            "tags",
            "quotes",
        ]
        read_only_fields = fields

    @extend_schema_field(more_link_schema("people"))
    def get_more_people(self, event):
        return more_people(self, event, event=event.slug)

    @extend_schema_field({"type": "string", "format": "uri", "description": "Quotes said at this event, in the API."})
    def get_quotes(self, event):
        return api_list_url(self, "quote", event=event.slug)

    def to_representation(self, event):
        """The fields above, written out as ``QuoteSerializer``'s are, and held to them by the same test."""
        return {
            "slug": event.slug,
            "url": absolute(self, event.get_absolute_url()),
            "title": event.title,
            "kind": event.kind,
            "start": isoformat(event.start),
            "end": isoformat(event.end),
            "location": event.location,
            "description": event.description,
            "people": [person_summary(self, person) for person in event.public_people[:NESTED_LIMIT]],
            "more_people": self.get_more_people(event),
            "tags": [summary(tag) for tag in event.tag_list],
            "quotes": self.get_quotes(event),
        }


class OutletSerializer(serializers.ModelSerializer):
    url = OptionalURLField(help_text="The outlet's home page, when known.")
    quotes = serializers.SerializerMethodField()

    class Meta:
        model = Outlet
        fields = ["slug", "name", "url", "country", "language", "description", "quotes"]
        read_only_fields = fields

    @extend_schema_field({"type": "string", "format": "uri", "description": "Quotes this outlet reported, in the API."})
    def get_quotes(self, outlet):
        return api_list_url(self, "quote", outlet=outlet.slug)


class TagDetailSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    article_count = serializers.IntegerField(read_only=True, help_text="Published articles with this tag.")
    quote_count = serializers.IntegerField(read_only=True, help_text="Published quotes with this tag.")
    event_count = serializers.IntegerField(read_only=True, help_text="Published events with this tag.")
    quotes = serializers.SerializerMethodField()

    class Meta:
        model = Tag
        fields = ["slug", "name", "url", "article_count", "quote_count", "event_count", "quotes"]
        read_only_fields = fields

    @extend_schema_field({"type": "string", "format": "uri", "description": "The tag's page in the archive."})
    def get_url(self, tag):
        return absolute(self, tag_url(tag))

    @extend_schema_field({"type": "string", "format": "uri", "description": "Quotes with this tag, in the API."})
    def get_quotes(self, tag):
        return api_list_url(self, "quote", tag=tag.slug)
