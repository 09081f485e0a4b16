"""The catalog exchange format `motcua.catalog/1` as typed entries (see docs/catalog-format.md).

Field names match the JSON keys, so `dataclasses.asdict` gives back the document's shape. The
importer hashes that canonical shape to tell a changed procedure from an unchanged one.
"""

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from motcua.catalog.processing_time import ProcessingTime

FORMAT_NAME = "motcua.catalog/1"


@dataclass(frozen=True, kw_only=True)
class SectorEntry:
    code: str
    name: str
    managing_body: str = ""


@dataclass(frozen=True, kw_only=True)
class ResultEntry:
    name: str
    code: str = ""


@dataclass(frozen=True, kw_only=True)
class DocumentEntry:
    code: str
    name: str
    mandatory: bool = True
    originals: int = 0
    copies: int = 0
    template_url: str = ""


@dataclass(frozen=True, kw_only=True)
class FeeEntry:
    kind: str
    name: str
    amount_vnd: int
    legal_basis: str = ""


@dataclass(frozen=True, kw_only=True)
class StepEntry:
    order: int
    name: str
    org_unit: str
    role: str
    hours: int
    parallel_group: str = ""


@dataclass(frozen=True, kw_only=True)
class VariantEntry:
    code: str
    name: str
    processing_time: ProcessingTime
    processing_time_by_channel: dict[str, ProcessingTime]
    online_level: str
    boundary_free: bool
    postal: bool
    supplement_policy: str
    required_documents: list[DocumentEntry] = field(default_factory=list)
    fees: list[FeeEntry] = field(default_factory=list)
    process: list[StepEntry] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class ProcedureEntry:
    code: str
    name: str
    sector: str
    competence_levels: list[str]
    implementing_agencies: list[str]
    deciding_agency: str
    subjects: list[str]
    result: ResultEntry
    legal_basis: list[str]
    publication_decision: str
    effective_from: date
    effective_to: date | None
    steps_description: str
    conditions: str
    variants: list[VariantEntry]

    def as_dict(self) -> dict[str, Any]:
        """The entry as it appears in a document (dates as ISO strings)."""
        entry = asdict(self)
        entry["effective_from"] = self.effective_from.isoformat()
        entry["effective_to"] = self.effective_to.isoformat() if self.effective_to else None
        return entry

    def content_hash(self) -> str:
        """SHA-256 of the canonical JSON: equal content gives an equal hash, whatever the layout."""
        canonical = json.dumps(
            self.as_dict(), sort_keys=True, ensure_ascii=False, separators=(",", ":")
        )
        return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True, kw_only=True)
class CatalogDocument:
    sectors: list[SectorEntry]
    procedures: list[ProcedureEntry]

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT_NAME,
            "sectors": [asdict(sector) for sector in self.sectors],
            "procedures": [procedure.as_dict() for procedure in self.procedures],
        }


@dataclass(frozen=True, kw_only=True)
class FormatProblem:
    """A bad value: where it is (`procedures[12].variants[0].processing_time.unit`) and why."""

    path: str
    reason: str
    procedure_code: str = ""

    def __str__(self) -> str:
        where = f"{self.path} [{self.procedure_code}]" if self.procedure_code else self.path
        return f"{where}: {self.reason}"


class CatalogFormatError(Exception):
    """The document is not a valid `motcua.catalog/1` catalog; `problems` lists every fault."""

    def __init__(self, problems: list[FormatProblem]):
        super().__init__(f"{len(problems)} problem(s) in the catalog document")
        self.problems = problems
