"""Demo signing keys (see motcua.demo.steps): a clearly marked TEST CA, trusted, that certifies
the demo leaders, intake officers, the seals of their agencies and a local time-stamping key.

Every demo key opens with the demo password: public on purpose, like the demo accounts.
The CA's own key is kept (encrypted) so that later demo loads can issue keys to new staff.
"""

from collections.abc import Callable
from datetime import date

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.db import transaction

from motcua.organizations.demo import DEMO_PASSWORD, DEMO_STAFF
from motcua.organizations.models import Agency, RoleAssignment
from motcua.results import keystore, services
from motcua.results.certificates import load_pem_certificates, to_pem
from motcua.results.choices import CredentialPurpose, KeyFormat
from motcua.results.models import ResultTemplate, SigningCredential
from motcua.results.permissions import SCAN_SIGNING_ROLES, SIGNING_ROLES
from motcua.results.queries import GENERAL_TEMPLATE_CODE
from motcua.results.test_authority import IssuedKey, TestAuthority

DEMO_KEY_PASSPHRASE = DEMO_PASSWORD
DEMO_CA_NAME = "motcua DEMO TEST CA - KHÔNG DÙNG THẬT"
DEMO_TSA_LABEL = "Máy chủ cấp dấu thời gian nội bộ (TEST)"
DEMO_TEMPLATE_CODE = "giay-phep-xay-dung"
# The result type code of the demo catalog's building permit (1.009974).
BUILDING_PERMIT_RESULT = "KQ.XD.GPXDTINH"
# Intake officers sign their scans; leaders sign results. Handlers sign nothing.
_SIGNING_STAFF_ROLES = SIGNING_ROLES | (SCAN_SIGNING_ROLES - {"handler"})


def load(*, out: Callable[[str], None]) -> None:
    """Create the test CA and the demo staff's keys, seals and time-stamping key; idempotent."""
    with transaction.atomic():
        created = _load_keys()
        out(f"demo signing keys (test CA): {created} created")
        if not ResultTemplate.objects.filter(code=DEMO_TEMPLATE_CODE).exists():
            _publish_demo_templates()
            out("demo result templates: 2 published")


def _authority() -> tuple[TestAuthority, bool]:
    stored = SigningCredential.objects.filter(
        purpose=CredentialPurpose.TEST_AUTHORITY, label=DEMO_CA_NAME
    ).first()
    if stored is not None:
        key_file = keystore.open_key_file(stored.encrypted_key)
        key = serialization.load_pem_private_key(key_file, password=None)
        assert isinstance(key, rsa.RSAPrivateKey)
        certificate = load_pem_certificates(stored.certificate_pem)[0]
        issued = IssuedKey(key=key, certificate=certificate, chain=())
        return TestAuthority.from_issued(issued), False
    authority = TestAuthority(name=DEMO_CA_NAME)
    services.add_trust_anchor(
        administrator=None,
        certificate_pem=to_pem([authority.certificate]),
        name=DEMO_CA_NAME,
        is_test=True,
    )
    services.register_credential(
        administrator=None,
        purpose=CredentialPurpose.TEST_AUTHORITY,
        key_format=KeyFormat.PEM,
        key_file=authority.as_issued().pem(),
        certificate=authority.certificate,
        label=DEMO_CA_NAME,
        is_test=True,
    )
    return authority, True


def _load_keys() -> int:
    assignments = list(
        RoleAssignment.objects.filter(
            user__username__in=[staff.username for staff in DEMO_STAFF],
            role__in=list(_SIGNING_STAFF_ROLES),
        ).select_related("user", "agency", "position", "service_centre__agency")
    )
    held = set(
        SigningCredential.objects.filter(
            purpose=CredentialPurpose.PERSONAL, owner__in=[a.user for a in assignments]
        ).values_list("owner_id", flat=True)
    )
    sealed = set(
        SigningCredential.objects.filter(purpose=CredentialPurpose.SEAL).values_list(
            "agency_id", flat=True
        )
    )
    has_tsa = SigningCredential.objects.filter(purpose=CredentialPurpose.TIMESTAMPING).exists()
    people = {a.user_id: a for a in assignments if a.user_id not in held}
    seals: dict[int, Agency] = {}
    for assignment in assignments:
        agency = assignment.agency or (
            assignment.service_centre.agency if assignment.service_centre else None
        )
        if assignment.role in SIGNING_ROLES and agency and agency.pk not in sealed:
            seals[agency.pk] = agency
    if not people and not seals and has_tsa:
        return 0
    authority, new_authority = _authority()
    created = 0
    for assignment in people.values():
        _register_person(authority, assignment)
        created += 1
    for agency in seals.values():
        issued = authority.issue(common_name=f"{agency.name} (TEST)", organisation=agency.name)
        services.register_credential(
            administrator=None,
            purpose=CredentialPurpose.SEAL,
            key_format=KeyFormat.PKCS12,
            key_file=issued.pkcs12(passphrase=DEMO_KEY_PASSPHRASE),
            certificate=issued.certificate,
            chain=issued.chain,
            label=f"Con dấu {agency.name} (TEST)",
            agency=agency,
            is_test=True,
        )
        created += 1
    if not has_tsa:
        issued = authority.issue(common_name=DEMO_TSA_LABEL, timestamping=True)
        services.register_credential(
            administrator=None,
            purpose=CredentialPurpose.TIMESTAMPING,
            key_format=KeyFormat.PEM,
            key_file=issued.pem(),
            certificate=issued.certificate,
            chain=issued.chain,
            label=DEMO_TSA_LABEL,
            is_test=True,
        )
        created += 1
    if new_authority:
        # An empty revocation list: the verification pages can say "not revoked".
        services.add_revocation_list(
            administrator=None, crl=authority.revocation_list(next_update_days=365)
        )
    return created


def _register_person(authority: TestAuthority, assignment: RoleAssignment) -> None:
    user = assignment.user
    name = getattr(user, "full_name", "") or user.get_username()
    unit = assignment.agency or (assignment.service_centre if assignment.service_centre else None)
    position = assignment.position.name if assignment.position else ""
    issued = authority.issue(
        common_name=name, organisation=unit.name if unit else authority.organisation
    )
    services.register_credential(
        administrator=None,
        purpose=CredentialPurpose.PERSONAL,
        key_format=KeyFormat.PKCS12,
        key_file=issued.pkcs12(passphrase=DEMO_KEY_PASSPHRASE),
        certificate=issued.certificate,
        chain=issued.chain,
        label=f"{name} (TEST)",
        owner=user,
        position_title=" ".join(part for part in (position, unit.name if unit else "") if part),
        is_test=True,
    )


_MASTHEAD = """<table class="masthead"><tr>
<td class="issuer"><div class="issuer-name">{{ issuer|upper }}</div><hr class="issuer-rule"></td>
<td class="nation"><div class="nation-name">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>
<div class="motto"><span>Độc lập - Tự do - Hạnh phúc</span></div></td></tr>
<tr><td class="reference">Số: {{ number }}</td><td class="place-date">{{ place_date }}</td></tr>
</table>
"""

_BUILDING_PERMIT_BODY = (
    _MASTHEAD
    + """<h1>GIẤY PHÉP XÂY DỰNG</h1>
<p class="indent">Cấp cho: <strong>{{ holder_name }}</strong>.</p>
<p class="indent">Địa chỉ: {{ holder_address }}.</p>
<p class="indent">Nội dung cấp phép: {{ result_name }}.</p>
<p class="indent">Theo hồ sơ số {{ dossier_code }} tiếp nhận ngày {{ received_on }}.</p>
"""
)

_GENERAL_BODY = (
    _MASTHEAD
    + """<h1>{{ result_name|upper }}</h1>
<p class="indent">Cấp cho: <strong>{{ holder_name }}</strong>,
số định danh {{ holder_id_number }}.</p>
<p class="indent">Địa chỉ: {{ holder_address }}.</p>
<p class="indent">Thủ tục: {{ procedure }}.</p>
<p class="indent">Theo hồ sơ số {{ dossier_code }} tiếp nhận ngày {{ received_on }}.</p>
"""
)


def _publish_demo_templates() -> None:
    services.publish_result_template(
        administrator=None,
        code=DEMO_TEMPLATE_CODE,
        title="Giấy phép xây dựng",
        result_type_code=BUILDING_PERMIT_RESULT,
        body=_BUILDING_PERMIT_BODY,
        effective_from=date(2025, 7, 1),
        legal_basis="Luật Xây dựng 2014, sửa đổi 2020 (demo)",
    )
    services.publish_result_template(
        administrator=None,
        code=GENERAL_TEMPLATE_CODE,
        title="Kết quả giải quyết thủ tục hành chính",
        result_type_code="KQ",
        body=_GENERAL_BODY,
        effective_from=date(2025, 7, 1),
        legal_basis="Nghị định 118/2025/NĐ-CP (demo)",
    )
