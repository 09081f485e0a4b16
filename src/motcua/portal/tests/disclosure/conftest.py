# The disclosure page is tested in the dossier tests' small province.
from motcua.dossiers.tests.world import (  # noqa: F401
    clock,
    fresh_intake_references,
    world,
)
