"""Setting a table's indexes aside for a bulk write and building them once afterwards.

Building an index once over a million rows costs far less than keeping it up to date row by
row. Both steps run inside the caller's transaction, so a failure (or a duplicate refused when
a unique constraint comes back) leaves every index as it was. PostgreSQL only: elsewhere
nothing is dropped.
"""

from django.db import connection

# Memory for the sorts that build the indexes again: in memory instead of on disk.
INDEX_BUILD_MEMORY = "512MB"


def set_aside_indexes(*tables: str) -> list[str]:
    """Drop the tables' unique constraints and indexes, all but their primary keys; return the
    statements that build them again (`build_indexes`)."""
    if connection.vendor != "postgresql":
        return []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, con.conname, pg_get_constraintdef(con.oid) FROM pg_constraint con "
            "JOIN pg_class c ON c.oid = con.conrelid "
            "WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY(%s) "
            "AND con.contype = 'u' ORDER BY 1, 2",
            [list(tables)],
        )
        constraints = cursor.fetchall()
        for table, name, _definition in constraints:
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i "
            "JOIN pg_class c ON c.relname = i.indexname "
            "JOIN pg_index x ON x.indexrelid = c.oid "
            "WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s) "
            "AND NOT x.indisprimary ORDER BY 1",
            [list(tables)],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
    return [definition for _name, definition in indexes] + [
        f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}"
        for table, name, definition in constraints
    ]


def build_indexes(statements: list[str]) -> None:
    """Run the statements `set_aside_indexes` returned."""
    if not statements:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL maintenance_work_mem = '{INDEX_BUILD_MEMORY}'")
        for statement in statements:
            cursor.execute(statement)
