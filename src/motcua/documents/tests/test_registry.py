from datetime import date
from itertools import pairwise

import pytest

from motcua.documents import registry
from motcua.documents.registry import UnknownForm, form_in_force


@pytest.mark.parametrize(
    ("key", "on", "number", "legal_basis"),
    [
        (registry.RECEIPT, date(2024, 5, 2), "01", registry.CIRCULAR_2018),
        (registry.RECEIPT, date(2025, 9, 15), "01", registry.CIRCULAR_2025),
        (registry.CONTROL_SLIP, date(2025, 9, 14), "05", registry.CIRCULAR_2018),
        (registry.CONTROL_SLIP, date(2025, 9, 15), "06", registry.CIRCULAR_2025),
        (registry.REGISTER, date(2020, 1, 1), "06", registry.CIRCULAR_2018),
        (registry.REGISTER, date(2026, 11, 24), "07", registry.CIRCULAR_2025),
        (registry.STOP_NOTICE, date(2025, 10, 1), "05", registry.CIRCULAR_2025),
    ],
)
def test_the_edition_in_force_on_the_issue_day_is_chosen(
    key: str, on: date, number: str, legal_basis: str
) -> None:
    form = form_in_force(key=key, on=on)
    assert (form.number, form.legal_basis) == (number, legal_basis)


def test_extension_letter_is_titled_as_its_edition_says() -> None:
    # Circular 01/2018 spoke of an apology slip; Circular 03/2025 of an extension request
    assert form_in_force(key=registry.EXTENSION, on=date(2024, 1, 2)).title == (
        "Phiếu xin lỗi và hẹn lại ngày trả kết quả"
    )
    assert form_in_force(key=registry.EXTENSION, on=date(2025, 10, 1)).title == (
        "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"
    )


@pytest.mark.parametrize(
    ("key", "on"),
    [
        (registry.STOP_NOTICE, date(2025, 9, 14)),  # no stop notice before Circular 03/2025
        (registry.RECEIPT, date(2018, 12, 31)),  # before any edition
        ("permit", date(2025, 10, 1)),  # not an official form
    ],
)
def test_a_form_without_an_edition_in_force_is_refused(key: str, on: date) -> None:
    with pytest.raises(UnknownForm):
        form_in_force(key=key, on=on)


def test_editions_of_a_form_never_overlap() -> None:
    for key, editions in registry.FORMS.items():
        for earlier, later in pairwise(editions):
            assert earlier.effective_to == later.effective_from, key
