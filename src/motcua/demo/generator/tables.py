"""Turn a drawn month into the rows of every table a real month of work would have filled.

Dossiers with their codes (Art. 28, consistent with the code counters), steps copied from the
variant's process with their due moments from the deadline engine, the timeline of acts,
payments, flags of late intakes and late supplement requests, documents digitised or reused at
intake, and e-results in the results app's store.
"""

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import numpy.typing as npt
from django.db import connection

from motcua.deadlines import engine
from motcua.deadlines.engine.timebase import VIETNAM_OFFSET_SECONDS
from motcua.demo.generator import plan
from motcua.demo.generator.loading import Moments, Nullable, Rows
from motcua.demo.generator.plan import HOUR, NONE, Month
from motcua.demo.generator.reference import Reference
from motcua.dossiers.lookup_secrets import ALPHABET, LENGTH
from motcua.dossiers.models import (
    Dossier,
    DossierCodeCounter,
    DossierDocument,
    DossierFlag,
    DossierStep,
    Payment,
    TimelineEntry,
)
from motcua.results.models import EResult

Ints = npt.NDArray[np.int64]

ACTOR_LABEL = "Dữ liệu mô phỏng"
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi")
MIDDLE = ("Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Quang", "Thu", "Đức", "Kim")
GIVEN: tuple[str, ...] = ("An", "Bình", "Cúc", "Dũng", "Giang", "Hà", "Hải", "Khánh", "Lan")
GIVEN += ("Mai", "Nam", "Oanh", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trung", "Uyên", "Việt")
EXTENSION_REASON = "Cần thêm thời gian xác minh, lấy ý kiến cơ quan liên quan."


@dataclass
class MonthRows:
    """Everything one month writes, and the code counters it moved."""

    tables: list[Rows]
    counters: dict[tuple[str, date], int]
    codes: list[str]


def local_days(moments: Ints) -> Ints:
    return (moments + VIETNAM_OFFSET_SECONDS) // plan.DAY


def number_codes(
    month: Month, *, existing: dict[tuple[str, date], int]
) -> tuple[list[str], dict[tuple[str, date], int]]:
    """Art. 28 codes: the receiving centre's agency, the arrival's day, the day's sequence.

    Numbers continue each (agency, day) counter found in `existing`; returns the codes and the
    counters' new last numbers.
    """
    agency_codes = [centre.agency_code for centre in month.centres]
    arrival = month.arrival
    days = local_days(arrival)
    agency_index = np.array([centre.agency_pk for centre in month.centres])[month.centre]
    order = np.lexsort((np.arange(month.size), arrival, days, agency_index))
    group_key = agency_index[order] * 1_000_000 + days[order]
    starts = np.r_[True, group_key[1:] != group_key[:-1]]
    group_start = np.maximum.accumulate(np.where(starts, np.arange(month.size), 0))
    rank = np.arange(month.size) - group_start
    numbers = np.empty(month.size, dtype=np.int64)
    numbers[order] = rank + 1
    epoch_day = date(1970, 1, 1)
    day_of = {int(day): epoch_day + timedelta(days=int(day)) for day in np.unique(days)}
    codes: list[str] = []
    counters: dict[tuple[str, date], int] = {}
    for centre, day, number in zip(
        month.centre.tolist(), days.tolist(), numbers.tolist(), strict=True
    ):
        key = (agency_codes[centre], day_of[day])
        final = existing.get(key, 0) + number
        codes.append(f"{key[0]}-{key[1]:%y%m%d}-{final:04d}")
        if final > counters.get(key, 0):
            counters[key] = final
    return codes, counters


def read_counters(*, first: date, last: date) -> dict[tuple[str, date], int]:
    """The code counters of the days `first`..`last` (every agency)."""
    return {
        (row.agency_code, row.day): row.last_number
        for row in DossierCodeCounter.objects.filter(day__range=(first, last)).only(
            "agency_code", "day", "last_number"
        )
    }


def save_counters(counters: dict[tuple[str, date], int]) -> None:
    """Move each (agency, day) counter up to the last number given (never down)."""
    table = connection.ops.quote_name(DossierCodeCounter._meta.db_table)
    highest = "GREATEST" if connection.vendor == "postgresql" else "MAX"
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (agency_code, day, last_number) VALUES (%s, %s, %s) "  # noqa: S608
            f"ON CONFLICT (agency_code, day) DO UPDATE SET last_number = "
            f"{highest}({table}.last_number, excluded.last_number)",
            [(agency, day, number) for (agency, day), number in counters.items()],
        )


class MonthTables:
    """Builds the rows of one month; dossier ids start at `first_id`."""

    def __init__(
        self,
        *,
        month: Month,
        reference: Reference,
        calendar: engine.WorkCalendar,
        first_id: int,
        as_of: int,
        rng: np.random.Generator,
    ) -> None:
        self.month = month
        self.reference = reference
        self.calendar = calendar
        self.ids = np.arange(first_id, first_id + month.size, dtype=np.int64)
        self.as_of = as_of
        self.rng = rng
        self.status = month.status.copy()

    def build(self, codes: list[str]) -> list[Rows]:
        steps = self.steps()  # may move dossiers whose intake step is not done to `received`
        return [
            self.dossiers(codes),
            steps,
            self.timeline(),
            self.payments(),
            self.flags(),
            self.documents(codes),
            self.e_results(codes),
        ]

    # -- dossiers -----------------------------------------------------------------------------

    def dossiers(self, codes: list[str]) -> Rows:
        month, variants, rng = self.month, self.reference.variants, self.rng
        size = month.size
        names = [
            f"{FAMILY[a]} {MIDDLE[b]} {GIVEN[c]}"
            for a, b, c in zip(
                rng.integers(len(FAMILY), size=size).tolist(),
                rng.integers(len(MIDDLE), size=size).tolist(),
                rng.integers(len(GIVEN), size=size).tolist(),
                strict=True,
            )
        ]
        from motcua.core.text import fold

        folded_cache: dict[str, str] = {}
        folded = [folded_cache.setdefault(name, fold(name)) for name in names]
        status = self.status
        centre_agency = np.array([c.agency_pk for c in month.centres], dtype=np.int64)[month.centre]
        with_competent = np.isin(
            status, [plan.PROCESSING, plan.AWAITING_SUPPLEMENT, plan.AWAITING_PAYMENT]
        )
        current_agency = np.where(with_competent, month.agency_pk, centre_agency)
        stage = np.where(
            np.isin(status, [plan.RECEIVED, plan.PROCESSING]),
            "in_step",
            np.where(status == plan.RESULT_READY, "awaiting_return", ""),
        )
        return_method = np.where(
            month.channel == 3, "postal", np.where(month.channel == 2, "online", "counter")
        )
        variant = month.variant
        time_value = np.array([v.time_value for v in variants])[variant]
        time_unit = np.array([v.time_unit for v in variants])[variant]
        online_value = np.array([v.online_time_value for v in variants])[variant]
        online_unit = np.array([v.online_time_unit for v in variants])[variant]
        online = month.channel == 2
        fee = np.array([v.fee_vnd for v in variants], dtype=np.int64)[variant]
        return Rows(
            Dossier,
            size,
            {
                "id": self.ids,
                "code": codes,
                "lookup_secret": _lookup_secrets(rng, size),
                "status": np.array(plan.STATUSES)[status].tolist(),
                "revision": np.full(size, 1, dtype=np.int64),
                "stage": stage.tolist(),
                "channel": month.channel,
                "procedure_version_id": np.array([v.version_pk for v in variants])[variant],
                "variant_id": np.array([v.pk for v in variants])[variant],
                "service_centre_id": np.array([c.pk for c in month.centres])[month.centre],
                "agency_id": month.agency_pk,
                "current_agency_id": current_agency,
                "receiving_officer_id": None,
                "current_handler_id": None,
                "applicant_kind": "citizen",
                "applicant_name": names,
                "applicant_name_folded": folded,
                "applicant_id_number": "",
                "applicant_address": "",
                "applicant_phone": "",
                "applicant_email": "",
                "applicant_user_id": None,
                "sets": 1,
                "return_method": return_method.tolist(),
                "delivery_address": "",
                "postal_tracking_code": "",
                "processing_time_value": np.where(online, online_value, time_value),
                "processing_time_unit": np.where(online, online_unit, time_unit).tolist(),
                "supplement_policy": np.array([v.supplement_policy for v in variants])[
                    variant
                ].tolist(),
                "submitted_at": Moments(month.submitted),
                "intake_due_at": Moments(month.intake_due),
                "received_at": Moments(month.received),
                "due_at": Moments(month.due),
                "first_due_at": Moments(month.first_due),
                "supplement_requested_at": Moments(month.supplement_requested),
                "supplement_received_at": Moments(month.supplement_received),
                "supplement_wait_until": Moments(month.supplement_wait_until),
                "supplement_requests": month.supplement_requests,
                "supplement_items": (),
                "extensions": (month.extended_at != NONE).astype(np.int64),
                "extension_reason": np.where(
                    month.extended_at != NONE, EXTENSION_REASON, ""
                ).tolist(),
                "fee_amount_vnd": fee,
                "decided_at": Moments(month.decided),
                "returned_at": Moments(month.returned),
                "closed_at": Moments(month.closed),
                "closing_reason": "",
                "result_summary": "",
                "result_receiver_name": "",
                "result_receiver_id_number": "",
                "created_at": Moments(month.arrival),
            },
        )

    # -- steps ---------------------------------------------------------------------------------

    def steps(self) -> Rows:
        """The variant's process for every received dossier, each step's due moment from the
        deadline engine (working hours from receipt), done, active or pending as of `as_of`."""
        month, calendar, as_of = self.month, self.calendar, self.as_of
        received = month.received
        got = received != NONE
        # The span the steps before the return are spread over: up to the decision as drawn
        # (even when it comes after `as_of`), or the due moment for dossiers that stopped or
        # were withdrawn. The return step runs from the decision to the return.
        end = np.where(month.planned_decided != NONE, month.planned_decided, month.due)
        end = np.where(end != NONE, end, month.first_due)
        span = np.zeros(month.size, dtype=np.int64)
        span[got] = calendar.working_seconds_between_batch(received[got], end[got])
        span = np.maximum(span, HOUR)
        open_ = np.isin(
            self.status,
            [plan.PROCESSING, plan.AWAITING_SUPPLEMENT, plan.AWAITING_PAYMENT, plan.RESULT_READY],
        )
        stopped_at = np.where(
            np.isin(self.status, [plan.WITHDRAWN, plan.STOPPED]), month.closed, NONE
        )
        centre_agency = np.array([c.agency_pk for c in month.centres], dtype=np.int64)[month.centre]
        parts: dict[str, list] = {key: [] for key in _STEP_COLUMNS}
        intake_done = np.zeros(month.size, dtype=bool)
        for index, variant in enumerate(self.reference.variants):
            chosen = np.flatnonzero(got & (month.variant == index))
            if chosen.size == 0:
                continue
            last_order = max(s.order for s in variant.steps)
            before_return = [s for s in variant.steps if s.order != last_order] or variant.steps
            total = max(s.end_hours for s in before_return)
            starts_at = received[chosen]
            for step in variant.steps:
                count = chosen.size
                # Steps run in order from receipt (`engine.step_due_moments`): a step is due
                # when the working hours of the steps up to it have passed.
                due = calendar.add_working_seconds_batch(
                    starts_at, np.full(count, step.end_hours * HOUR)
                )
                if step.order == last_order and len(variant.steps) > 1:
                    begin = month.decided[chosen]
                    finish = month.returned[chosen]
                else:
                    begin = calendar.add_working_seconds_batch(
                        starts_at, span[chosen] * step.start_hours // total
                    )
                    finish = calendar.add_working_seconds_batch(
                        starts_at, np.maximum(span[chosen] * step.end_hours // total, 60)
                    )
                stop = stopped_at[chosen]
                done = (finish != NONE) & (finish <= as_of) & ((stop == NONE) | (finish <= stop))
                active = (
                    ~done
                    & open_[chosen]
                    & (begin != NONE)
                    & (begin <= as_of)
                    & ((finish == NONE) | (finish > as_of))
                )
                started = done | active
                if step.order == variant.steps[0].order:
                    intake_done[chosen] = done
                intake = step.role == "intake_officer"
                parts["dossier_id"].append(self.ids[chosen])
                parts["order"].append(np.full(count, step.order, dtype=np.int64))
                parts["name"].extend([step.name] * count)
                parts["org_unit"].extend([step.org_unit] * count)
                parts["role"].extend([step.role] * count)
                parts["hours"].append(np.full(count, step.hours, dtype=np.int64))
                parts["parallel_group"].extend([step.parallel_group] * count)
                parts["status"].extend(
                    np.where(done, "done", np.where(active, "active", "pending")).tolist()
                )
                parts["agency_id"].append(
                    centre_agency[chosen] if intake else month.agency_pk[chosen]
                )
                parts["due_at"].append(due)
                parts["started_at"].append(np.where(started, begin, NONE))
                parts["finished_at"].append(np.where(done, finish, NONE))
        # A dossier whose intake step is not done yet is still `received` (status 2).
        self.status[(self.status == plan.PROCESSING) & ~intake_done & got] = plan.RECEIVED
        size = sum(len(chunk) for chunk in parts["dossier_id"])
        if size == 0:
            return Rows(DossierStep, 0, {})

        def joined(key: str) -> npt.NDArray[np.int64]:
            return np.concatenate(parts[key]).astype(np.int64)

        return Rows(
            DossierStep,
            size,
            {
                "dossier_id": joined("dossier_id"),
                "order": joined("order"),
                "name": parts["name"],
                "org_unit": parts["org_unit"],
                "role": parts["role"],
                "hours": joined("hours"),
                "parallel_group": parts["parallel_group"],
                "status": parts["status"],
                "agency_id": Nullable(joined("agency_id")),
                "handler_id": None,
                "due_at": Moments(joined("due_at")),
                "started_at": Moments(joined("started_at")),
                "finished_at": Moments(joined("finished_at")),
                "note": "",
            },
        )

    # -- timeline ------------------------------------------------------------------------------

    def timeline(self) -> Rows:
        """The dossier's acts as its timeline shows them (steps are on the steps' rows)."""
        month, status = self.month, self.status
        online = month.channel == 2
        refused_at_intake = status == plan.REFUSED_AT_INTAKE
        stopped_unsupplied = (status == plan.STOPPED) & (month.supplement_requested != NONE)
        acts = [
            ("submit", online, month.submitted, "", "submitted"),
            ("receive", online & (month.received != NONE), month.received, "submitted", "received"),
            ("receive", ~online & (month.received != NONE), month.received, "", "received"),
            ("refuse-at-intake", refused_at_intake, month.closed, "submitted", "refused_at_intake"),
            (
                "request-supplement",
                month.supplement_requested != NONE,
                month.supplement_requested,
                "processing",
                "awaiting_supplement",
            ),
            (
                "receive-supplement",
                month.supplement_received != NONE,
                month.supplement_received,
                "awaiting_supplement",
                "processing",
            ),
            ("stop", stopped_unsupplied, month.closed, "awaiting_supplement", "stopped"),
            ("extend", month.extended_at != NONE, month.extended_at, "processing", "processing"),
            (
                "request-payment",
                month.payment_requested != NONE,
                month.payment_requested,
                "processing",
                "awaiting_payment",
            ),
            ("record-payment", month.paid != NONE, month.paid, "awaiting_payment", "processing"),
            ("withdraw", status == plan.WITHDRAWN, month.closed, "processing", "withdrawn"),
            (
                "refuse",
                (status == plan.STOPPED) & ~stopped_unsupplied,
                month.closed,
                "processing",
                "stopped",
            ),
            ("approve-result", month.decided != NONE, month.decided, "processing", "result_ready"),
            ("return-result", month.returned != NONE, month.returned, "result_ready", "returned"),
        ]
        ids, moments, names, before, after = [], [], [], [], []
        for act, mask, at, status_before, status_after in acts:
            chosen = np.flatnonzero(mask & (at != NONE))
            ids.append(self.ids[chosen])
            moments.append(at[chosen])
            names.extend([act] * chosen.size)
            before.extend([status_before] * chosen.size)
            after.extend([status_after] * chosen.size)
        return Rows(
            TimelineEntry,
            len(names),
            {
                "dossier_id": np.concatenate(ids),
                "at": Moments(np.concatenate(moments)),
                "act": names,
                "actor_id": None,
                "actor_label": ACTOR_LABEL,
                "status_before": before,
                "status_after": after,
                "note": "",
                "details": {},
            },
        )

    # -- payments, flags, documents, e-results ----------------------------------------------------

    def payments(self) -> Rows:
        month = self.month
        paid = np.flatnonzero(month.paid != NONE)
        fee = np.array([v.fee_vnd for v in self.reference.variants], dtype=np.int64)
        cash = self.rng.random(paid.size) < 0.7
        method = np.where(month.paid_online[paid], "online", np.where(cash, "cash", "transfer"))
        return Rows(
            Payment,
            paid.size,
            {
                "dossier_id": self.ids[paid],
                "amount_vnd": fee[month.variant[paid]],
                "method": method.tolist(),
                "reference": "",
                "paid_at": Moments(month.paid[paid]),
                "recorded_by_id": None,
            },
        )

    def flags(self) -> Rows:
        month = self.month
        rows = [
            ("intake_late", month.intake_late, month.intake_due),
            ("supplement_late", month.supplement_late, month.supplement_requested),
        ]
        ids, moments, codes = [], [], []
        for code, mask, at in rows:
            chosen = np.flatnonzero(mask & (at != NONE))
            ids.append(self.ids[chosen])
            moments.append(at[chosen])
            codes.extend([code] * chosen.size)
        return Rows(
            DossierFlag,
            len(codes),
            {
                "dossier_id": np.concatenate(ids),
                "code": codes,
                "raised_at": Moments(np.concatenate(moments)),
                "details": {},
            },
        )

    def documents(self, codes: list[str]) -> Rows:
        """One document per dossier digitised at intake or reused from digitised data."""
        month, variants = self.month, self.reference.variants
        chosen = np.flatnonzero(month.digitised | month.reused)
        picked = [codes[index] for index in chosen.tolist()]
        titles = [variants[index].document_name for index in month.variant[chosen].tolist()]
        documents = np.array(
            [variants[index].document_pk or NONE for index in month.variant[chosen].tolist()],
            dtype=np.int64,
        )
        return Rows(
            DossierDocument,
            chosen.size,
            {
                "file": [f"generated/{code}.pdf" for code in picked],
                "original_name": "ho-so.pdf",
                "kind": "pdf",
                "mime_type": "application/pdf",
                "size_bytes": 0,
                "sha256": [hashlib.sha256(code.encode()).hexdigest() for code in picked],
                "type_code": "",
                "holder_id_number": "",
                "title": titles,
                "summary": "",
                "valid_from": None,
                "valid_until": None,
                "validity_scope": "",
                "digitised_at_intake": month.digitised[chosen],
                "reused": month.reused[chosen],
                "dossier_id": self.ids[chosen],
                "required_document_id": Nullable(documents),
                "originals": 1,
                "copies": 0,
                "uploaded_by_id": None,
                "uploaded_at": Moments(month.received[chosen]),
            },
        )

    def e_results(self, codes: list[str]) -> Rows:
        """E-results of decided dossiers in the results app's store (codes name their files)."""
        month, variants, reference = self.month, self.reference.variants, self.reference
        chosen = np.flatnonzero(month.e_result)
        picked = [codes[index] for index in chosen.tolist()]
        result_codes = [variants[index].result_code for index in month.variant[chosen].tolist()]
        digests = [hashlib.sha256(f"e-result {code}".encode()).hexdigest() for code in picked]
        return Rows(
            EResult,
            chosen.size,
            {
                "file": [f"generated/e-results/{code}.pdf" for code in picked],
                "original_name": "ket-qua.pdf",
                "kind": "pdf",
                "mime_type": "application/pdf",
                "size_bytes": 0,
                "sha256": digests,
                "type_code": result_codes,
                "holder_id_number": "",
                "title": "Kết quả giải quyết thủ tục hành chính",
                "summary": "",
                "valid_from": None,
                "valid_until": None,
                "validity_scope": "",
                "digitised_at_intake": False,
                "reused": False,
                # Random-looking and unique, like the store's own codes; "G" marks generated.
                "verification_code": ["G" + digest[:15].upper() for digest in digests],
                "e_result_code": [
                    f"{rc or 'KQ'}-{code}" for rc, code in zip(result_codes, picked, strict=True)
                ],
                "dossier_id": self.ids[chosen],
                "version": 1,
                "replaces_id": None,
                "correction_reason": "",
                "draft_id": None,
                "signed_by_id": reference.signer_pk,
                "signer_name": reference.signer_name,
                "signer_position": "",
                "signer_certificate_sha256": "0" * 64,
                "seal_name": "",
                "seal_certificate_sha256": "",
                "signed_at": Moments(month.decided[chosen]),
                "issued_at": Moments(month.decided[chosen]),
            },
        )


_STEP_COLUMNS = (
    "dossier_id",
    "order",
    "name",
    "org_unit",
    "role",
    "hours",
    "parallel_group",
    "status",
    "agency_id",
    "due_at",
    "started_at",
    "finished_at",
)


def _lookup_secrets(rng: np.random.Generator, size: int) -> list[str]:
    """Receipt lookup secrets drawn from the seed's generator (the live ones come from the
    operating system's random source)."""
    letters = np.array(list(ALPHABET))[rng.integers(len(ALPHABET), size=(size, LENGTH))]
    return ["".join(row) for row in letters.tolist()]
