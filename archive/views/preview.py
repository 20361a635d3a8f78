"""
Staff preview of unpublished content, the way djangoproject.com's blog does it.

A detail view widens its queryset to everything for users who may change the
model, so editors can read a draft or a scheduled item in place. Such a page
carries the "Draft preview" banner (``is_preview`` in the context, shown by
``base.html``) and never-cache headers, so no shared cache keeps a draft.
Everyone else gets ``published()`` only, and a 404 for the rest.
"""

from django.contrib.auth import get_permission_codename
from django.utils.cache import add_never_cache_headers

from archive.editorial import Status


def can_preview(user, model):
    """Whether ``user`` may see unpublished ``model`` objects: the model's change permission."""
    opts = model._meta
    return (
        user.is_authenticated
        and user.is_staff
        and user.has_perm(f"{opts.app_label}.{get_permission_codename('change', opts)}")
    )


class DraftPreviewMixin:
    """
    For DetailViews of Publishable models. The view's ``get_queryset()`` returns every
    object (with its select/prefetch); this mixin narrows it to ``published()`` in
    ``get_object()`` unless the user may preview, so overriding ``get_queryset()`` is safe.
    """

    def get_object(self, queryset=None):
        if queryset is None:
            queryset = self.get_queryset()
        if not can_preview(self.request.user, queryset.model):
            queryset = queryset.published()
        return super().get_object(queryset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = not self.object.is_public
        if context["is_preview"] and self.object.status == Status.PUBLISHED and self.object.published_at:
            # Published with a publish time still ahead: the banner says when readers will see it.
            context["preview_public_from"] = self.object.published_at
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context.get("is_preview"):
            add_never_cache_headers(response)
        return response
