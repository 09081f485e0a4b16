from motcua.documents.tests.conftest import pdf_text, pdf_tools  # noqa: F401
from motcua.dossiers.tests.world import clock, world  # noqa: F401
