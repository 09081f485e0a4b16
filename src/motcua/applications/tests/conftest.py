from motcua.applications.tests.fixtures import (  # noqa: F401
    applicant,
    construction_form,
    construction_variant,
    online_variant,
)
from motcua.dossiers.tests.world import (  # noqa: F401
    clock,
    fresh_intake_references,
    world,
)
