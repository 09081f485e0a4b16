from motcua.integrations.signing.testing import *  # noqa: F403
