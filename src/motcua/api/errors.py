"""API errors: JSON `{"code": ..., "message": ..., "details": ...}`, never an HTML error page.

Every refusal, including malformed bodies, unknown addresses and unexpected failures, gets the
same shape; `ErrorOut` documents it in the OpenAPI schema.
"""

from typing import Any

import structlog
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

log = structlog.get_logger(__name__)


class ErrorOut(Schema):
    """The body of every error response."""

    code: str = Field(description="Machine-readable reason, e.g. `unknown_level`.")
    message: str = Field(description="Readable explanation in the request's language.")
    details: Any = Field(None, description="Extra facts, e.g. the invalid fields.")


class ApiError(Exception):
    """A refusal with a machine-readable code; raise it (or a subclass) from an endpoint."""

    status = 400

    def __init__(self, code: str, message: str, *, status: int | None = None, details: Any = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details
        if status is not None:
            self.status = status


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        body["details"] = details
    return body


def _http_error_code(status: int) -> tuple[str, str]:
    known = {
        400: ("bad_request", _("The request could not be read.")),
        403: ("forbidden", _("You may not do this.")),
        404: ("not_found", _("Nothing was found at this address.")),
        405: ("method_not_allowed", _("This address does not accept that method.")),
        429: ("too_many_requests", _("Too many requests. Wait a little and try again.")),
    }
    return known.get(status, (f"http_{status}", _("The request was refused.")))


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ApiError)
    def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return api.create_response(
            request, error_body(exc.code, exc.message, exc.details), status=exc.status
        )

    @api.exception_handler(ValidationError)
    def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return api.create_response(
            request,
            error_body("invalid_input", _("The request is not valid."), exc.errors),
            status=422,
        )

    @api.exception_handler(AuthenticationError)
    def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = api.create_response(
            request,
            error_body("not_authenticated", _("A valid access token is required.")),
            status=401,
        )
        response["WWW-Authenticate"] = 'Bearer realm="motcua"'
        return response

    def refuse(request: HttpRequest, status: int) -> HttpResponse:
        code, message = _http_error_code(status)
        return api.create_response(request, error_body(code, message), status=status)

    @api.exception_handler(AuthorizationError)
    def on_authorization_error(request: HttpRequest, exc: AuthorizationError) -> HttpResponse:
        return refuse(request, 403)

    @api.exception_handler(PermissionDenied)
    def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return refuse(request, 403)

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return refuse(request, 404)

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return refuse(request, exc.status_code)

    @api.exception_handler(Exception)
    def on_unexpected_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        # Logged with its traceback for the operators; the caller learns nothing internal.
        log.exception("api.unexpected_error", path=request.path, method=request.method)
        return api.create_response(
            request,
            error_body("server_error", _("Something went wrong on our side. Please try again.")),
            status=500,
        )
