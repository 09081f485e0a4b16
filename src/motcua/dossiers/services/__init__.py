"""State changes of dossiers: one function per act, atomic, audited, publishing its event.

Intake (`intake`), processing steps and hand-overs (`processing`; several dossiers at once in
`bulk`), the legal acts (`acts`) and results (`results`). Every function takes keyword-only
arguments, the acting officer first.
"""

from motcua.dossiers.services.acts import (
    attach_documents,
    extend_deadline,
    receive_supplement,
    record_payment,
    refuse_dossier,
    request_payment,
    request_supplement,
    stop_unsupplemented_dossiers,
    withdraw_dossier,
)
from motcua.dossiers.services.bulk import BulkOutcome, bulk_transfer, hand_over_together
from motcua.dossiers.services.intake import (
    ApplicantDetails,
    IntakeCheck,
    IntakeRequest,
    check_intake,
    receive_dossier,
    refuse_at_intake,
)
from motcua.dossiers.services.online import (
    Prepayment,
    accept_application,
    flag_late_intakes,
    refuse_application,
    resubmit_application,
    return_application,
    submit_application,
)
from motcua.dossiers.services.processing import (
    answer_consultation,
    assign_handler,
    complete_step,
    reassign_step,
    recall_dossier,
    return_to_previous_step,
    start_consultation,
    transfer_dossier,
)
from motcua.dossiers.services.recording import allowed_acts
from motcua.dossiers.services.results import approve_result, return_result

__all__ = [
    "ApplicantDetails",
    "BulkOutcome",
    "IntakeCheck",
    "IntakeRequest",
    "Prepayment",
    "accept_application",
    "allowed_acts",
    "answer_consultation",
    "approve_result",
    "assign_handler",
    "attach_documents",
    "bulk_transfer",
    "check_intake",
    "complete_step",
    "extend_deadline",
    "flag_late_intakes",
    "hand_over_together",
    "reassign_step",
    "recall_dossier",
    "receive_dossier",
    "receive_supplement",
    "record_payment",
    "refuse_application",
    "refuse_at_intake",
    "refuse_dossier",
    "request_payment",
    "request_supplement",
    "resubmit_application",
    "return_application",
    "return_result",
    "return_to_previous_step",
    "start_consultation",
    "stop_unsupplemented_dossiers",
    "submit_application",
    "transfer_dossier",
    "withdraw_dossier",
]
