"""Writing the catalog out: `motcua.catalog/1` JSON (re-importable) or an xlsx workbook.

Both hold the latest version of every procedure, so importing an export changes nothing.
"""

import io
import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from motcua.catalog.exchange_format import (
    CatalogDocument,
    DocumentEntry,
    FeeEntry,
    ProcedureEntry,
    ResultEntry,
    SectorEntry,
    StepEntry,
    VariantEntry,
)
from motcua.catalog.models import ProcedureVariant, ProcedureVersion, Sector
from motcua.catalog.processing_time import ProcessingTime
from motcua.catalog.queries import list_latest_versions


def build_catalog_document() -> CatalogDocument:
    """Every sector and the latest version of every procedure, as exchange entries."""
    return CatalogDocument(
        sectors=[
            SectorEntry(code=sector.code, name=sector.name, managing_body=sector.managing_body)
            for sector in Sector.objects.order_by("code")
        ],
        procedures=[procedure_entry(version) for version in list_latest_versions()],
    )


def procedure_entry(version: ProcedureVersion) -> ProcedureEntry:
    """The exchange entry of a version loaded with `queries.list_latest_versions` prefetches."""
    levels = sorted(version.competence_levels.all(), key=lambda level: (level.rank, level.code))
    return ProcedureEntry(
        code=version.procedure.code,
        name=version.name,
        sector=version.sector.code,
        competence_levels=[level.code for level in levels],
        implementing_agencies=[link.catalog_agency.name for link in version.ordered_agencies],  # type: ignore[attr-defined]
        deciding_agency=version.deciding_agency.name if version.deciding_agency else "",
        subjects=list(version.subjects),
        result=ResultEntry(name=version.result_name, code=version.result_code),
        legal_basis=list(version.legal_basis),
        publication_decision=version.publication_decision,
        effective_from=version.effective_from,
        effective_to=version.effective_to,
        steps_description=version.steps_description,
        conditions=version.conditions,
        variants=[_variant_entry(variant) for variant in version.variants.all()],
    )


def _variant_entry(variant: ProcedureVariant) -> VariantEntry:
    templates = variant.published_templates  # type: ignore[attr-defined]
    steps = templates[0].steps.all() if templates else []
    return VariantEntry(
        code=variant.code,
        name=variant.name,
        processing_time=variant.processing_time,
        processing_time_by_channel={
            channel: ProcessingTime(value=time["value"], unit=time["unit"])
            for channel, time in sorted(variant.processing_times_by_channel.items())
        },
        online_level=variant.online_level,
        boundary_free=variant.boundary_free,
        postal=variant.postal,
        supplement_policy=variant.supplement_policy,
        required_documents=[
            DocumentEntry(
                code=document.code,
                name=document.name,
                mandatory=document.mandatory,
                originals=document.originals,
                copies=document.copies,
                template_url=document.template_url,
            )
            for document in variant.required_documents.all()
        ],
        fees=[
            FeeEntry(
                kind=fee.kind,
                name=fee.name,
                amount_vnd=fee.amount_vnd,
                legal_basis=fee.legal_basis,
            )
            for fee in variant.fees.all()
        ],
        process=[
            StepEntry(
                order=step.order,
                name=step.name,
                org_unit=step.org_unit,
                role=step.role,
                hours=step.hours,
                parallel_group=step.parallel_group,
            )
            for step in steps
        ],
    )


def export_json(document: CatalogDocument) -> bytes:
    """UTF-8 JSON, two-space indentation, Vietnamese letters kept as they are."""
    return (json.dumps(document.as_dict(), ensure_ascii=False, indent=2) + "\n").encode()


_SHEETS: dict[str, list[str]] = {
    "sectors": ["code", "name", "managing_body"],
    "procedures": [
        "code",
        "name",
        "sector",
        "competence_levels",
        "implementing_agencies",
        "deciding_agency",
        "subjects",
        "result.name",
        "result.code",
        "legal_basis",
        "publication_decision",
        "effective_from",
        "effective_to",
        "steps_description",
        "conditions",
    ],
    "variants": [
        "procedure",
        "code",
        "name",
        "processing_time.value",
        "processing_time.unit",
        "processing_time_by_channel",
        "online_level",
        "boundary_free",
        "postal",
        "supplement_policy",
    ],
    "required_documents": [
        "procedure",
        "variant",
        "code",
        "name",
        "mandatory",
        "originals",
        "copies",
        "template_url",
    ],
    "fees": ["procedure", "variant", "kind", "name", "amount_vnd", "legal_basis"],
    "process": [
        "procedure",
        "variant",
        "order",
        "name",
        "org_unit",
        "role",
        "hours",
        "parallel_group",
    ],
}
LIST_SEPARATOR = "; "
DATE_FORMAT = "DD/MM/YYYY"


def export_xlsx(document: CatalogDocument) -> bytes:
    """A workbook with one sheet per level of the format; lists joined with "; ".

    Meant for reading and review; the JSON export is the one to import back.
    """
    workbook = Workbook(write_only=True)
    rows = _xlsx_rows(document)
    for title, columns in _SHEETS.items():
        sheet = workbook.create_sheet(title)
        sheet.freeze_panes = "A2"
        sheet.append(columns)
        for row in rows[title]:
            sheet.append([_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_rows(document: CatalogDocument) -> dict[str, list[list[Any]]]:
    rows: dict[str, list[list[Any]]] = {title: [] for title in _SHEETS}
    rows["sectors"] = [
        [sector.code, sector.name, sector.managing_body] for sector in document.sectors
    ]
    for procedure in document.procedures:
        rows["procedures"].append(
            [
                procedure.code,
                procedure.name,
                procedure.sector,
                _joined(procedure.competence_levels),
                _joined(procedure.implementing_agencies),
                procedure.deciding_agency,
                _joined(procedure.subjects),
                procedure.result.name,
                procedure.result.code,
                _joined(procedure.legal_basis),
                procedure.publication_decision,
                procedure.effective_from,
                procedure.effective_to,
                procedure.steps_description,
                procedure.conditions,
            ]
        )
        for variant in procedure.variants:
            _variant_rows(rows, procedure.code, variant)
    return rows


def _variant_rows(rows: dict[str, list[list[Any]]], code: str, variant: VariantEntry) -> None:
    rows["variants"].append(
        [
            code,
            variant.code,
            variant.name,
            variant.processing_time.value,
            variant.processing_time.unit,
            json.dumps(
                {
                    channel: time.as_dict()
                    for channel, time in variant.processing_time_by_channel.items()
                }
            )
            if variant.processing_time_by_channel
            else "",
            variant.online_level,
            variant.boundary_free,
            variant.postal,
            variant.supplement_policy,
        ]
    )
    for document in variant.required_documents:
        rows["required_documents"].append(
            [
                code,
                variant.code,
                document.code,
                document.name,
                document.mandatory,
                document.originals,
                document.copies,
                document.template_url,
            ]
        )
    for fee in variant.fees:
        rows["fees"].append(
            [code, variant.code, fee.kind, fee.name, fee.amount_vnd, fee.legal_basis]
        )
    for step in variant.process:
        rows["process"].append(
            [
                code,
                variant.code,
                step.order,
                step.name,
                step.org_unit,
                step.role,
                step.hours,
                step.parallel_group,
            ]
        )


def _cell(sheet: Any, value: Any) -> Any:
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    return value


def _joined(values: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(values)
