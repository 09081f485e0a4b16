"""Who may open the back office: signed-in staff, with a second factor wherever one is required.

Every back-office view is wrapped in `staff_page`. What each officer then sees is decided by the
dossier app's scoped queries (missing and forbidden both answer 404).
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from motcua.accounts.decorators import second_factor_required

View = Callable[..., HttpResponse]


def staff_page(view: View) -> View:
    """Let in staff members who passed the sign-in (second factor included where required);
    citizens and businesses get 403, anonymous visitors the sign-in page."""

    @wraps(view)
    def staff_only(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not getattr(request.user, "is_staff_member", False):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return second_factor_required(staff_only)
