"""State changes of results: templates, drafts, issuing and correcting results, keys, trust.

Every function is atomic, writes one audit row and publishes its event after commit.
`issuing` signs before it writes anything; `trust` keeps keys encrypted and passphrases nowhere.
"""

from motcua.results.services.drafting import (
    draft_result_from_template,
    draft_result_from_upload,
    publish_result_template,
    review_result_draft,
)
from motcua.results.services.issuing import (
    LEADER_BOX,
    SEAL_BOX,
    SignedScan,
    correct_result,
    issue_result,
    sign_documents,
    sign_result_draft,
    verification_url,
)
from motcua.results.services.settling import (
    SIGNED_COPY_SUFFIX,
    draft_result_for_dossier,
    is_ready_for_approval,
    sign_and_approve_result,
    sign_decided_result,
    sign_dossier_scans,
    upload_result_for_dossier,
)
from motcua.results.services.trust import (
    add_revocation_list,
    add_trust_anchor,
    register_credential,
    withdraw_credential,
)

__all__ = [
    "LEADER_BOX",
    "SEAL_BOX",
    "SIGNED_COPY_SUFFIX",
    "SignedScan",
    "add_revocation_list",
    "add_trust_anchor",
    "correct_result",
    "draft_result_for_dossier",
    "draft_result_from_template",
    "draft_result_from_upload",
    "is_ready_for_approval",
    "issue_result",
    "publish_result_template",
    "register_credential",
    "review_result_draft",
    "sign_and_approve_result",
    "sign_decided_result",
    "sign_documents",
    "sign_dossier_scans",
    "sign_result_draft",
    "upload_result_for_dossier",
    "verification_url",
    "withdraw_credential",
]
