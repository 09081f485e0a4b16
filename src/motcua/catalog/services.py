"""Changing the catalog: importing a `motcua.catalog/1` document."""

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, NamedTuple

import structlog
from django.db import connection, transaction
from django.utils.text import slugify

from motcua.accounts.models import User
from motcua.audit.services import record_audit
from motcua.catalog.choices import ONLINE_LEVEL_RANK, OnlineLevel
from motcua.catalog.events import CatalogImported
from motcua.catalog.exchange_format import (
    CatalogDocument,
    ProcedureEntry,
    SectorEntry,
    VariantEntry,
)
from motcua.catalog.exchange_validation import parse_json, read_catalog
from motcua.catalog.models import (
    CatalogAgency,
    CatalogImport,
    Fee,
    Procedure,
    ProcedureVariant,
    ProcedureVersion,
    ProcessStep,
    ProcessTemplate,
    RequiredDocument,
    Sector,
    VersionAgency,
)
from motcua.catalog.publication import missing_parts
from motcua.catalog.search_text import fold_for_search
from motcua.core.clock import now
from motcua.core.events import publish
from motcua.core.text import fold
from motcua.organizations.models import AdministrativeLevel, Agency

log = structlog.get_logger(__name__)

# Procedures written per round of bulk inserts: large enough to be fast, small enough to show
# progress and keep memory flat on big files.
CHUNK_SIZE = 500
BATCH_SIZE = 1000

Progress = Callable[[int, int], None]
# Key of the PostgreSQL advisory lock that serialises imports ("motc" in ASCII).
IMPORT_LOCK_KEY = 0x6D6F7463


@dataclass(frozen=True, kw_only=True)
class ImportReport:
    """What an import did (or, on a dry run, would do)."""

    procedures_total: int
    procedures_created: int
    versions_created: int
    procedures_unchanged: int
    sectors_written: int
    dry_run: bool
    catalog_import: CatalogImport | None = None
    written_codes: tuple[str, ...] = field(default=(), repr=False)

    @property
    def changed_anything(self) -> bool:
        return bool(self.procedures_created or self.versions_created or self.sectors_written)


class _Latest(NamedTuple):
    """A changed procedure's id and the number of its latest version."""

    procedure_id: int
    number: int


@dataclass(kw_only=True)
class _Plan:
    new: list[ProcedureEntry] = field(default_factory=list)
    changed: list[ProcedureEntry] = field(default_factory=list)
    unchanged: int = 0
    hashes: dict[str, str] = field(default_factory=dict)
    latest: dict[str, "_Latest"] = field(default_factory=dict)
    sectors_to_create: list[SectorEntry] = field(default_factory=list)
    sectors_to_update: list[SectorEntry] = field(default_factory=list)


def import_catalog(
    *,
    raw: bytes,
    source_name: str,
    actor: User | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a catalog document: new procedures, new versions of changed ones, sectors.

    All or nothing: a document with any bad row raises `CatalogFormatError` listing every
    problem, and nothing is written. An unchanged procedure is left alone; an import that
    changes nothing writes nothing (no import row, no audit row). Procedures missing from the
    document are kept. Writes one `CatalogImport` row and one audit row per import.
    """
    levels = dict(AdministrativeLevel.objects.order_by("rank", "code").values_list("code", "pk"))
    document = read_catalog(
        parse_json(raw),
        known_sectors=set(Sector.objects.values_list("code", flat=True)),
        known_levels=list(levels),
    )
    with transaction.atomic():
        _hold_import_lock()
        plan = _plan(document)
        report = ImportReport(
            procedures_total=len(document.procedures),
            procedures_created=len(plan.new),
            versions_created=len(plan.changed),
            procedures_unchanged=plan.unchanged,
            sectors_written=len(plan.sectors_to_create) + len(plan.sectors_to_update),
            dry_run=dry_run,
            written_codes=tuple(entry.code for entry in [*plan.new, *plan.changed]),
        )
        if dry_run or not report.changed_anything:
            return report
        catalog_import = CatalogImport.objects.create(
            at=now(),
            actor=actor,
            source_name=source_name[:300],
            document_sha256=hashlib.sha256(raw).hexdigest(),
            procedures_created=report.procedures_created,
            versions_created=report.versions_created,
            procedures_unchanged=report.procedures_unchanged,
            sectors_written=report.sectors_written,
        )
        _write(plan, catalog_import=catalog_import, levels=levels, progress=progress)
        summary = {
            "source": catalog_import.source_name,
            "document_sha256": catalog_import.document_sha256,
            "procedures_created": report.procedures_created,
            "versions_created": report.versions_created,
            "procedures_unchanged": report.procedures_unchanged,
            "sectors_written": report.sectors_written,
        }
        record_audit(actor=actor, action="catalog.imported", target=catalog_import, after=summary)
        publish(
            CatalogImported(
                catalog_import_id=catalog_import.pk, procedure_codes=report.written_codes
            )
        )
    log.info("catalog_imported", **summary)
    return replace(report, catalog_import=catalog_import)


def _hold_import_lock() -> None:
    """Let one import plan and write at a time, or two could add the same new procedure.

    SQLite transactions here take the write lock when they begin (settings), which is enough.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])


def _plan(document: CatalogDocument) -> _Plan:
    plan = _Plan()
    existing_sectors = {sector.code: sector for sector in Sector.objects.all()}
    latest = {
        code: (procedure_id, number, content_hash)
        for code, procedure_id, number, content_hash in ProcedureVersion.objects.filter(
            is_latest=True
        ).values_list("procedure__code", "procedure_id", "number", "content_hash")
    }
    for entry in document.procedures:
        content_hash = entry.content_hash()
        plan.hashes[entry.code] = content_hash
        known = latest.get(entry.code)
        if known is None:
            plan.new.append(entry)
        elif known[2] == content_hash:
            plan.unchanged += 1
        else:
            plan.changed.append(entry)
            plan.latest[entry.code] = _Latest(procedure_id=known[0], number=known[1])
    for sector in document.sectors:
        current = existing_sectors.get(sector.code)
        if current is None:
            plan.sectors_to_create.append(sector)
        elif (current.name, current.managing_body) != (sector.name, sector.managing_body):
            plan.sectors_to_update.append(sector)
    return plan


def _write(
    plan: _Plan,
    *,
    catalog_import: CatalogImport,
    levels: dict[str, int],
    progress: Progress | None,
) -> None:
    sector_ids = _write_sectors(plan)
    entries = [*plan.new, *plan.changed]
    agency_ids = _catalog_agency_ids(entries)
    procedure_ids = {code: latest.procedure_id for code, latest in plan.latest.items()}
    created_at = catalog_import.at
    new_procedures = Procedure.objects.bulk_create(
        [Procedure(code=entry.code, created_at=created_at) for entry in plan.new],
        batch_size=BATCH_SIZE,
    )
    procedure_ids.update({procedure.code: procedure.pk for procedure in new_procedures})
    changed_ids = [latest.procedure_id for latest in plan.latest.values()]
    for ids in _chunks(changed_ids, BATCH_SIZE):
        ProcedureVersion.objects.filter(procedure_id__in=ids, is_latest=True).update(
            is_latest=False
        )
    done = 0
    for chunk in _chunks(entries, CHUNK_SIZE):
        versions = [
            _version(
                entry,
                procedure_id=procedure_ids[entry.code],
                number=plan.latest[entry.code].number + 1 if entry.code in plan.latest else 1,
                content_hash=plan.hashes[entry.code],
                sector_id=sector_ids[entry.sector],
                deciding_agency_id=agency_ids.get(entry.deciding_agency),
                catalog_import=catalog_import,
            )
            for entry in chunk
        ]
        ProcedureVersion.objects.bulk_create(versions, batch_size=BATCH_SIZE)
        _write_contents(chunk, versions, levels=levels, agency_ids=agency_ids)
        done += len(chunk)
        if progress is not None:
            progress(done, len(entries))
    _mark_superseded(changed_ids)


def _write_sectors(plan: _Plan) -> dict[str, int]:
    Sector.objects.bulk_create(
        [
            Sector(
                code=entry.code,
                name=entry.name,
                name_folded=fold_for_search(entry.name),
                managing_body=entry.managing_body,
            )
            for entry in plan.sectors_to_create
        ]
    )
    updates = {entry.code: entry for entry in plan.sectors_to_update}
    sectors = list(Sector.objects.filter(code__in=updates))
    for sector in sectors:
        sector.name = updates[sector.code].name
        sector.name_folded = fold_for_search(sector.name)
        sector.managing_body = updates[sector.code].managing_body
    Sector.objects.bulk_update(sectors, ["name", "name_folded", "managing_body"])
    return dict(Sector.objects.values_list("code", "pk"))


def _catalog_agency_ids(entries: Sequence[ProcedureEntry]) -> dict[str, int]:
    """Ids of the agencies the entries name, creating and linking the ones not seen before."""
    names = {name for entry in entries for name in entry.implementing_agencies}
    names |= {entry.deciding_agency for entry in entries if entry.deciding_agency}
    known = dict(CatalogAgency.objects.filter(name__in=names).values_list("name", "pk"))
    missing = sorted(names - set(known))
    if missing:
        taken = set(CatalogAgency.objects.values_list("slug", flat=True))
        links = _organisation_agencies(missing)
        created = []
        for name in missing:
            slug = _unique_slug(name, taken=taken)
            created.append(CatalogAgency(name=name, slug=slug, agency_id=links.get(fold(name))))
        CatalogAgency.objects.bulk_create(created)
        known.update({agency.name: agency.pk for agency in created})
    return known


def _organisation_agencies(names: Iterable[str]) -> dict[str, int]:
    """Folded name -> the organisation's agency of that name, where exactly one bears it."""
    matches: dict[str, list[int]] = {}
    folded_names = {fold(name) for name in names}
    for folded, pk in Agency.objects.filter(name_folded__in=folded_names).values_list(
        "name_folded", "pk"
    ):
        matches.setdefault(folded, []).append(pk)
    return {folded: pks[0] for folded, pks in matches.items() if len(pks) == 1}


def _unique_slug(name: str, *, taken: set[str]) -> str:
    base = slugify(fold(name))[:280] or "agency"
    slug, counter = base, 2
    while slug in taken:
        slug, counter = f"{base}-{counter}", counter + 1
    taken.add(slug)
    return slug


def _version(
    entry: ProcedureEntry,
    *,
    procedure_id: int,
    number: int,
    content_hash: str,
    sector_id: int,
    deciding_agency_id: int | None,
    catalog_import: CatalogImport,
) -> ProcedureVersion:
    best_online_level = max(
        (variant.online_level for variant in entry.variants),
        key=lambda level: ONLINE_LEVEL_RANK[OnlineLevel(level)],
    )
    return ProcedureVersion(
        procedure_id=procedure_id,
        number=number,
        content_hash=content_hash,
        is_latest=True,
        name=entry.name,
        name_folded=fold_for_search(entry.name),
        sector_id=sector_id,
        deciding_agency_id=deciding_agency_id,
        subjects=entry.subjects,
        result_name=entry.result.name,
        result_code=entry.result.code,
        legal_basis=entry.legal_basis,
        publication_decision=entry.publication_decision,
        effective_from=entry.effective_from,
        effective_to=entry.effective_to,
        steps_description=entry.steps_description,
        conditions=entry.conditions,
        online_level=best_online_level,
        missing_parts=missing_parts(entry),
        imported_at=catalog_import.at,
        catalog_import=catalog_import,
    )


def _write_contents(
    entries: Sequence[ProcedureEntry],
    versions: Sequence[ProcedureVersion],
    *,
    levels: dict[str, int],
    agency_ids: dict[str, int],
) -> None:
    level_links: list[Any] = []
    agency_links: list[VersionAgency] = []
    variants: list[ProcedureVariant] = []
    variant_entries: list[VariantEntry] = []
    for entry, version in zip(entries, versions, strict=True):
        level_links.extend(
            ProcedureVersion.competence_levels.through(
                procedureversion_id=version.pk, administrativelevel_id=levels[code]
            )
            for code in entry.competence_levels
        )
        agency_links.extend(
            VersionAgency(version_id=version.pk, catalog_agency_id=agency_ids[name], position=index)
            for index, name in enumerate(entry.implementing_agencies)
        )
        for position, variant in enumerate(entry.variants):
            variants.append(
                ProcedureVariant(
                    version_id=version.pk,
                    position=position,
                    code=variant.code,
                    name=variant.name,
                    processing_time_value=variant.processing_time.value,
                    processing_time_unit=variant.processing_time.unit,
                    processing_times_by_channel={
                        channel: time.as_dict()
                        for channel, time in variant.processing_time_by_channel.items()
                    },
                    online_level=variant.online_level,
                    boundary_free=variant.boundary_free,
                    postal=variant.postal,
                    supplement_policy=variant.supplement_policy,
                )
            )
            variant_entries.append(variant)
    ProcedureVersion.competence_levels.through.objects.bulk_create(
        level_links, batch_size=BATCH_SIZE
    )
    VersionAgency.objects.bulk_create(agency_links, batch_size=BATCH_SIZE)
    ProcedureVariant.objects.bulk_create(variants, batch_size=BATCH_SIZE)
    documents: list[RequiredDocument] = []
    fees: list[Fee] = []
    templates: list[ProcessTemplate] = []
    template_entries = []
    for created, variant_entry in zip(variants, variant_entries, strict=True):
        documents.extend(
            RequiredDocument(
                variant_id=created.pk,
                position=position,
                code=document.code,
                name=document.name,
                mandatory=document.mandatory,
                originals=document.originals,
                copies=document.copies,
                template_url=document.template_url,
            )
            for position, document in enumerate(variant_entry.required_documents)
        )
        fees.extend(
            Fee(
                variant_id=created.pk,
                position=position,
                kind=fee.kind,
                name=fee.name,
                amount_vnd=fee.amount_vnd,
                legal_basis=fee.legal_basis,
            )
            for position, fee in enumerate(variant_entry.fees)
        )
        if variant_entry.process:
            templates.append(ProcessTemplate(variant_id=created.pk))
            template_entries.append(variant_entry.process)
    RequiredDocument.objects.bulk_create(documents, batch_size=BATCH_SIZE)
    Fee.objects.bulk_create(fees, batch_size=BATCH_SIZE)
    ProcessTemplate.objects.bulk_create(templates, batch_size=BATCH_SIZE)
    ProcessStep.objects.bulk_create(
        [
            ProcessStep(
                template_id=template.pk,
                order=step.order,
                name=step.name,
                org_unit=step.org_unit,
                role=step.role,
                hours=step.hours,
                parallel_group=step.parallel_group,
            )
            for template, steps in zip(templates, template_entries, strict=True)
            for step in steps
        ],
        batch_size=BATCH_SIZE,
    )


def _mark_superseded(procedure_ids: Sequence[int]) -> None:
    """Close each version's span at the start of the next one (by start date, then number)."""
    changed: list[ProcedureVersion] = []
    for chunk in _chunks(procedure_ids, BATCH_SIZE):
        by_procedure: dict[int, list[ProcedureVersion]] = {}
        for version in ProcedureVersion.objects.filter(procedure_id__in=chunk).only(
            "pk", "procedure_id", "number", "effective_from", "superseded_on"
        ):
            by_procedure.setdefault(version.procedure_id, []).append(version)
        for versions in by_procedure.values():
            versions.sort(key=lambda version: (version.effective_from, version.number))
            next_starts: list[date | None] = [v.effective_from for v in versions[1:]]
            for version, superseded_on in zip(versions, [*next_starts, None], strict=True):
                if version.superseded_on != superseded_on:
                    version.superseded_on = superseded_on
                    changed.append(version)
    ProcedureVersion.objects.bulk_update(changed, ["superseded_on"], batch_size=BATCH_SIZE)


def _chunks[T](items: Sequence[T], size: int) -> Iterable[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
