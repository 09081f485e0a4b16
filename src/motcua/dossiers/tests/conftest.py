from motcua.dossiers.tests.world import clock, world  # noqa: F401
