"""What the generator draws from: the demo province's catalog, centres, agencies and communes.

Everything is read once into plain tuples so that the drawing code (`plan`) works on array
indexes and never queries. The former communes (in force until 30 Jun 2025) get an agency and
a one-stop centre of their own here, marked with their end date, so that dossiers of the first
half of 2025 can be received where they were received then (`ensure_former_communes`).
"""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model

from motcua.catalog.models import ProcedureVariant
from motcua.core.text import fold
from motcua.organizations import khanh_hoa
from motcua.organizations.divisions import REORGANISED_ON
from motcua.organizations.models import AdministrativeUnit, Agency, ServiceCentre


class MissingDemoProvince(Exception):
    """The demo province, its catalog or its staff are not loaded (`motcua demo load`)."""


@dataclass(frozen=True, slots=True)
class StepRef:
    order: int
    name: str
    org_unit: str
    role: str
    hours: int
    parallel_group: str
    # Working hours from the start of the process to this step's start and end, steps of one
    # parallel group starting together (as `deadlines.engine.step_due_moments` counts them).
    start_hours: int
    end_hours: int


@dataclass(frozen=True, slots=True)
class VariantRef:
    pk: int
    version_pk: int
    procedure_code: str
    is_commune: bool
    competent_agency_pk: int | None
    time_value: int
    time_unit: str
    online_time_value: int
    online_time_unit: str
    online: bool
    postal: bool
    boundary_free: bool
    supplement_policy: str
    fee_vnd: int
    document_pk: int | None
    document_name: str
    result_code: str
    steps: tuple[StepRef, ...]


@dataclass(frozen=True, slots=True)
class CentreRef:
    pk: int
    agency_pk: int
    agency_code: str


@dataclass(frozen=True, slots=True)
class Reference:
    variants: tuple[VariantRef, ...]
    provincial_centre: CentreRef
    # The communes in force from 1 Jul 2025, and for each of them the centres of the former
    # communes it was formed from (empty when none is known).
    commune_centres: tuple[CentreRef, ...]
    former_centres: tuple[tuple[CentreRef, ...], ...]
    signer_pk: int
    signer_name: str


FORMER_SUFFIX = "(trước 01/07/2025)"


def former_agency_code(unit_code: str) -> str:
    """The demo identifier of a former commune's People's Committee: 000.00.22366.H34 (the
    commune's five-digit official code; current communes use a two-digit sequence)."""
    return f"000.00.{unit_code}.{khanh_hoa.AGENCY_CODE_SUFFIX}"


def former_centre_code(unit_code: str) -> str:
    return f"BPMC-{unit_code}"


def _process(rows: list[tuple[int, str, str, str, int, str]]) -> tuple[StepRef, ...]:
    steps: list[StepRef] = []
    cursor = 0
    index = 0
    rows = sorted(rows)
    while index < len(rows):
        group = [rows[index]]
        if rows[index][5]:
            while index + len(group) < len(rows) and rows[index + len(group)][5] == rows[index][5]:
                group.append(rows[index + len(group)])
        end = cursor
        for order, name, org_unit, role, hours, parallel in group:
            steps.append(
                StepRef(order, name, org_unit, role, hours, parallel, cursor, cursor + hours)
            )
            end = max(end, cursor + hours)
        cursor = end
        index += len(group)
    return tuple(steps)


def _default_process(budget_hours: int) -> tuple[StepRef, ...]:
    """The intake's default process for a variant published without one (same shares)."""
    budget = max(budget_hours, 4)
    edge = max(budget // 8, 1)
    handling = max(budget - 3 * edge, 1)
    return _process(
        [
            (1, "Tiếp nhận hồ sơ", "intake", "intake_officer", edge, ""),
            (2, "Thẩm định hồ sơ", "handling", "handler", handling, ""),
            (3, "Phê duyệt kết quả", "leadership", "unit_leader", edge, ""),
            (4, "Trả kết quả", "intake", "intake_officer", edge, ""),
        ]
    )


def read_variants() -> tuple[VariantRef, ...]:
    """The variants of the procedures' latest versions, in catalog order."""
    variants = (
        ProcedureVariant.objects.filter(version__is_latest=True)
        .select_related("version__procedure", "version__deciding_agency", "version__sector")
        .prefetch_related(
            "fees", "required_documents", "process_templates__steps", "version__competence_levels"
        )
        .order_by("version__procedure__code", "position")
    )
    refs = []
    for variant in variants:
        version = variant.version
        levels = {level.code for level in version.competence_levels.all()}
        deciding = version.deciding_agency
        template = next((t for t in variant.process_templates.all() if t.agency_id is None), None)
        rows = [
            (s.order, s.name, s.org_unit, s.role, s.hours, s.parallel_group)
            for s in (template.steps.all() if template else [])
        ]
        steps = _process(rows) if rows else _default_process(variant.processing_time.budget_hours())
        online_time = variant.processing_time_for(channel="online")
        documents = sorted(variant.required_documents.all(), key=lambda d: d.position)
        mandatory = next((d for d in documents if d.mandatory), documents[0] if documents else None)
        refs.append(
            VariantRef(
                pk=variant.pk,
                version_pk=version.pk,
                procedure_code=version.procedure.code,
                is_commune="province" not in levels,
                competent_agency_pk=deciding.agency_id if deciding else None,
                time_value=variant.processing_time_value,
                time_unit=variant.processing_time_unit,
                online_time_value=online_time.value,
                online_time_unit=online_time.unit,
                online=variant.online_level != "none",
                postal=variant.postal,
                boundary_free=variant.boundary_free,
                supplement_policy=variant.supplement_policy,
                fee_vnd=sum(fee.amount_vnd for fee in variant.fees.all()),
                document_pk=mandatory.pk if mandatory else None,
                document_name=mandatory.name[:300] if mandatory else "Đơn đề nghị",
                result_code=version.result_code,
                steps=steps,
            )
        )
    return tuple(refs)


def ensure_former_communes() -> int:
    """Give every former commune of the province an agency and a one-stop centre, in force
    until 30 Jun 2025; idempotent. Returns how many centres were created."""
    current = list(
        AdministrativeUnit.objects.filter(
            level__code="commune",
            effective_from=REORGANISED_ON,
            code__in=[row.code for row in khanh_hoa.communes()],
        ).prefetch_related("predecessors")
    )
    formers = {
        former.code: former
        for unit in current
        for former in unit.predecessors.all()
        if former.level_id == unit.level_id
    }
    known = set(
        ServiceCentre.objects.filter(
            code__in=[former_centre_code(code) for code in formers]
        ).values_list("code", flat=True)
    )
    missing = [
        unit for code, unit in sorted(formers.items()) if former_centre_code(code) not in known
    ]
    if not missing:
        return 0
    last_day = date(2025, 6, 30)
    agencies = Agency.objects.bulk_create(
        [
            Agency(
                code=former_agency_code(unit.code),
                name=f"Ủy ban nhân dân {unit.name} {FORMER_SUFFIX}",
                short_name=f"UBND {unit.name}",
                name_folded=fold(f"Ủy ban nhân dân {unit.name} {FORMER_SUFFIX}"),
                kind="peoples_committee",
                level_id=unit.level_id,
                unit=unit,
                effective_to=last_day,
            )
            for unit in missing
        ]
    )
    by_code = {
        agency.code: agency for agency in Agency.objects.filter(code__in=[a.code for a in agencies])
    }
    ServiceCentre.objects.bulk_create(
        [
            ServiceCentre(
                code=former_centre_code(unit.code),
                name=f"Bộ phận Một cửa {unit.name} {FORMER_SUFFIX}",
                agency=by_code[former_agency_code(unit.code)],
                level_id=unit.level_id,
                unit=unit,
                is_active=False,
            )
            for unit in missing
        ]
    )
    return len(missing)


def read_reference() -> Reference:
    """Read the demo province. Raises MissingDemoProvince when it is not loaded."""
    variants = read_variants()
    centres = {
        centre.code: CentreRef(centre.pk, centre.agency_id, centre.agency.code)
        for centre in ServiceCentre.objects.select_related("agency")
    }
    provincial = centres.get(khanh_hoa.PROVINCIAL_CENTRE)
    if not variants or provincial is None:
        raise MissingDemoProvince("load the demo province first: motcua demo load")
    ensure_former_communes()
    centres.update(
        {
            centre.code: CentreRef(centre.pk, centre.agency_id, centre.agency.code)
            for centre in ServiceCentre.objects.filter(code__startswith="BPMC-").select_related(
                "agency"
            )
        }
    )
    units = {
        unit.code: unit
        for unit in AdministrativeUnit.objects.filter(
            level__code="commune", effective_from=REORGANISED_ON
        ).prefetch_related("predecessors")
    }
    commune_centres, former_centres = [], []
    for row in khanh_hoa.communes():
        centre = centres.get(khanh_hoa.service_centre_code(row.code))
        if centre is None:
            continue
        commune_centres.append(centre)
        unit = units.get(row.code)
        formers = sorted(p.code for p in unit.predecessors.all()) if unit else []
        former_centres.append(
            tuple(
                centres[former_centre_code(code)]
                for code in formers
                if former_centre_code(code) in centres
            )
        )
    signer = (
        get_user_model()
        .objects.filter(username__in=["chutich.nhatrang", "lanhdao.xaydung"])
        .order_by("username")
        .first()
    )
    if signer is None or not commune_centres:
        raise MissingDemoProvince("load the demo province first: motcua demo load")
    return Reference(
        variants=variants,
        provincial_centre=provincial,
        commune_centres=tuple(commune_centres),
        former_centres=tuple(former_centres),
        signer_pk=signer.pk,
        signer_name=signer.get_full_name() or signer.get_username(),
    )
