"""Reading a `motcua.catalog/1` document: every fault is collected with its JSON path.

`read_catalog` never stops at the first problem; it raises `CatalogFormatError` listing all of
them, so a clerk fixes a file in one pass. Reasons are in Vietnamese with English in brackets.
Text comes back in NFC with white space tidied; nothing here touches the database.
"""

import json
import re
import unicodedata
from collections.abc import Callable, Collection, Sequence
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
MAX_SHORT_TEXT = 500
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


def _reason(vietnamese: str, english: str) -> str:
    return f"{vietnamese} ({english})"


def _choices(values: Collection[str]) -> str:
    return ", ".join(sorted(values))


class _Missing:
    """Marks an absent key, which differs from an explicit null."""


MISSING = _Missing()


class _Reader:
    """Reads typed values out of parsed JSON, recording a `FormatProblem` for each bad one."""

    def __init__(self) -> None:
        self.problems: list[FormatProblem] = []
        self.procedure_code = ""

    def fail(self, path: str, reason: str) -> None:
        self.problems.append(
            FormatProblem(path=path, reason=reason, procedure_code=self.procedure_code)
        )

    def mapping(self, value: Any, path: str, kind: str) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.fail(path, _reason("phải là một đối tượng JSON", "must be a JSON object"))
            return None
        for key in value:
            if key not in _ALLOWED_KEYS[kind]:
                self.fail(
                    f"{path}.{key}",
                    _reason(
                        f"trường không có trong định dạng; các trường hợp lệ: "
                        f"{_choices(_ALLOWED_KEYS[kind])}",
                        "unknown field",
                    ),
                )
        return value

    def items(self, data: dict[str, Any], key: str, path: str, *, required: bool) -> list[Any]:
        value = data.get(key, MISSING)
        if isinstance(value, _Missing) or value is None:
            if required:
                self.fail(f"{path}.{key}", _reason("thiếu danh sách bắt buộc", "required list"))
            return []
        if not isinstance(value, list):
            self.fail(f"{path}.{key}", _reason("phải là một danh sách", "must be a list"))
            return []
        return value

    def text(
        self,
        data: dict[str, Any],
        key: str,
        path: str,
        *,
        required: bool,
        max_length: int = MAX_SHORT_TEXT,
        multiline: bool = False,
        pattern: re.Pattern[str] | None = None,
    ) -> str:
        value = data.get(key, MISSING)
        where = f"{path}.{key}"
        if isinstance(value, _Missing) or value is None:
            if required:
                self.fail(where, _reason("thiếu trường bắt buộc", "required field"))
            return ""
        if not isinstance(value, str):
            self.fail(where, _reason("phải là chuỗi ký tự", "must be a string"))
            return ""
        if "\x00" in value:
            self.fail(where, _reason("chứa ký tự NUL", "contains a NUL character"))
            return ""
        text = _tidy_multiline(value) if multiline else normalize(value)
        if required and not text:
            self.fail(where, _reason("không được để trống", "must not be empty"))
        elif len(text) > max_length:
            self.fail(
                where,
                _reason(f"dài quá {max_length} ký tự", f"longer than {max_length} characters"),
            )
        elif text and pattern is not None and not pattern.match(text):
            self.fail(where, _reason(f"không đúng dạng: {text!r}", "malformed value"))
        return text

    def choice(self, data: dict[str, Any], key: str, path: str, *, choices: Collection[str]) -> str:
        value = data.get(key, MISSING)
        where = f"{path}.{key}"
        if isinstance(value, _Missing) or value is None:
            self.fail(
                where,
                _reason(f"thiếu trường bắt buộc; chọn một trong: {_choices(choices)}", "required"),
            )
            return ""
        if not isinstance(value, str) or value not in choices:
            self.fail(
                where,
                _reason(
                    f"giá trị {value!r} không hợp lệ; chọn một trong: {_choices(choices)}",
                    "unknown value",
                ),
            )
            return ""
        return value

    def boolean(
        self, data: dict[str, Any], key: str, path: str, *, default: bool | None = None
    ) -> bool:
        value = data.get(key, MISSING)
        if isinstance(value, _Missing) and default is not None:
            return default
        if not isinstance(value, bool):
            self.fail(f"{path}.{key}", _reason("phải là true hoặc false", "must be a boolean"))
            return False
        return value

    def integer(
        self,
        data: dict[str, Any],
        key: str,
        path: str,
        *,
        minimum: int,
        maximum: int,
        default: int | None = None,
    ) -> int:
        value = data.get(key, MISSING)
        where = f"{path}.{key}"
        if isinstance(value, _Missing) and default is not None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(where, _reason("phải là số nguyên", "must be a whole number"))
            return minimum
        if not minimum <= value <= maximum:
            self.fail(
                where,
                _reason(
                    f"phải từ {minimum} đến {maximum}, nhận được {value}",
                    f"must be between {minimum} and {maximum}",
                ),
            )
            return minimum
        return value

    def iso_date(self, data: dict[str, Any], key: str, path: str, *, required: bool) -> date | None:
        value = data.get(key, MISSING)
        where = f"{path}.{key}"
        if isinstance(value, _Missing) or value is None:
            if required:
                self.fail(where, _reason("thiếu ngày bắt buộc (YYYY-MM-DD)", "required date"))
            return None
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(
            where, _reason(f"ngày không hợp lệ {value!r}, dùng YYYY-MM-DD", "not an ISO 8601 date")
        )
        return None

    def text_list(
        self,
        data: dict[str, Any],
        key: str,
        path: str,
        *,
        choices: Collection[str] | None = None,
        unknown_reason: Callable[[str], str] | None = None,
    ) -> list[str]:
        values: list[str] = []
        for index, item in enumerate(self.items(data, key, path, required=False)):
            where = f"{path}.{key}[{index}]"
            if not isinstance(item, str) or not normalize(item) or "\x00" in item:
                self.fail(
                    where, _reason("phải là chuỗi ký tự khác rỗng", "must be a non-empty string")
                )
                continue
            text = normalize(item)
            if len(text) > MAX_SHORT_TEXT:
                self.fail(where, _reason(f"dài quá {MAX_SHORT_TEXT} ký tự", "too long"))
            elif choices is not None and text not in choices:
                reason = (
                    unknown_reason(text)
                    if unknown_reason
                    else _reason(
                        f"giá trị {text!r} không hợp lệ; chọn một trong: {_choices(choices)}",
                        "unknown value",
                    )
                )
                self.fail(where, reason)
            elif text in values:
                self.fail(where, _reason(f"{text!r} bị lặp lại", "duplicate value"))
            else:
                values.append(text)
        return values

    def processing_time(self, value: Any, path: str) -> ProcessingTime | None:
        """Return the time, or None (with the problem recorded) when it is bad."""
        if isinstance(value, _Missing) or value is None:
            self.fail(path, _reason("thiếu thời hạn giải quyết", "required processing time"))
            return None
        data = self.mapping(value, path, "processing_time")
        if data is None:
            return None
        problems_before = len(self.problems)
        time = ProcessingTime(
            value=self.integer(data, "value", path, minimum=1, maximum=MAX_PROCESSING_TIME),
            unit=self.choice(data, "unit", path, choices=TimeUnit.values),
        )
        return time if len(self.problems) == problems_before else None


def _tidy_multiline(value: str) -> str:
    lines = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in lines.split("\n")).strip()


def parse_json(raw: bytes) -> Any:
    """Decode UTF-8 JSON; raises `CatalogFormatError` naming the line and column of a fault."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CatalogFormatError(
            [
                FormatProblem(
                    path="$",
                    reason=_reason(
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
                    reason=_reason(
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
    reader = _Reader()
    document = reader.mapping(data, "$", "document")
    if document is None:
        raise CatalogFormatError(reader.problems)
    if document.get("format") != FORMAT_NAME:
        reader.fail(
            "format",
            _reason(
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
                _reason(
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


def _read_sectors(reader: _Reader, document: dict[str, Any]) -> list[SectorEntry]:
    sectors: list[SectorEntry] = []
    seen: set[str] = set()
    for index, item in enumerate(reader.items(document, "sectors", "$", required=False)):
        path = f"sectors[{index}]"
        data = reader.mapping(item, path, "sector")
        if data is None:
            continue
        code = reader.text(data, "code", path, required=True, max_length=32, pattern=SECTOR_CODE)
        name = reader.text(data, "name", path, required=True, max_length=200)
        managing_body = reader.text(data, "managing_body", path, required=False, max_length=200)
        if code in seen:
            reader.fail(f"{path}.code", _reason(f"mã lĩnh vực {code!r} bị lặp lại", "duplicate"))
        elif code:
            seen.add(code)
            sectors.append(SectorEntry(code=code, name=name, managing_body=managing_body))
    return sectors


def _read_procedure(
    reader: _Reader,
    item: Any,
    path: str,
    *,
    sector_codes: Collection[str],
    known_levels: Sequence[str],
) -> ProcedureEntry | None:
    # Name the procedure in every problem, even those found before its code is read.
    raw_code = item.get("code") if isinstance(item, dict) else None
    reader.procedure_code = normalize(raw_code)[:64] if isinstance(raw_code, str) else ""
    data = reader.mapping(item, path, "procedure")
    if data is None:
        return None
    problems_before = len(reader.problems)
    code = reader.text(data, "code", path, required=True, max_length=64, pattern=PROCEDURE_CODE)
    name = reader.text(data, "name", path, required=True)
    sector = reader.text(data, "sector", path, required=True, max_length=32)
    if sector and sector not in sector_codes:
        reader.fail(
            f"{path}.sector",
            _reason(f"lĩnh vực {sector!r} chưa được khai báo trong sectors", "unknown sector"),
        )
    problems_before_levels = len(reader.problems)
    levels = reader.text_list(
        data,
        "competence_levels",
        path,
        choices=known_levels,
        unknown_reason=lambda level: _reason(
            f"cấp {level!r} không có trong dữ liệu tổ chức; các cấp hiện có: "
            f"{_choices(known_levels) or '(chưa có)'}",
            "unknown administrative level",
        ),
    )
    levels.sort(key=known_levels.index)
    if not levels and len(reader.problems) == problems_before_levels:
        reader.fail(
            f"{path}.competence_levels",
            _reason("cần ít nhất một cấp thẩm quyền", "at least one level is required"),
        )
    result_data = data.get("result", MISSING)
    result = ResultEntry(name="")
    if not isinstance(result_data, _Missing | None):
        result_mapping = reader.mapping(result_data, f"{path}.result", "result")
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
            _reason("ngày hết hiệu lực trước ngày có hiệu lực", "ends before it starts"),
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


def _read_variants(reader: _Reader, data: dict[str, Any], path: str) -> list[VariantEntry]:
    variants: list[VariantEntry] = []
    raw_variants = reader.items(data, "variants", path, required=True)
    if data.get("variants") == []:
        reader.fail(
            f"{path}.variants", _reason("cần ít nhất một trường hợp", "at least one variant")
        )
    seen: set[str] = set()
    for index, item in enumerate(raw_variants):
        where = f"{path}.variants[{index}]"
        variant = reader.mapping(item, where, "variant")
        if variant is None:
            continue
        code = reader.text(variant, "code", where, required=True, max_length=64, pattern=SLUG)
        if code in seen:
            reader.fail(f"{where}.code", _reason(f"mã trường hợp {code!r} bị lặp lại", "duplicate"))
        seen.add(code)
        time = reader.processing_time(
            variant.get("processing_time", MISSING), f"{where}.processing_time"
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
    reader: _Reader, variant: dict[str, Any], path: str
) -> dict[str, ProcessingTime]:
    value = variant.get("processing_time_by_channel", MISSING)
    where = f"{path}.processing_time_by_channel"
    if isinstance(value, _Missing) or value is None:
        return {}
    if not isinstance(value, dict):
        reader.fail(where, _reason("phải là một đối tượng JSON", "must be a JSON object"))
        return {}
    times: dict[str, ProcessingTime] = {}
    for channel, raw_time in value.items():
        if channel not in Channel.values:
            reader.fail(
                f"{where}.{channel}",
                _reason(
                    f"kênh không hợp lệ; chọn một trong: {_choices(Channel.values)}",
                    "unknown channel",
                ),
            )
            continue
        time = reader.processing_time(raw_time, f"{where}.{channel}")
        if time is not None:
            times[channel] = time
    return dict(sorted(times.items()))


def _read_documents(reader: _Reader, variant: dict[str, Any], path: str) -> list[DocumentEntry]:
    documents: list[DocumentEntry] = []
    seen: set[str] = set()
    for index, item in enumerate(reader.items(variant, "required_documents", path, required=False)):
        where = f"{path}.required_documents[{index}]"
        data = reader.mapping(item, where, "document_item")
        if data is None:
            continue
        code = reader.text(data, "code", where, required=True, max_length=32, pattern=DOCUMENT_CODE)
        if code in seen:
            reader.fail(f"{where}.code", _reason(f"mã giấy tờ {code!r} bị lặp lại", "duplicate"))
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


def _read_fees(reader: _Reader, variant: dict[str, Any], path: str) -> list[FeeEntry]:
    fees: list[FeeEntry] = []
    for index, item in enumerate(reader.items(variant, "fees", path, required=False)):
        where = f"{path}.fees[{index}]"
        data = reader.mapping(item, where, "fee")
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
    reader: _Reader, variant: dict[str, Any], path: str, *, time: ProcessingTime | None
) -> list[StepEntry]:
    steps: list[StepEntry] = []
    seen_orders: set[int] = set()
    problems_before = len(reader.problems)
    for index, item in enumerate(reader.items(variant, "process", path, required=False)):
        where = f"{path}.process[{index}]"
        data = reader.mapping(item, where, "step")
        if data is None:
            continue
        order = reader.integer(data, "order", where, minimum=1, maximum=MAX_COUNT)
        if order in seen_orders:
            reader.fail(f"{where}.order", _reason(f"thứ tự {order} bị lặp lại", "duplicate order"))
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
    reader: _Reader, steps: list[StepEntry], path: str, *, time: ProcessingTime
) -> None:
    """The step budgets must add up to the statutory time (docs/catalog-format.md)."""
    total = total_step_hours(
        StepBudget(hours=step.hours, parallel_group=step.parallel_group) for step in steps
    )
    expected = time.budget_hours()
    if total != expected:
        reader.fail(
            path,
            _reason(
                f"tổng giờ các bước là {total} giờ nhưng thời hạn giải quyết "
                f"{time.value} {time.unit} là {expected} giờ (bước song song tính bước dài nhất)",
                f"step budgets add up to {total} hours, the processing time is {expected}",
            ),
        )
