# The small province of the dossier tests (two centres, four agencies, staff, a catalog).
from motcua.dossiers.tests.world import (  # noqa: F401
    clock,
    fresh_intake_references,
    world,
)
