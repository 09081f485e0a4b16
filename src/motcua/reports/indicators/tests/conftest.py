from motcua.dossiers.tests.world import (  # noqa: F401
    clock,
    fresh_intake_references,
    world,
)
