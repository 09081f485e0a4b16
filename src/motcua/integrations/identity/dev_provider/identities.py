"""The test identities the local provider offers: invented people with valid-looking ID numbers.

The ID numbers follow the CCCD layout (province of birth 079 or 056, century and sex digit,
year of birth, six digits) but belong to nobody.
"""

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class TestIdentity:
    __test__ = False  # not a pytest test class

    subject: str
    name: str
    national_id: str
    birthdate: str
    description: str


TEST_IDENTITIES = (
    TestIdentity(
        subject="test-citizen-1",
        name="Nguyễn Thị Hoa",
        national_id="056190000101",
        birthdate="1990-03-15",
        description="A farmer from Cam Lâm",
    ),
    TestIdentity(
        subject="test-citizen-2",
        name="Trần Văn Đức",
        national_id="056052000202",
        birthdate="1952-11-02",
        description="A retired teacher, at the kiosk",
    ),
    TestIdentity(
        subject="test-citizen-3",
        name="Lê Minh Khôi",
        national_id="079098000303",
        birthdate="1998-07-21",
        description="A company clerk who files for the business",
    ),
)


def find_identity(subject: str) -> TestIdentity | None:
    return next((identity for identity in TEST_IDENTITIES if identity.subject == subject), None)
