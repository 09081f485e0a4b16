"""Rendering the official forms to PDF from their typed contexts."""

from datetime import date
from typing import Any

from motcua.core.pdf import render_pdf
from motcua.core.qr import qr_png_data_uri
from motcua.documents import registry
from motcua.documents.contexts import (
    ControlSlipContext,
    ExtensionContext,
    FormContext,
    ReceiptContext,
    RefusalContext,
    RegisterContext,
    StopNoticeContext,
    SupplementRequestContext,
)
from motcua.documents.registry import FormTemplate, form_in_force

FORM_OF_CONTEXT: dict[type[FormContext], str] = {
    ReceiptContext: registry.RECEIPT,
    SupplementRequestContext: registry.SUPPLEMENT_REQUEST,
    RefusalContext: registry.REFUSAL,
    ExtensionContext: registry.EXTENSION,
    StopNoticeContext: registry.STOP_NOTICE,
    ControlSlipContext: registry.CONTROL_SLIP,
    RegisterContext: registry.REGISTER,
}


def document_date_line(*, place: str, on: date) -> str:
    """Return the place and date line of an administrative document.

    Decree 30/2020/NĐ-CP Appendix I §II.5: days below 10 and the months January and February
    take a leading zero ("Khánh Hòa, ngày 05 tháng 02 năm 2025", "… ngày 15 tháng 9 năm …").
    """
    month = f"{on.month:02d}" if on.month < 3 else str(on.month)
    return f"{place}, ngày {on.day:02d} tháng {month} năm {on.year}"


def form_for(context: FormContext) -> FormTemplate:
    """Return the edition of the form that `context` fills, in force on its issue day.

    Raises UnknownForm when no edition covers the day, TypeError for an unknown context type.
    """
    key = FORM_OF_CONTEXT.get(type(context))
    if key is None:
        raise TypeError(f"{type(context).__name__} is not the context of an official form")
    return form_in_force(key=key, on=context.issued_on)


def template_context(context: FormContext) -> dict[str, Any]:
    """The values a form template reads: `doc` (the context), `form`, `date_line`, `qr`."""
    values: dict[str, Any] = {
        "doc": context,
        "form": form_for(context),
        "date_line": document_date_line(place=context.issuer.place, on=context.issued_on),
    }
    if isinstance(context, ReceiptContext):
        values["qr"] = qr_png_data_uri(payload=context.lookup_url)
    return values


def render_form_pdf(*, context: FormContext) -> bytes:
    """Render the official form that `context` fills as an A4 PDF (Decree 30/2020 format).

    Raises UnknownForm when no edition of the form is in force on `context.issued_on`.
    """
    values = template_context(context)
    return render_pdf(template=values["form"].template, context=values)
