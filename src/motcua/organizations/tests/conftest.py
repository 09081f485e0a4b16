import pytest

from motcua.organizations import khanh_hoa
from motcua.organizations.services import load_administrative_units, load_org_chart


@pytest.fixture
def khanh_hoa_units(db: None) -> None:
    """The units of Khánh Hòa, current and former, with predecessor links."""
    load_administrative_units(province_code=khanh_hoa.PROVINCE_CODE)


@pytest.fixture
def khanh_hoa_chart(khanh_hoa_units: None) -> None:
    """Khánh Hòa's units plus its agencies, service centres, departments and positions."""
    load_org_chart(chart=khanh_hoa.org_chart())
