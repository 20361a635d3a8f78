"""
Indexes of our own: one for the name lookups readers type ("begins with", ignoring case, and the
forms to look up), and one for lists in date order with an unknown date first.
"""

from django.db import connections, models
from django.db.models import F, Func
from django.db.models.expressions import ExpressionList
from django.db.models.functions import Collate, Upper
from django.db.models.sql import Query


class CaseInsensitivePrefixIndex(models.Index):
    """
    An index that serves ``istartswith`` (and ``iexact``) on one text column, on both databases.

    PostgreSQL compares ``UPPER(column::text) LIKE UPPER(%s)``: that needs an index on the
    same expression, in the ``text_pattern_ops`` operator class so that a prefix can use it
    whatever the database's collation. (Django's ``OpClass`` would need django.contrib.postgres
    installed as an app; this index writes the clause itself.) SQLite's LIKE ignores ASCII
    case and uses an index only if the column is indexed ``COLLATE NOCASE``.

    ``covering`` fields follow the text in the index, so that a lookup selecting only them
    (the ids of the people who match) reads the index alone.
    """

    def __init__(self, *, field, covering=(), name):
        self.field = field
        self.covering = tuple(covering)
        super().__init__(Upper(field), *(F(other) for other in self.covering), name=name)

    def deconstruct(self):
        path, _, _ = super().deconstruct()
        return path, (), {"field": self.field, "covering": self.covering, "name": self.name}

    def create_sql(self, model, schema_editor, using="", **kwargs):
        covering = [F(other) for other in self.covering]
        if schema_editor.connection.vendor == "sqlite":
            nocase = models.Index(Collate(F(self.field), "NOCASE"), *covering, name=self.name)
            return nocase.create_sql(model, schema_editor, using=using, **kwargs)
        pattern_ops = Func(Upper(self.field), template="(%(expressions)s) text_pattern_ops")
        expressions = ExpressionList(pattern_ops, *covering).resolve_expression(Query(model, alias_cols=False))
        return schema_editor._create_index_sql(model, name=self.name, using=using, expressions=expressions, **kwargs)


def spellings(text, using="default"):
    """
    The forms of ``text`` to look a name up by, so that case is ignored on either database.

    PostgreSQL compares ``UPPER()`` of both sides, which folds every script (in a UTF-8
    database, as ``C.UTF-8`` is). SQLite's LIKE folds ASCII letters only: "антонов" would miss
    "Антонов". There a name with other letters is also looked up in lower case, in upper case
    and as names are written (each word capitalised), which covers what readers type; a word
    in mixed case ("аНТОНОВ") still has to match as typed.
    """
    if text.isascii() or connections[using].vendor != "sqlite":
        return [text]
    return list(dict.fromkeys([text, text.lower(), text.upper(), text.title()]))


class UnknownFirstIndex(models.Index):
    """
    An index on a date, then more fields, in the order ``F(date).asc(nulls_first=True)``: a list
    where an unknown date comes first, on both databases. PostgreSQL needs ``NULLS FIRST`` in the
    index to read it in that order; SQLite sorts empty values first anyway and refuses the words
    in an index.
    """

    def __init__(self, *, field, then=(), name):
        self.field = field
        self.then = tuple(then)
        super().__init__(F(field).asc(nulls_first=True), *(F(other) for other in self.then), name=name)

    def deconstruct(self):
        path, _, _ = super().deconstruct()
        return path, (), {"field": self.field, "then": self.then, "name": self.name}

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor == "sqlite":
            plain = models.Index(fields=[self.field, *self.then], name=self.name)
            return plain.create_sql(model, schema_editor, using=using, **kwargs)
        return super().create_sql(model, schema_editor, using=using, **kwargs)
