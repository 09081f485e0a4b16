from motcua.dossiers.tests.world import (  # noqa: F401
    clock,
    fresh_intake_references,
    world,
)
from motcua.reports.indicators.tests.building import offline_procedure  # noqa: F401
