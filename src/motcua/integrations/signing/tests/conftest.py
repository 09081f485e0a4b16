from motcua.dossiers.tests.world import clock, fresh_intake_references, world  # noqa: F401
from motcua.integrations.signing.testing import *  # noqa: F403
