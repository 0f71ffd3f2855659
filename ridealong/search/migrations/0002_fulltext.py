"""The full-text index beside SearchDocument, in the database's own engine.

SQLite: an FTS5 external-content table (the text stays in search_searchdocument) with the
porter stemmer over unicode61 without diacritics, fed by triggers in the writing transaction.
PostgreSQL: a stored generated tsvector (english: stemming; title weighted A, body B) with a
GIN index; < and > are read as spaces, or PostgreSQL's parser would take "<Acme>" for an
HTML tag and skip the word. Each statement runs only on its own vendor.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body,
        content='search_searchdocument', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER search_fts_after_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END
    """,
    """
    CREATE TRIGGER search_fts_after_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    END
    """,
    """
    CREATE TRIGGER search_fts_after_update AFTER UPDATE OF title, body ON search_searchdocument
    BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END
    """,
    # Rows written before this migration (none in practice) join the index.
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_after_update",
    "DROP TRIGGER IF EXISTS search_fts_after_delete",
    "DROP TRIGGER IF EXISTS search_fts_after_insert",
    "DROP TABLE IF EXISTS search_fts",
]

POSTGRES_FORWARD = [
    """
    ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, translate(coalesce(title, ''), '<>', '  ')), 'A')
        || setweight(to_tsvector('english'::regconfig, translate(coalesce(body, ''), '<>', '  ')), 'B')
    ) STORED
    """,
    "CREATE INDEX search_doc_vector_gin ON search_searchdocument USING gin (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_doc_vector_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
]


class RunSQLOnVendor(migrations.RunSQL):
    """RunSQL that runs only when the database is of the given vendor."""

    def __init__(self, vendor: str, sql: list[str], reverse_sql: list[str]) -> None:
        self.vendor = vendor
        super().__init__(sql, reverse_sql)

    def deconstruct(self):  # type: ignore[no-untyped-def]
        name, args, kwargs = super().deconstruct()
        return name, args, {"vendor": self.vendor, **kwargs}

    def database_forwards(self, app_label, schema_editor, from_state, to_state):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        RunSQLOnVendor("sqlite", SQLITE_FORWARD, SQLITE_BACKWARD),
        RunSQLOnVendor("postgresql", POSTGRES_FORWARD, POSTGRES_BACKWARD),
    ]
