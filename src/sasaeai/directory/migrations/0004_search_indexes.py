"""Indexes for the directory search that Django's model state cannot express on both databases.

* PostgreSQL: `sasaeai_bigrams(text)` cuts a text into its distinct two-character pieces, and a GIN
  index over `sasaeai_bigrams(search_text)` lets a search term (of two characters or more) visit
  only the rows that hold all its pieces; the LIKE test still decides. Trigram indexes cannot serve
  two-character words such as 体操 or 配食, which is why this is not pg_trgm.
* Both: an index in the list's order (search name by code point, then id) within a municipality,
  so that a search without words reads its first page from the index instead of sorting.
"""

from django.db import migrations

POSTGRESQL = [
    (
        """
        CREATE OR REPLACE FUNCTION sasaeai_bigrams(t text) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
            SELECT coalesce(array_agg(DISTINCT substr(t, i, 2)), '{}')
            FROM generate_series(1, length(t) - 1) AS i
        $$
        """,
        "DROP FUNCTION IF EXISTS sasaeai_bigrams(text)",
    ),
    (
        "CREATE INDEX resource_search_grams_idx ON directory_resource USING gin (sasaeai_bigrams(search_text))",
        "DROP INDEX IF EXISTS resource_search_grams_idx",
    ),
    (
        'CREATE INDEX resource_list_order_idx ON directory_resource (municipality_id, (search_name COLLATE "C"), id)',
        "DROP INDEX IF EXISTS resource_list_order_idx",
    ),
]
SQLITE = [
    (
        "CREATE INDEX resource_list_order_idx ON directory_resource (municipality_id, search_name, id)",
        "DROP INDEX IF EXISTS resource_list_order_idx",
    ),
]


def _statements(schema_editor, reverse: bool) -> list[str]:
    pairs = POSTGRESQL if schema_editor.connection.vendor == "postgresql" else SQLITE
    return [undo for _do, undo in reversed(pairs)] if reverse else [do for do, _undo in pairs]


def create(apps, schema_editor):
    for sql in _statements(schema_editor, reverse=False):
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    for sql in _statements(schema_editor, reverse=True):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_alter_historicalresource_latitude_and_more")]

    operations = [migrations.RunPython(create, drop)]
