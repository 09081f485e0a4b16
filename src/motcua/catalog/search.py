"""Ranked, accent-insensitive search over procedure names, on PostgreSQL and on SQLite.

A version matches when its folded name contains every word of the query ("dang ky dat dai",
"đăng ký đất đai" and "Dang Ky" fold alike), or when its code starts with the query. Ranking,
best first: the code, the whole name, the name starting with the phrase, the phrase as whole
words, the phrase inside a word, all words in any order; then the shorter name. PostgreSQL
folds the name with `motcua_fold()` (unaccent) behind a trigram GIN index and breaks ties by
trigram word similarity first; SQLite reads the stored `name_folded` column. Both databases
find the same versions; only the order of ties may differ.
"""

import re

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    F,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Concat, Length

from motcua.catalog.models import ProcedureVersion
from motcua.catalog.search_text import fold_for_search, search_words

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
_CODE_LIKE = re.compile(r"^\d[\d.]*[0-9A-Za-z.]*$")


class FoldedName(Func):
    """`motcua_fold(name)`: the SQL twin of `fold_for_search`, indexed with pg_trgm."""

    function = "motcua_fold"
    output_field = CharField()


def _uses_postgresql() -> bool:
    return connection.vendor == "postgresql"


def rank_by_query(versions: QuerySet[ProcedureVersion], *, q: str) -> QuerySet[ProcedureVersion]:
    """Keep the versions matching `q` and order them best first; `q` must contain a word."""
    words = search_words(q)[:MAX_WORDS]
    phrase = " ".join(words)
    code = q.strip()
    postgresql = _uses_postgresql()
    searched = versions.annotate(
        search_name=FoldedName(F("name")) if postgresql else F("name_folded")
    ).annotate(padded_name=Concat(Value(" "), F("search_name"), Value(" ")))
    every_word = Q()
    for word in words:
        every_word &= Q(search_name__contains=word)
    code_match = Q(procedure__code__istartswith=code) if _CODE_LIKE.match(code) else Q(pk__in=[])
    matches = every_word | code_match
    rank = Case(
        When(code_match, then=Value(6)),
        When(search_name=phrase, then=Value(5)),
        When(padded_name__startswith=f" {phrase} ", then=Value(4)),
        When(padded_name__contains=f" {phrase} ", then=Value(3)),
        When(search_name__contains=phrase, then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )
    ranked = searched.filter(matches).annotate(rank=rank)
    if postgresql:
        ranked = ranked.annotate(closeness=TrigramWordSimilarity(phrase, "search_name"))
        return ranked.order_by("-rank", "-closeness", Length("name_folded"), "name_folded", "pk")
    return ranked.order_by("-rank", Length("name_folded"), "name_folded", "pk")


def is_searchable(q: str) -> bool:
    """Whether `q` holds something to look for (a word or a code)."""
    return bool(fold_for_search(q))
