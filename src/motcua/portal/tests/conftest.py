# The catalog's fixtures (levels, import_document, small_catalog_imported) for the portal tests,
# and the signing fixtures (a test CA, a leader with a key, an issued result).
# The dossiers' world and the application fixtures for the application and "my dossiers" pages.
from motcua.applications.tests.fixtures import (  # noqa: F401
    applicant,
    construction_form,
    construction_variant,
    online_variant,
)
from motcua.catalog.tests.catalog_fixtures import (  # noqa: F401
    import_document,
    levels,
    small_catalog_imported,
)
from motcua.dossiers.tests.world import clock, fresh_intake_references, world  # noqa: F401
from motcua.integrations.signing.testing import *  # noqa: F403
