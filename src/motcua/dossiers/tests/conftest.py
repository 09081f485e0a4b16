from motcua.documents.tests.conftest import pdf_text, pdf_tools  # noqa: F401
from motcua.dossiers.tests.world import (  # noqa: F401
    clock,
    fresh_intake_references,
    world,
)
