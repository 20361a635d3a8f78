"""
Writing the index: refresh the documents an edit touched, or rebuild them all.

Every write is an upsert on (kind, object_id) of rows built by ``documents``; the
database's own triggers then update the full-text structures (see 0002_search).
Writes happen inside the editor's transaction, so the index never disagrees with
what was committed.
"""

from archive.models import SearchDocument
from archive.search.documents import DOCUMENT_TYPES, build_document, dependents, documents_for

UPSERT_FIELDS = [
    "slug",
    "title",
    "names",
    "subtitle",
    "body",
    "date",
    "date_precision",
    "status",
    "published_at",
    "updated_at",
]
BATCH_SIZE = 500


def upsert(documents):
    return SearchDocument.objects.bulk_create(
        documents,
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=UPSERT_FIELDS,
    )


def refresh(model, ids):
    """Bring the documents of ``model`` objects ``ids`` up to date; drop those of deleted objects."""
    ids = set(ids)
    if not ids or model not in DOCUMENT_TYPES:
        return
    documents = documents_for(model, ids)
    upsert(documents)
    gone = ids - {document.object_id for document in documents}
    if gone:
        remove(model, gone)


def refresh_all(targets):
    """``targets`` is {model: ids}, as ``documents.dependents()`` returns."""
    for model, ids in targets.items():
        refresh(model, ids)


def remove(model, ids):
    SearchDocument.objects.filter(kind=DOCUMENT_TYPES[model].kind, object_id__in=list(ids)).delete()


def object_changed(obj):
    """An object was saved: refresh its own document, if it has one, and those holding its text."""
    refresh_all(dependents(obj))


def rebuild(dry_run=False):
    """Replace the whole index; returns {kind: number of documents}."""
    counts = {}
    if not dry_run:
        SearchDocument.objects.all().delete()
    for document_type in DOCUMENT_TYPES.values():
        objects = document_type.queryset().order_by("pk")
        batch = []
        count = 0
        for obj in objects.iterator(chunk_size=BATCH_SIZE):
            batch.append(build_document(document_type, obj))
            count += 1
            if len(batch) >= BATCH_SIZE:
                if not dry_run:
                    upsert(batch)
                batch = []
        if batch and not dry_run:
            upsert(batch)
        counts[document_type.kind] = count
    return counts
