from motcua.catalog.tests.catalog_fixtures import (  # noqa: F401
    import_document,
    levels,
    small_catalog_imported,
)
