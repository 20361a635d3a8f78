"""The editors' desk: coverage, quotes, citations and events."""

from django.contrib import admin, messages
from django.db.models import Count
from django.utils import timezone
from taggit.models import Tag

from archive.editorial import Status
from archive.forms import PartialDateField, PartialDateModelForm
from archive.models import Article, Citation, Event, Outlet, Quote


class TagListFilter(admin.SimpleListFilter):
    """Filter by tag; lists only the tags this model actually uses."""

    title = "tag"
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        tags = (
            Tag.objects.filter(
                taggit_taggeditem_items__content_type__app_label=model_admin.model._meta.app_label,
                taggit_taggeditem_items__content_type__model=model_admin.model._meta.model_name,
            )
            .distinct()
            .order_by("name")
        )
        return [(tag.slug, tag.name) for tag in tags[:200]]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(tags__slug=self.value())
        return queryset


class PublishableAdmin(admin.ModelAdmin):
    """Status filter, publish and unpublish actions, and timestamps for every public model."""

    actions = ["publish", "unpublish"]
    readonly_fields = ["created_at", "updated_at"]

    @admin.action(description="Publish selected items now")
    def publish(self, request, queryset):
        now = timezone.now()
        scheduled = queryset.filter(published_at__isnull=False).exclude(status=Status.PUBLISHED)
        count = scheduled.update(status=Status.PUBLISHED)
        count += queryset.exclude(status=Status.PUBLISHED).update(status=Status.PUBLISHED, published_at=now)
        self.message_user(request, f"Published {count} item(s).", messages.SUCCESS)

    @admin.action(description="Unpublish selected items (back to draft)")
    def unpublish(self, request, queryset):
        count = queryset.exclude(status=Status.DRAFT).update(status=Status.DRAFT)
        self.message_user(request, f"Unpublished {count} item(s).", messages.SUCCESS)

    @admin.display(description="status", ordering="status")
    def status_badge(self, obj):
        if obj.status == Status.PUBLISHED and not obj.is_public:
            return f"Scheduled for {timezone.localtime(obj.published_at):%Y-%m-%d %H:%M}"
        return obj.get_status_display()


EDITORIAL_FIELDSET = ("Editorial status", {"fields": ["status", "published_at", "created_at", "updated_at"]})


class ArticleForm(PartialDateModelForm):
    published = PartialDateField(label="Publication date", required=False)
    partial_dates = {"published": ("published_on", "published_on_precision")}

    class Meta:
        model = Article
        exclude = ["published_on", "published_on_precision"]


class QuoteForm(PartialDateModelForm):
    said = PartialDateField(label="Date said", required=False)
    partial_dates = {"said": ("said_on", "said_on_precision")}

    class Meta:
        model = Quote
        exclude = ["said_on", "said_on_precision"]


class EventForm(PartialDateModelForm):
    start = PartialDateField(label="Start date")
    end = PartialDateField(label="End date", required=False, help_text="Only for events that lasted.")
    partial_dates = {"start": ("start_date", "start_precision"), "end": ("end_date", "end_precision")}

    class Meta:
        model = Event
        exclude = ["start_date", "start_precision", "end_date", "end_precision"]


class CitationInline(admin.StackedInline):
    model = Citation
    extra = 1
    fields = ["quote", "article", "passage", ("start_offset", "end_offset")]


class ArticleCitationInline(CitationInline):
    """On an article: which quotes it reports. "+" beside a quote adds a new quote in a popup."""

    autocomplete_fields = ["quote"]
    fields = ["quote", "passage", ("start_offset", "end_offset")]
    verbose_name = "quote reported here"
    verbose_name_plural = "quotes reported in this article"


class QuoteCitationInline(CitationInline):
    """On a quote: every article that reported it."""

    autocomplete_fields = ["article"]
    fields = ["article", "passage", ("start_offset", "end_offset")]
    verbose_name = "citation (an article reporting this quote)"
    verbose_name_plural = "citations (articles reporting this quote)"


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "country", "article_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("articles"))

    @admin.display(description="articles", ordering="article_total")
    def article_count(self, obj):
        return obj.article_total


@admin.register(Article)
class ArticleAdmin(PublishableAdmin):
    form = ArticleForm
    list_display = ["headline", "outlet", "published_display", "status_badge", "updated_at"]
    list_filter = ["status", "outlet", "language", "published_on_precision", TagListFilter]
    list_select_related = ["outlet"]
    search_fields = ["headline", "dek", "summary", "url", "authors"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["outlet", "people"]
    prepopulated_fields = {"slug": ["headline"]}
    inlines = [ArticleCitationInline]
    fieldsets = [
        (None, {"fields": ["headline", "dek", "slug", "outlet", "url", "authors", "translator", "published"]}),
        ("Content", {"fields": ["language", "summary", "body", "people", "tags", "notes"]}),
        EDITORIAL_FIELDSET,
    ]

    @admin.display(description="published", ordering="published_on")
    def published_display(self, obj):
        return obj.published or "—"


@admin.register(Quote)
class QuoteAdmin(PublishableAdmin):
    form = QuoteForm
    list_display = ["__str__", "attribution_display", "said_display", "kind", "event", "status_badge"]
    list_filter = ["status", "kind", "said_on_precision", "language", TagListFilter]
    list_select_related = ["speaker", "event"]
    search_fields = ["text", "speaker__name", "unnamed_source", "original_text"]
    date_hierarchy = "said_on"
    autocomplete_fields = ["speaker", "event"]
    inlines = [QuoteCitationInline]
    fieldsets = [
        (None, {"fields": ["text", ("speaker", "unnamed_source"), "said", "event", "kind"]}),
        ("Language", {"fields": ["language", "original_text", "original_language"], "classes": ["collapse"]}),
        ("Classification", {"fields": ["tags", "notes"]}),
        EDITORIAL_FIELDSET,
    ]

    @admin.display(description="said by", ordering="speaker__sort_name")
    def attribution_display(self, obj):
        return obj.attribution or "—"

    @admin.display(description="date said", ordering="said_on")
    def said_display(self, obj):
        return obj.said or "—"


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    list_display = ["quote", "article", "start_offset", "end_offset"]
    list_select_related = ["quote", "article"]
    list_filter = ["article__outlet"]
    search_fields = ["quote__text", "article__headline", "passage"]
    autocomplete_fields = ["quote", "article"]


class EventQuoteInline(admin.TabularInline):
    model = Quote
    fields = ["text", "speaker", "kind", "status"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False
    verbose_name_plural = "quotes said at this event"

    def has_add_permission(self, request, obj):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("speaker")


@admin.register(Event)
class EventAdmin(PublishableAdmin):
    form = EventForm
    list_display = ["title", "kind", "start_display", "location", "status_badge"]
    list_filter = ["status", "kind", "start_precision", TagListFilter]
    search_fields = ["title", "location", "description"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["people", "articles"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [EventQuoteInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", ("start", "end"), "location", "description"]}),
        ("Connections", {"fields": ["people", "articles", "tags"]}),
        EDITORIAL_FIELDSET,
    ]

    @admin.display(description="date", ordering="start_date")
    def start_display(self, obj):
        if obj.end:
            return f"{obj.start} – {obj.end}"
        return obj.start
