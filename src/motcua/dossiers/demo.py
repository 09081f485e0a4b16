"""Demo dossiers (see motcua.demo.steps): every status, provincial and commune agencies.

Made through the services, backdated with their `at` arguments, so codes, due moments, steps,
hand-overs, audit rows and events are what real work would leave. Idempotent: once the demo
dossiers exist, a second run does nothing. The applicants are invented; none has an e-mail
address, so loading sends no mail.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model

from motcua.catalog.queries import get_current_version
from motcua.core.clock import now
from motcua.dossiers import services
from motcua.dossiers.choices import Channel, PaymentMethod, ReturnMethod
from motcua.dossiers.documents import DocumentInput
from motcua.dossiers.due_moments import add_working_hours, work_calendar
from motcua.dossiers.models import Dossier
from motcua.organizations import khanh_hoa
from motcua.organizations.models import Agency

DEMO_ID_PREFIX = "0561999"  # invented ID numbers: 12 digits starting with this prefix
NHA_TRANG_CENTRE = khanh_hoa.service_centre_code(khanh_hoa.NHA_TRANG_WARD)

BUILDING_PERMIT = "1.009974"  # Sở Xây dựng, counter, 20 working days, restart
TRANSPORT_LICENCE = "1.002286"  # Sở Xây dựng, fully online
LAND_CHANGE = "1.012788"  # land registration office
BIRTH = "1.001193"  # commune People's Committee, 8 working hours
HOUSEHOLD_BUSINESS = "1.001612"  # commune, fee 100 000 VND

APPLICANTS = (
    "Nguyễn Văn Bình",
    "Trần Thị Cúc",
    "Lê Hoàng Dũng",
    "Phạm Thị Én",
    "Võ Minh Phúc",
    "Đặng Thu Giang",
    "Huỳnh Văn Hải",
    "Bùi Thị Hương",
    "Ngô Quang Khải",
    "Đỗ Thị Lan",
    "Trịnh Văn Mạnh",
    "Lý Thị Ngọc",
    "Phan Văn Oanh",
    "Cao Thị Phượng",
    "Mai Văn Quý",
    "Tạ Thị Rạng",
    "Hồ Văn Sang",
    "Dương Thị Tâm",
)


@dataclass
class _Cast:
    """The demo staff, by role."""

    intake: Any
    construction: Any
    construction_leader: Any
    land: Any
    ward_intake: Any
    ward: Any
    ward_leader: Any


def _cast() -> _Cast:
    users = {user.username: user for user in get_user_model().objects.all()}
    return _Cast(
        intake=users["tiepnhan.tinh"],
        construction=users["xuly.xaydung"],
        construction_leader=users["lanhdao.xaydung"],
        land=users["xuly.datdai"],
        ward_intake=users["tiepnhan.nhatrang"],
        ward=users["xuly.nhatrang"],
        ward_leader=users["chutich.nhatrang"],
    )


class _Journey:
    """One dossier's story, told at moments an hour apart starting `days_ago` days back."""

    def __init__(self, days_ago: int) -> None:
        self.moment = now() - timedelta(days=days_ago)

    def next(self, hours: int = 1) -> datetime:
        self.moment += timedelta(hours=hours)
        return self.moment


def _request(
    number: int, *, procedure: str, centre: str, channel: int = Channel.COUNTER, **extra: Any
) -> services.IntakeRequest:
    variant = get_current_version(code=procedure).variants.order_by("position").first()
    assert variant is not None
    codes = [row.code for row in variant.required_documents.all() if row.mandatory]
    return services.IntakeRequest(
        service_centre_code=centre,
        procedure_code=procedure,
        variant_code=variant.code,
        channel=channel,
        applicant=services.ApplicantDetails(
            name=APPLICANTS[number % len(APPLICANTS)],
            id_number=f"{DEMO_ID_PREFIX}{number:05d}",
            address="Phường Nha Trang, tỉnh Khánh Hòa",
        ),
        documents=[DocumentInput(code=code, originals=1) for code in codes],
        **extra,
    )


def _provincial(cast: _Cast, number: int, target: str) -> Dossier:
    # A dossier waiting for its supplement was asked recently: the sweep would stop it after
    # the waiting time.
    journey = _Journey(days_ago=5 if target == "awaiting_supplement" else 20 - number)
    request = _request(number, procedure=BUILDING_PERMIT, centre=khanh_hoa.PROVINCIAL_CENTRE)
    if target == "refused_at_intake":
        return services.refuse_at_intake(
            officer=cast.intake,
            request=request,
            reasons=["Công trình không thuộc thẩm quyền cấp phép của Sở Xây dựng"],
            at=journey.next(),
        )
    dossier = services.receive_dossier(officer=cast.intake, request=request, at=journey.next())
    if target == "received":
        return dossier
    services.complete_step(officer=cast.intake, dossier=dossier, at=journey.next())
    handler, leader = cast.construction, cast.construction_leader
    steps: dict[str, Callable[[], Any]] = {
        "awaiting_supplement": lambda: services.request_supplement(
            officer=handler,
            dossier=dossier,
            items=["Bản vẽ mặt bằng công trình"],
            at=journey.next(),
        ),
        "awaiting_payment": lambda: services.request_payment(
            officer=handler, dossier=dossier, at=journey.next()
        ),
        "withdrawn": lambda: services.withdraw_dossier(
            officer=handler, dossier=dossier, reason="Đơn xin rút hồ sơ", at=journey.next()
        ),
        "stopped": lambda: services.refuse_dossier(
            officer=handler,
            dossier=dossier,
            reasons=["Vị trí xây dựng không phù hợp quy hoạch"],
            at=journey.next(),
        ),
    }
    if target in steps:
        steps[target]()
        return dossier
    if target == "extended":
        assert dossier.due_at is not None
        services.extend_deadline(
            officer=handler,
            dossier=dossier,
            new_due_at=add_working_hours(work_calendar(), dossier.due_at, 24),
            reason="Cần thêm ý kiến của Sở Nông nghiệp và Môi trường",
            at=journey.next(),
        )
        return dossier
    if target == "processing":
        return dossier
    services.complete_step(officer=handler, dossier=dossier, at=journey.next(24))
    services.complete_step(officer=handler, dossier=dossier, step_order=3, at=journey.next())
    services.complete_step(officer=handler, dossier=dossier, step_order=4, at=journey.next())
    services.approve_result(
        officer=leader, dossier=dossier, summary="Giấy phép xây dựng", at=journey.next()
    )
    if target == "returned":
        services.return_result(
            officer=cast.intake,
            dossier=dossier,
            receiver_name=APPLICANTS[number % len(APPLICANTS)],
            receiver_id_number=f"{DEMO_ID_PREFIX}{number:05d}",
            at=journey.next(),
        )
    return dossier


def _online(cast: _Cast, number: int, target: str) -> Dossier:
    journey = _Journey(days_ago=3 if target == "submitted" else 6)
    request = _request(
        number,
        procedure=TRANSPORT_LICENCE,
        centre=khanh_hoa.PROVINCIAL_CENTRE,
        channel=Channel.ONLINE,
        return_method=ReturnMethod.ONLINE,
    )
    dossier = services.submit_application(request=request, at=journey.next())
    if target == "returned_at_intake":
        services.return_application(
            officer=cast.intake,
            dossier=dossier,
            items=["Bản sao giấy đăng ký xe còn hiệu lực"],
            at=journey.next(3),
        )
    elif target == "paid":
        services.accept_application(officer=cast.intake, dossier=dossier, at=journey.next(2))
        services.complete_step(officer=cast.intake, dossier=dossier, at=journey.next())
        services.request_payment(officer=cast.construction, dossier=dossier, at=journey.next())
        services.record_payment(
            officer=cast.construction,
            dossier=dossier,
            method=PaymentMethod.ONLINE,
            amount_vnd=dossier.fee_amount_vnd,
            at=journey.next(),
        )
    return dossier


def _land(cast: _Cast, number: int) -> Dossier:
    journey = _Journey(days_ago=4)
    request = _request(
        number,
        procedure=LAND_CHANGE,
        centre=khanh_hoa.PROVINCIAL_CENTRE,
        agency_code=khanh_hoa.LAND_REGISTRATION_OFFICE,
        channel=Channel.POSTAL,
        return_method=ReturnMethod.POSTAL,
        delivery_address="Phường Phan Rang, tỉnh Khánh Hòa",
    )
    dossier = services.receive_dossier(officer=cast.intake, request=request, at=journey.next())
    services.complete_step(officer=cast.intake, dossier=dossier, at=journey.next())
    services.assign_handler(
        officer=cast.land, dossier=dossier, handler=cast.land, at=journey.next()
    )
    return dossier


def _ward(cast: _Cast, number: int, target: str) -> Dossier:
    journey = _Journey(days_ago=15 if target == "overdue" else 2)
    procedure = HOUSEHOLD_BUSINESS if target == "inter_agency" else BIRTH
    request = _request(number, procedure=procedure, centre=NHA_TRANG_CENTRE)
    dossier = services.receive_dossier(officer=cast.ward_intake, request=request, at=journey.next())
    if target == "received":
        return dossier
    services.complete_step(officer=cast.ward_intake, dossier=dossier, at=journey.next())
    if target == "inter_agency":
        tax = Agency.objects.get(code=khanh_hoa.agency_code(13))
        services.transfer_dossier(
            officer=cast.ward,
            dossier=dossier,
            to_agency=tax,
            hours=8,
            note="Xác định nghĩa vụ thuế",
            at=journey.next(),
        )
        return dossier
    if target in {"processing", "overdue"}:
        return dossier
    services.complete_step(officer=cast.ward, dossier=dossier, at=journey.next())
    services.approve_result(officer=cast.ward_leader, dossier=dossier, at=journey.next())
    if target == "returned":
        services.return_result(
            officer=cast.ward_intake,
            dossier=dossier,
            receiver_name=APPLICANTS[number % len(APPLICANTS)],
            receiver_id_number=f"{DEMO_ID_PREFIX}{number:05d}",
            at=journey.next(),
        )
    return dossier


def load(*, out: Callable[[str], None]) -> None:
    """Create the demo dossiers once; print how many exist."""
    existing = Dossier.objects.filter(applicant_id_number__startswith=DEMO_ID_PREFIX).count()
    if existing:
        out(f"dossiers: {existing} demo dossiers already there")
        return
    cast = _cast()
    provincial = [
        "refused_at_intake",
        "received",
        "processing",
        "extended",
        "awaiting_supplement",
        "awaiting_payment",
        "withdrawn",
        "stopped",
        "result_ready",
        "returned",
    ]
    made = [_provincial(cast, number, target) for number, target in enumerate(provincial)]
    made += [
        _online(cast, 20 + number, target)
        for number, target in enumerate(["submitted", "returned_at_intake", "paid"])
    ]
    made.append(_land(cast, 30))
    made += [
        _ward(cast, 40 + number, target)
        for number, target in enumerate(
            ["received", "processing", "overdue", "inter_agency", "result_ready", "returned"]
        )
    ]
    statuses = sorted({str(dossier.status) for dossier in made})
    out(f"dossiers: {len(made)} demo dossiers in {len(statuses)} statuses ({', '.join(statuses)})")
