"""Reading a `motcua.catalog/1` document: every fault is collected with its JSON path.

`read_catalog` never stops at the first problem; it raises `CatalogFormatError` listing all of
them, so a clerk fixes a file in one pass. Text comes back in NFC with white space tidied;
nothing here touches the database.
"""

import json
import re
from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

from motcua.catalog.choices import (
    Channel,
    FeeKind,
    OnlineLevel,
    Subject,
    SupplementPolicy,
    TimeUnit,
)
from motcua.catalog.exchange_fields import (
    MISSING,
    FieldReader,
    Missing,
    choices_text,
    reason,
)
from motcua.catalog.exchange_format import (
    FORMAT_NAME,
    CatalogDocument,
    CatalogFormatError,
    DocumentEntry,
    FeeEntry,
    FormatProblem,
    ProcedureEntry,
    ResultEntry,
    SectorEntry,
    StepEntry,
    VariantEntry,
)
from motcua.catalog.processing_time import ProcessingTime, StepBudget, total_step_hours
from motcua.core.text import normalize
from motcua.organizations.choices import Role

PROCEDURE_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$")
SECTOR_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
DOCUMENT_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$")
SAFE_URL = re.compile(r"^(https?://|/)[^\s]*$")
MAX_PROCESSING_TIME = 10_000
MAX_AMOUNT_VND = 10**12
MAX_COUNT = 1_000
MAX_HOURS = 100_000
MAX_LONG_TEXT = 20_000

_ALLOWED_KEYS = {
    "document": {"format", "sectors", "procedures"},
    "sector": {"code", "name", "managing_body"},
    "procedure": {
        "code",
        "name",
        "sector",
        "competence_levels",
        "implementing_agencies",
        "deciding_agency",
        "subjects",
        "result",
        "legal_basis",
        "publication_decision",
        "effective_from",
        "effective_to",
        "steps_description",
        "conditions",
        "variants",
    },
    "result": {"name", "code"},
    "variant": {
        "code",
        "name",
        "processing_time",
        "processing_time_by_channel",
        "online_level",
        "boundary_free",
        "postal",
        "supplement_policy",
        "required_documents",
        "fees",
        "process",
    },
    "processing_time": {"value", "unit"},
    "document_item": {"code", "name", "mandatory", "originals", "copies", "template_url"},
    "fee": {"kind", "name", "amount_vnd", "legal_basis"},
    "step": {"order", "name", "org_unit", "role", "hours", "parallel_group"},
}


def _read_time(reader: FieldReader, value: Any, path: str) -> ProcessingTime | None:
    """Return the time, or None (with the problem recorded) when it is bad."""
    if isinstance(value, Missing) or value is None:
        reader.fail(path, reason("thiếu thời hạn giải quyết", "required processing time"))
        return None
    data = reader.mapping(value, path, _ALLOWED_KEYS["processing_time"])
    if data is None:
        return None
    problems_before = len(reader.problems)
    time = ProcessingTime(
        value=reader.integer(data, "value", path, minimum=1, maximum=MAX_PROCESSING_TIME),
        unit=reader.choice(data, "unit", path, choices=TimeUnit.values),
    )
    return time if len(reader.problems) == problems_before else None


def parse_json(raw: bytes) -> Any:
    """Decode UTF-8 JSON; raises `CatalogFormatError` naming the line and column of a fault."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CatalogFormatError(
            [
                FormatProblem(
                    path="$",
                    reason=reason(
                        f"tệp không phải UTF-8 (byte {error.start})", "the file is not UTF-8"
                    ),
                )
            ]
        ) from error
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise CatalogFormatError(
            [
                FormatProblem(
                    path="$",
                    reason=reason(
                        f"JSON không hợp lệ ở dòng {error.lineno}, cột {error.colno}: {error.msg}",
                        "invalid JSON",
                    ),
                )
            ]
        ) from error


def read_catalog(
    data: Any, *, known_sectors: Collection[str], known_levels: Sequence[str]
) -> CatalogDocument:
    """Validate a parsed document and return its entries.

    `known_sectors` are sector codes already in the database (a file may refer to them without
    repeating them); `known_levels` are the organisation's administrative level codes, top tier
    first (competence levels come back in that order). Raises `CatalogFormatError` with every
    problem found.
    """
    reader = FieldReader()
    document = reader.mapping(data, "$", _ALLOWED_KEYS["document"])
    if document is None:
        raise CatalogFormatError(reader.problems)
    if document.get("format") != FORMAT_NAME:
        reader.fail(
            "format",
            reason(
                f"phải là {FORMAT_NAME!r}, nhận được {document.get('format')!r}",
                "unknown format",
            ),
        )
    sectors = _read_sectors(reader, document)
    sector_codes = {sector.code for sector in sectors} | set(known_sectors)
    procedures: list[ProcedureEntry] = []
    first_index_by_code: dict[str, int] = {}
    for index, item in enumerate(reader.items(document, "procedures", "$", required=True)):
        path = f"procedures[{index}]"
        procedure = _read_procedure(
            reader, item, path, sector_codes=sector_codes, known_levels=known_levels
        )
        if procedure is None:
            continue
        if procedure.code in first_index_by_code:
            reader.fail(
                f"{path}.code",
                reason(
                    f"mã trùng với procedures[{first_index_by_code[procedure.code]}]",
                    "duplicate procedure code",
                ),
            )
            continue
        first_index_by_code[procedure.code] = index
        procedures.append(procedure)
    reader.procedure_code = ""
    if reader.problems:
        raise CatalogFormatError(reader.problems)
    return CatalogDocument(sectors=sectors, procedures=procedures)


def _read_sectors(reader: FieldReader, document: dict[str, Any]) -> list[SectorEntry]:
    sectors: list[SectorEntry] = []
    seen: set[str] = set()
    for index, item in enumerate(reader.items(document, "sectors", "$", required=False)):
        path = f"sectors[{index}]"
        data = reader.mapping(item, path, _ALLOWED_KEYS["sector"])
        if data is None:
            continue
        code = reader.text(data, "code", path, required=True, max_length=32, pattern=SECTOR_CODE)
        name = reader.text(data, "name", path, required=True, max_length=200)
        managing_body = reader.text(data, "managing_body", path, required=False, max_length=200)
        if code in seen:
            reader.fail(f"{path}.code", reason(f"mã lĩnh vực {code!r} bị lặp lại", "duplicate"))
        elif code:
            seen.add(code)
            sectors.append(SectorEntry(code=code, name=name, managing_body=managing_body))
    return sectors


def _read_procedure(
    reader: FieldReader,
    item: Any,
    path: str,
    *,
    sector_codes: Collection[str],
    known_levels: Sequence[str],
) -> ProcedureEntry | None:
    # Name the procedure in every problem, even those found before its code is read.
    raw_code = item.get("code") if isinstance(item, dict) else None
    reader.procedure_code = normalize(raw_code)[:64] if isinstance(raw_code, str) else ""
    data = reader.mapping(item, path, _ALLOWED_KEYS["procedure"])
    if data is None:
        return None
    problems_before = len(reader.problems)
    code = reader.text(data, "code", path, required=True, max_length=64, pattern=PROCEDURE_CODE)
    name = reader.text(data, "name", path, required=True)
    sector = reader.text(data, "sector", path, required=True, max_length=32)
    if sector and sector not in sector_codes:
        reader.fail(
            f"{path}.sector",
            reason(f"lĩnh vực {sector!r} chưa được khai báo trong sectors", "unknown sector"),
        )
    problems_before_levels = len(reader.problems)
    levels = reader.text_list(
        data,
        "competence_levels",
        path,
        choices=known_levels,
        unknown_reason=lambda level: reason(
            f"cấp {level!r} không có trong dữ liệu tổ chức; các cấp hiện có: "
            f"{choices_text(known_levels) or '(chưa có)'}",
            "unknown administrative level",
        ),
    )
    levels.sort(key=known_levels.index)
    if not levels and len(reader.problems) == problems_before_levels:
        reader.fail(
            f"{path}.competence_levels",
            reason("cần ít nhất một cấp thẩm quyền", "at least one level is required"),
        )
    result_data = data.get("result", MISSING)
    result = ResultEntry(name="")
    if not isinstance(result_data, Missing | None):
        result_mapping = reader.mapping(result_data, f"{path}.result", _ALLOWED_KEYS["result"])
        if result_mapping is not None:
            result = ResultEntry(
                name=reader.text(result_mapping, "name", f"{path}.result", required=False),
                code=reader.text(
                    result_mapping, "code", f"{path}.result", required=False, max_length=64
                ),
            )
    effective_from = reader.iso_date(data, "effective_from", path, required=True)
    effective_to = reader.iso_date(data, "effective_to", path, required=False)
    if effective_from and effective_to and effective_to < effective_from:
        reader.fail(
            f"{path}.effective_to",
            reason("ngày hết hiệu lực trước ngày có hiệu lực", "ends before it starts"),
        )
    entry = ProcedureEntry(
        code=code,
        name=name,
        sector=sector,
        competence_levels=levels,
        implementing_agencies=reader.text_list(data, "implementing_agencies", path),
        deciding_agency=reader.text(data, "deciding_agency", path, required=False, max_length=300),
        subjects=reader.text_list(data, "subjects", path, choices=Subject.values),
        result=result,
        legal_basis=reader.text_list(data, "legal_basis", path),
        publication_decision=reader.text(data, "publication_decision", path, required=False),
        effective_from=effective_from or date.min,
        effective_to=effective_to,
        steps_description=reader.text(
            data,
            "steps_description",
            path,
            required=False,
            max_length=MAX_LONG_TEXT,
            multiline=True,
        ),
        conditions=reader.text(
            data, "conditions", path, required=False, max_length=MAX_LONG_TEXT, multiline=True
        ),
        variants=_read_variants(reader, data, path),
    )
    return entry if len(reader.problems) == problems_before else None


def _read_variants(reader: FieldReader, data: dict[str, Any], path: str) -> list[VariantEntry]:
    variants: list[VariantEntry] = []
    raw_variants = reader.items(data, "variants", path, required=True)
    if data.get("variants") == []:
        reader.fail(
            f"{path}.variants", reason("cần ít nhất một trường hợp", "at least one variant")
        )
    seen: set[str] = set()
    for index, item in enumerate(raw_variants):
        where = f"{path}.variants[{index}]"
        variant = reader.mapping(item, where, _ALLOWED_KEYS["variant"])
        if variant is None:
            continue
        code = reader.text(variant, "code", where, required=True, max_length=64, pattern=SLUG)
        if code in seen:
            reader.fail(f"{where}.code", reason(f"mã trường hợp {code!r} bị lặp lại", "duplicate"))
        seen.add(code)
        time = _read_time(
            reader, variant.get("processing_time", MISSING), f"{where}.processing_time"
        )
        variants.append(
            VariantEntry(
                code=code,
                name=reader.text(variant, "name", where, required=False),
                processing_time=time or ProcessingTime(value=1, unit=TimeUnit.WORKING_DAYS),
                processing_time_by_channel=_read_channel_times(reader, variant, where),
                online_level=reader.choice(
                    variant, "online_level", where, choices=OnlineLevel.values
                ),
                boundary_free=reader.boolean(variant, "boundary_free", where),
                postal=reader.boolean(variant, "postal", where),
                supplement_policy=reader.choice(
                    variant, "supplement_policy", where, choices=SupplementPolicy.values
                ),
                required_documents=_read_documents(reader, variant, where),
                fees=_read_fees(reader, variant, where),
                process=_read_process(reader, variant, where, time=time),
            )
        )
    return variants


def _read_channel_times(
    reader: FieldReader, variant: dict[str, Any], path: str
) -> dict[str, ProcessingTime]:
    value = variant.get("processing_time_by_channel", MISSING)
    where = f"{path}.processing_time_by_channel"
    if isinstance(value, Missing) or value is None:
        return {}
    if not isinstance(value, dict):
        reader.fail(where, reason("phải là một đối tượng JSON", "must be a JSON object"))
        return {}
    times: dict[str, ProcessingTime] = {}
    for channel, raw_time in value.items():
        if channel not in Channel.values:
            reader.fail(
                f"{where}.{channel}",
                reason(
                    f"kênh không hợp lệ; chọn một trong: {choices_text(Channel.values)}",
                    "unknown channel",
                ),
            )
            continue
        time = _read_time(reader, raw_time, f"{where}.{channel}")
        if time is not None:
            times[channel] = time
    return dict(sorted(times.items()))


def _read_documents(reader: FieldReader, variant: dict[str, Any], path: str) -> list[DocumentEntry]:
    documents: list[DocumentEntry] = []
    seen: set[str] = set()
    for index, item in enumerate(reader.items(variant, "required_documents", path, required=False)):
        where = f"{path}.required_documents[{index}]"
        data = reader.mapping(item, where, _ALLOWED_KEYS["document_item"])
        if data is None:
            continue
        code = reader.text(data, "code", where, required=True, max_length=32, pattern=DOCUMENT_CODE)
        if code in seen:
            reader.fail(f"{where}.code", reason(f"mã giấy tờ {code!r} bị lặp lại", "duplicate"))
        seen.add(code)
        documents.append(
            DocumentEntry(
                code=code,
                name=reader.text(data, "name", where, required=True, max_length=1000),
                mandatory=reader.boolean(data, "mandatory", where, default=True),
                originals=reader.integer(
                    data, "originals", where, minimum=0, maximum=MAX_COUNT, default=0
                ),
                copies=reader.integer(
                    data, "copies", where, minimum=0, maximum=MAX_COUNT, default=0
                ),
                template_url=reader.text(
                    data, "template_url", where, required=False, pattern=SAFE_URL
                ),
            )
        )
    return documents


def _read_fees(reader: FieldReader, variant: dict[str, Any], path: str) -> list[FeeEntry]:
    fees: list[FeeEntry] = []
    for index, item in enumerate(reader.items(variant, "fees", path, required=False)):
        where = f"{path}.fees[{index}]"
        data = reader.mapping(item, where, _ALLOWED_KEYS["fee"])
        if data is None:
            continue
        fees.append(
            FeeEntry(
                kind=reader.choice(data, "kind", where, choices=FeeKind.values),
                name=reader.text(data, "name", where, required=True),
                amount_vnd=reader.integer(
                    data, "amount_vnd", where, minimum=0, maximum=MAX_AMOUNT_VND
                ),
                legal_basis=reader.text(data, "legal_basis", where, required=False),
            )
        )
    return fees


def _read_process(
    reader: FieldReader, variant: dict[str, Any], path: str, *, time: ProcessingTime | None
) -> list[StepEntry]:
    steps: list[StepEntry] = []
    seen_orders: set[int] = set()
    problems_before = len(reader.problems)
    for index, item in enumerate(reader.items(variant, "process", path, required=False)):
        where = f"{path}.process[{index}]"
        data = reader.mapping(item, where, _ALLOWED_KEYS["step"])
        if data is None:
            continue
        order = reader.integer(data, "order", where, minimum=1, maximum=MAX_COUNT)
        if order in seen_orders:
            reader.fail(f"{where}.order", reason(f"thứ tự {order} bị lặp lại", "duplicate order"))
        seen_orders.add(order)
        steps.append(
            StepEntry(
                order=order,
                name=reader.text(data, "name", where, required=True, max_length=300),
                org_unit=reader.text(
                    data, "org_unit", where, required=True, max_length=64, pattern=SLUG
                ),
                role=reader.choice(data, "role", where, choices=Role.values),
                hours=reader.integer(data, "hours", where, minimum=1, maximum=MAX_HOURS),
                parallel_group=reader.text(
                    data, "parallel_group", where, required=False, max_length=64, pattern=SLUG
                ),
            )
        )
    steps.sort(key=lambda step: step.order)
    if steps and time is not None and len(reader.problems) == problems_before:
        _check_budget(reader, steps, f"{path}.process", time=time)
    return steps


def _check_budget(
    reader: FieldReader, steps: list[StepEntry], path: str, *, time: ProcessingTime
) -> None:
    """The step budgets must add up to the statutory time (docs/catalog-format.md)."""
    total = total_step_hours(
        StepBudget(hours=step.hours, parallel_group=step.parallel_group) for step in steps
    )
    expected = time.budget_hours()
    if total != expected:
        reader.fail(
            path,
            reason(
                f"tổng giờ các bước là {total} giờ nhưng thời hạn giải quyết "
                f"{time.value} {time.unit} là {expected} giờ (bước song song tính bước dài nhất)",
                f"step budgets add up to {total} hours, the processing time is {expected}",
            ),
        )
