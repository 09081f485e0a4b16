"""Ranked, accent-insensitive search over procedure names, the same on PostgreSQL and SQLite.

Names are folded once, when imported, into `ProcedureVersion.name_folded` ("Đăng ký đất đai,
tài sản" -> "dang ky dat dai tai san"); the query is folded the same way, so "dang ky dat dai",
"đăng ký đất đai" and "Dang Ky" look alike. A version matches when its folded name contains
every word of the query. On PostgreSQL a pg_trgm GIN index on the folded column serves those
`LIKE '%word%'` conditions (migration 0002); SQLite scans the column.

Ranking, best first: the whole name, the name starting with the phrase, the phrase as whole
words, the phrase inside a word, then all words in any order; ties go to the name where the
first word appears earliest, then to the shorter name. A query shaped like a procedure code
("1.000948", "1.000948.H34") looks up codes instead. ADR 20 explains why ranking uses no
trigram similarity.
"""

import re

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Concat, Length, StrIndex

from motcua.catalog.models import ProcedureVersion
from motcua.catalog.search_text import search_words

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
CODE_SHAPE = re.compile(r"^\d+\.[0-9A-Za-z.]*$")


def rank_by_query(versions: QuerySet[ProcedureVersion], *, q: str) -> QuerySet[ProcedureVersion]:
    """Keep the versions matching `q` and order them best first."""
    code = q.strip()
    if CODE_SHAPE.match(code):
        return versions.filter(
            Q(procedure__code__startswith=code) | Q(procedure__code__startswith=code.upper())
        ).order_by("procedure__code")
    words = search_words(q)[:MAX_WORDS]
    if not words:
        return versions.order_by("name_folded", "pk")
    phrase = " ".join(words)
    every_word = Q()
    for word in words:
        every_word &= Q(name_folded__contains=word)
    padded = Concat(Value(" "), F("name_folded"), Value(" "))
    rank = Case(
        When(name_folded=phrase, then=Value(5)),
        When(Q(padded_name__startswith=f" {phrase} "), then=Value(4)),
        When(Q(padded_name__contains=f" {phrase} "), then=Value(3)),
        When(name_folded__contains=phrase, then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        versions.filter(every_word)
        .annotate(padded_name=padded)
        .annotate(rank=rank, first_word_at=StrIndex("name_folded", Value(words[0])))
        .order_by("-rank", "first_word_at", Length("name_folded"), "name_folded", "pk")
    )
