"""Every act the dossier page offers: its form, the one dossier service it calls, its words.

An act's view (`dossier_page.act`) binds the form, checks the revision and calls `perform`,
which calls exactly one function of `motcua.dossiers.services`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from motcua.backoffice.forms import acts as act_forms
from motcua.dossiers import services
from motcua.dossiers.documents import DocumentInput
from motcua.dossiers.models import Dossier

Perform = Callable[[Any, Dossier, Any], object]


@dataclass(frozen=True)
class ActSpec:
    """`title` heads the panel, `button` labels its button, `done` is said once it is done.

    `danger` acts end or refuse the dossier; `agencies` forms choose an agency; `per_row` acts
    are offered once per step or consultation rather than once per dossier.
    """

    act: str
    title: str | Promise
    button: str | Promise
    done: str | Promise
    form: type[act_forms.ActForm]
    perform: Perform
    danger: bool = False
    agencies: bool = False
    per_row: bool = False

    @property
    def has_files(self) -> bool:
        return issubclass(self.form, act_forms.DocumentForm)


def _documents(form: Any) -> list[DocumentInput]:
    upload = form.cleaned_data.get("file")
    if not upload:
        return []
    return [DocumentInput(title=form.cleaned_data.get("title", ""), file=upload)]


def _data(form: Any) -> dict[str, Any]:
    return dict(form.cleaned_data)


SPECS = [
    ActSpec(
        "receive",
        _("Accept the online dossier"),
        _("Accept: start the clock"),
        _("The online dossier was received; its clock runs from now."),
        act_forms.ActForm,
        lambda officer, dossier, form: services.accept_application(
            officer=officer, dossier=dossier
        ),
    ),
    ActSpec(
        "return-for-supplement",
        _("Return the online dossier for completion"),
        _("Return for completion"),
        _("The dossier was returned to the applicant to complete."),
        act_forms.ItemsForm,
        lambda officer, dossier, form: services.return_application(
            officer=officer, dossier=dossier, items=_data(form)["items"]
        ),
    ),
    ActSpec(
        "refuse-at-intake",
        _("Refuse the online dossier"),
        _("Refuse at intake"),
        _("The dossier was refused at intake; print the refusal slip (form 03)."),
        act_forms.ReasonsForm,
        lambda officer, dossier, form: services.refuse_application(
            officer=officer, dossier=dossier, reasons=_data(form)["reasons"]
        ),
        danger=True,
    ),
    ActSpec(
        "assign",
        _("Take the current step"),
        _("Take it: I handle this step"),
        _("The step is yours."),
        act_forms.ActForm,
        lambda officer, dossier, form: services.assign_handler(
            officer=officer, dossier=dossier, handler=officer
        ),
    ),
    ActSpec(
        "reassign",
        _("Reassign the current step"),
        _("Reassign"),
        _("The step was given to the chosen officer."),
        act_forms.ReassignForm,
        lambda officer, dossier, form: services.reassign_step(
            officer=officer,
            dossier=dossier,
            handler=_data(form)["handler"],
            note=_data(form)["note"],
        ),
    ),
    ActSpec(
        "complete-step",
        _("Complete the step"),
        _("Complete and pass on"),
        _("The step is complete; the next one has started."),
        act_forms.StepForm,
        lambda officer, dossier, form: services.complete_step(
            officer=officer,
            dossier=dossier,
            step_order=_data(form)["step"],
            note=_data(form)["note"],
        ),
        per_row=True,
    ),
    ActSpec(
        "approve-result",
        _("Approve the result"),
        _("Approve the result"),
        _("The result is approved; the one-stop returns it."),
        act_forms.ApproveForm,
        lambda officer, dossier, form: services.approve_result(
            officer=officer,
            dossier=dossier,
            summary=_data(form)["summary"],
            documents=_documents(form),
        ),
    ),
    ActSpec(
        "return-result",
        _("Return the result"),
        _("Record the return"),
        _("The result was returned; the dossier is closed."),
        act_forms.ReturnResultForm,
        lambda officer, dossier, form: services.return_result(
            officer=officer,
            dossier=dossier,
            method=_data(form)["method"],
            receiver_name=_data(form)["receiver_name"],
            receiver_id_number=_data(form)["receiver_id_number"],
            postal_tracking_code=_data(form)["postal_tracking_code"],
        ),
    ),
    ActSpec(
        "transfer",
        _("Transfer to another agency (inter-agency)"),
        _("Transfer"),
        _("The dossier was handed over to the other agency."),
        act_forms.TransferForm,
        lambda officer, dossier, form: services.transfer_dossier(
            officer=officer,
            dossier=dossier,
            to_agency=_data(form)["agency"],
            hours=_data(form)["hours"],
            note=_data(form)["note"],
        ),
        agencies=True,
    ),
    ActSpec(
        "consult",
        _("Ask another agency's opinion"),
        _("Send the consultation"),
        _("The consultation was sent with its deadline."),
        act_forms.ConsultForm,
        lambda officer, dossier, form: services.start_consultation(
            officer=officer,
            dossier=dossier,
            agency=_data(form)["agency"],
            question=_data(form)["question"],
            hours=_data(form)["hours"],
        ),
        agencies=True,
    ),
    ActSpec(
        "answer-consultation",
        _("Answer the consultation"),
        _("Send the answer"),
        _("The answer was recorded."),
        act_forms.AnswerForm,
        lambda officer, dossier, form: services.answer_consultation(
            officer=officer,
            dossier=dossier,
            consultation_id=_data(form)["consultation"],
            answer=_data(form)["answer"],
        ),
        per_row=True,
    ),
    ActSpec(
        "return-step",
        _("Send back to the previous step"),
        _("Send back"),
        _("The dossier went back to the previous step."),
        act_forms.RequiredNoteForm,
        lambda officer, dossier, form: services.return_to_previous_step(
            officer=officer, dossier=dossier, note=_data(form)["note"]
        ),
    ),
    ActSpec(
        "recall",
        _("Recall the dossier"),
        _("Recall"),
        _("The dossier was recalled."),
        act_forms.NoteForm,
        lambda officer, dossier, form: services.recall_dossier(
            officer=officer, dossier=dossier, note=_data(form)["note"]
        ),
    ),
    ActSpec(
        "request-supplement",
        _("Request a supplement (only once)"),
        _("Request the supplement"),
        _("The supplement was requested; print the request (form 02)."),
        act_forms.ItemsForm,
        lambda officer, dossier, form: services.request_supplement(
            officer=officer,
            dossier=dossier,
            items=_data(form)["items"],
            reason=_data(form)["reason"],
        ),
    ),
    ActSpec(
        "receive-supplement",
        _("Receive the supplement"),
        _("The supplement is complete"),
        _("The supplement was received; the clock runs again."),
        act_forms.OptionalDocumentForm,
        lambda officer, dossier, form: services.receive_supplement(
            officer=officer, dossier=dossier, documents=_documents(form)
        ),
    ),
    ActSpec(
        "request-payment",
        _("Request the fees and charges"),
        _("Request payment"),
        _("Payment was requested."),
        act_forms.PaymentRequestForm,
        lambda officer, dossier, form: services.request_payment(
            officer=officer, dossier=dossier, amount_vnd=_data(form)["amount_vnd"]
        ),
    ),
    ActSpec(
        "record-payment",
        _("Record the payment"),
        _("Record the payment"),
        _("The payment was recorded."),
        act_forms.PaymentForm,
        lambda officer, dossier, form: services.record_payment(
            officer=officer,
            dossier=dossier,
            method=_data(form)["method"],
            amount_vnd=_data(form)["amount_vnd"],
            reference=_data(form)["reference"],
        ),
    ),
    ActSpec(
        "extend",
        _("Apologise and extend the due moment (only once)"),
        _("Extend"),
        _("The due moment was extended; print the apology letter (form 04)."),
        act_forms.ExtendForm,
        lambda officer, dossier, form: services.extend_deadline(
            officer=officer,
            dossier=dossier,
            new_due_at=form.new_due_at(),
            reason=_data(form)["reason"],
        ),
    ),
    ActSpec(
        "withdraw",
        _("Withdraw at the applicant's request"),
        _("Withdraw the dossier"),
        _("The dossier was withdrawn; print the stop notice (form 05)."),
        act_forms.WithdrawForm,
        lambda officer, dossier, form: services.withdraw_dossier(
            officer=officer, dossier=dossier, reason=_data(form)["reason"]
        ),
        danger=True,
    ),
    ActSpec(
        "refuse",
        _("Refuse after appraisal"),
        _("Refuse the dossier"),
        _("The dossier was refused; print the refusal slip (form 03)."),
        act_forms.ReasonsForm,
        lambda officer, dossier, form: services.refuse_dossier(
            officer=officer, dossier=dossier, reasons=_data(form)["reasons"]
        ),
        danger=True,
    ),
    ActSpec(
        "documents",
        _("Add a document"),
        _("Add the document"),
        _("The document was added."),
        act_forms.DocumentForm,
        lambda officer, dossier, form: services.attach_documents(
            officer=officer, dossier=dossier, documents=_documents(form)
        ),
    ),
]
ACTS: dict[str, ActSpec] = {spec.act: spec for spec in SPECS}
