# The catalog's fixtures (levels, import_document, small_catalog_imported) for its API tests.
from motcua.catalog.tests.catalog_fixtures import (  # noqa: F401
    import_document,
    levels,
    small_catalog_imported,
)
