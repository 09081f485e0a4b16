"""Who may use the applicant's pages: a signed-in citizen or business (staff file at the
counter, through the back office)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache

from motcua.accounts.models import User


def applicant_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Sign-in required, staff refused (403), never cached (personal data)."""

    @never_cache
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not isinstance(request.user, User) or request.user.is_staff_member:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def applicant_of(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user
