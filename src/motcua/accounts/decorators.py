"""View decorators for pages behind the sign-in."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from motcua.accounts.permissions import is_session_verified, is_two_factor_required

View = Callable[..., HttpResponse]


def second_factor_required(view: View) -> View:
    """Let in signed-in users who passed a second factor wherever one is required of them.

    Others (not signed in, or signed in with a password alone when an authenticator app is
    now required, e.g. since STAFF_TWO_FACTOR_REQUIRED was switched on) go to the sign-in page.
    """

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated or (
            is_two_factor_required(user=user) and not is_session_verified(request)
        ):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return guarded
