"""Whether a procedure shows the seven parts that publication requires."""

from motcua.catalog.choices import PublishedPart
from motcua.catalog.exchange_format import ProcedureEntry


def missing_parts(entry: ProcedureEntry) -> list[str]:
    """The `PublishedPart` values the entry leaves empty, in the published order.

    Decision 766/QĐ-TTg (2022), indicator 1.3 counts procedures publicly showing all seven
    parts: steps, channels, dossier composition, processing time, who may apply, implementing
    agencies and result. Channels and processing time are required by the format, so they are
    never missing once a variant exists.
    """
    present = {
        PublishedPart.STEPS: bool(entry.steps_description),
        PublishedPart.CHANNELS: bool(entry.variants),
        PublishedPart.DOSSIER_COMPOSITION: any(
            variant.required_documents for variant in entry.variants
        ),
        PublishedPart.PROCESSING_TIME: bool(entry.variants),
        PublishedPart.SUBJECTS: bool(entry.subjects),
        PublishedPart.IMPLEMENTING_AGENCIES: bool(entry.implementing_agencies),
        PublishedPart.RESULT: bool(entry.result.name),
    }
    return [part.value for part in PublishedPart if not present[part]]
