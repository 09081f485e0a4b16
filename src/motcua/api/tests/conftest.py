# The catalog's fixtures (levels, import_document, small_catalog_imported) for the API tests,
# and the signing fixtures (a test CA, a leader with a key, an issued result).
from motcua.catalog.tests.catalog_fixtures import (  # noqa: F401
    import_document,
    levels,
    small_catalog_imported,
)
from motcua.integrations.signing.testing import *  # noqa: F403
