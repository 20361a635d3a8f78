"""Index helpers for orderings that must behave the same on SQLite and PostgreSQL."""

from django.db import models
from django.db.models.expressions import OrderBy


class NullsLastIndex(models.Index):
    """
    An index over ``F(...).desc(nulls_last=True)`` expressions on both databases.

    PostgreSQL needs ``DESC NULLS LAST`` in the index to serve that ordering.
    SQLite refuses the modifier in CREATE INDEX, but its DESC order already
    puts NULLs last, so there the plain DESC index is the same index.
    """

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor == "sqlite":
            plain = models.Index(
                *(self._without_nulls(e) for e in self.expressions), name=self.name, condition=self.condition
            )
            return plain.create_sql(model, schema_editor, using=using, **kwargs)
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    @staticmethod
    def _without_nulls(expression):
        if isinstance(expression, OrderBy):
            return OrderBy(expression.expression, descending=expression.descending)
        return expression
