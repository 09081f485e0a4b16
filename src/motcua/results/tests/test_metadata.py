"""The Art. 19.2 metadata, the Art. 22 code and what the public may see of an ID number."""

from datetime import date

import pytest

from motcua.results.errors import ResultRefused
from motcua.results.metadata import (
    ResultMetadata,
    checked_holder_id_number,
    checked_result_type_code,
    e_result_code,
    masked_id_number,
)


@pytest.mark.parametrize(
    ("value", "accepted"),
    [
        ("056091012345", True),  # a 12-digit personal ID number (CCCD)
        ("4201234567", True),  # an organisation's 10-digit tax code
        ("4201234567-001", True),  # a branch's tax code
        ("05609101234", False),  # 11 digits
        ("05609101234A", False),
        ("", False),
    ],
)
def test_holder_is_a_personal_id_number_or_a_tax_code(value: str, accepted: bool) -> None:
    if accepted:
        assert checked_holder_id_number(value) == value
    else:
        with pytest.raises(ResultRefused):
            checked_holder_id_number(value)


def test_e_result_code_is_id_number_and_result_type_code() -> None:
    # Decree 118/2025 Art. 22
    code = e_result_code(holder_id_number="056091012345", result_type_code="KQ.GPXD")
    assert code == "056091012345.KQ.GPXD"


@pytest.mark.parametrize(
    ("value", "masked"),
    [("056091012345", "*********345"), ("4201234567-001", "***********001"), ("12", "**")],
)
def test_id_number_is_masked_but_for_its_last_three_characters(value: str, masked: str) -> None:
    assert masked_id_number(value) == masked


def test_result_type_code_refuses_spaces_and_symbols() -> None:
    with pytest.raises(ResultRefused) as refused:
        checked_result_type_code("KQ GPXD!")
    assert refused.value.code == "invalid_result_type_code"


def test_metadata_is_stored_in_nfc_with_spaces_collapsed() -> None:
    decomposed = "Gia\u0302\u0301y  phe\u0301p"
    assert ResultMetadata(title=decomposed).cleaned().title == "Giấy phép"


def test_validity_cannot_end_before_it_starts() -> None:
    metadata = ResultMetadata(title="X", valid_from=date(2026, 1, 2), valid_until=date(2026, 1, 1))
    with pytest.raises(ResultRefused) as refused:
        metadata.cleaned()
    assert refused.value.code == "invalid_validity_period"
