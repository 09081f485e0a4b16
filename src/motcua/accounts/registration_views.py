"""Pages of citizens and businesses: registration, the verification code, my profile, and the
persons or organisations I represent. Every page works without JavaScript."""

from typing import Any

import structlog
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from motcua.accounts.choices import ContactChannel, VerificationPurpose
from motcua.accounts.citizen_services import (
    Registration,
    change_contact_details,
    register_applicant,
    send_verification_code,
    verify_contact,
)
from motcua.accounts.errors import AccountError
from motcua.accounts.models import Representation, User, VerificationCode
from motcua.accounts.pending_sign_in import (
    begin_pending_verification,
    clear_pending_verification,
    get_pending_verification,
)
from motcua.accounts.queries import (
    get_representation,
    list_representations,
    profile_prefill,
)
from motcua.accounts.registration_forms import (
    ContactDetailsForm,
    RegistrationForm,
    RepresentationForm,
    VerificationCodeForm,
)
from motcua.accounts.representation_services import (
    RepresentedParty,
    declare_representation,
    end_representation,
)
from motcua.core.sms import mask_phone
from motcua.core.uploads import UploadRefused

log = structlog.get_logger(__name__)

_MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _add_refusal(form: Form, error: Exception, *, field: str | None = None) -> None:
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                target = name if name in form.fields else None
                for item in errors:
                    form.add_error(target, item)
        else:
            form.add_error(field if field in form.fields else None, error)
    elif isinstance(error, AccountError):
        form.add_error(field, str(error.message))
    elif isinstance(error, UploadRefused):
        form.add_error(field, error.message)


@sensitive_post_parameters("password1", "password2")
@never_cache
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """Open a citizen or business account; a code goes to the chosen e-mail or phone."""
    if request.user.is_authenticated:
        return redirect("applicant:profile")
    form = RegistrationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        registration = Registration(
            kind=data["kind"],
            full_name=data["full_name"],
            password=data["password1"],
            channel=data["channel"],
            email=data["email"],
            phone=data["phone"],
            national_id=data["national_id"],
            tax_code=data["tax_code"],
            organization_name=data["organization_name"],
        )
        try:
            registered = register_applicant(registration=registration)
        except ValidationError as error:
            # Field errors come as a dict; the password validators' as a plain list.
            _add_refusal(form, error, field="password1")
        except AccountError as error:
            field = {
                "national_id_taken": "national_id",
                "tax_code_taken": "tax_code",
                "missing_contact": data["channel"],
            }.get(error.code)
            _add_refusal(form, error, field=field)
        else:
            begin_pending_verification(request, user=registered.user)
            if registered.code_refusal is not None:
                # The account exists; the person asks for a new code on the next page.
                messages.warning(request, str(registered.code_refusal.message))
            log.info("account.registered", user_id=registered.user.pk, kind=registered.user.kind)
            return redirect("applicant:verify")
    return render(request, "accounts/registration/register.html", {"form": form})


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Enter the code sent at registration (or ask for another); then the person is signed in."""
    user = get_pending_verification(request)
    if user is None:
        messages.info(request, _("Sign in, or register first."))
        return redirect("accounts:login")
    if user.is_contact_verified:
        clear_pending_verification(request)
        return redirect("accounts:login")
    purpose = VerificationPurpose.REGISTRATION
    form = VerificationCodeForm(request.POST if request.POST.get("action") == "verify" else None)
    if request.method == "POST" and request.POST.get("action") == "resend":
        _resend(request, user=user, purpose=purpose)
        return redirect("applicant:verify")
    if request.method == "POST" and form.is_valid():
        try:
            user = verify_contact(user=user, purpose=purpose, code=form.cleaned_data["code"])
        except AccountError as error:
            _add_refusal(form, error, field="code")
        else:
            clear_pending_verification(request)
            login(request, user, backend=_MODEL_BACKEND)
            messages.success(request, _("Your account is verified. Welcome!"))
            return redirect("applicant:profile")
    context = {"form": form, "sent_to": _sent_to(user=user, purpose=purpose), "user_name": user}
    return render(request, "accounts/registration/verify.html", context)


def _resend(request: HttpRequest, *, user: User, purpose: str) -> None:
    """Another code, to where the last one went (or the account's own phone or e-mail)."""
    last = VerificationCode.objects.filter(user=user, purpose=purpose).order_by("-created_at")
    previous = last.first()
    if previous is not None:
        channel, destination = previous.channel, previous.destination
    else:
        channel = ContactChannel.PHONE if user.phone else ContactChannel.EMAIL
        destination = None
    try:
        send_verification_code(user=user, purpose=purpose, channel=channel, destination=destination)
    except AccountError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("A new code was sent."))


def _sent_to(*, user: User, purpose: str) -> list[str]:
    """Where the live codes went, masked: "091*****78", "a***@example.vn"."""
    rows = VerificationCode.objects.filter(
        user=user, purpose=purpose, used_at__isnull=True
    ).order_by("-created_at")
    shown = []
    for row in rows:
        if row.channel == ContactChannel.PHONE:
            shown.append(mask_phone(row.destination))
        else:
            name, _at, domain = row.destination.partition("@")
            shown.append(f"{name[:1]}***@{domain}")
    return shown


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """My profile: who I am, my contact details (a new e-mail or phone needs its code)."""
    user = _signed_in(request)
    details = profile_prefill(user=user)
    initial = {"email": user.email, "phone": user.phone, "address": user.address}
    form = ContactDetailsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            change = change_contact_details(
                user=user,
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
                address=form.cleaned_data["address"],
            )
        except (AccountError, ValidationError) as error:
            _add_refusal(form, error)
        else:
            if change.pending_channels:
                messages.info(request, _("We sent a code to the new contact. Enter it to finish."))
                return redirect("applicant:profile-verify")
            messages.success(request, _("Your contact details were saved."))
            return redirect("applicant:profile")
    context: dict[str, Any] = {
        "form": form,
        "details": details,
        "account": user,
        "pending": _sent_to(user=user, purpose=VerificationPurpose.CONTACT_CHANGE),
    }
    return render(request, "accounts/registration/profile.html", context)


@sensitive_post_parameters("code")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def profile_verify(request: HttpRequest) -> HttpResponse:
    """Enter the code sent to a new e-mail address or phone."""
    user = _signed_in(request)
    purpose = VerificationPurpose.CONTACT_CHANGE
    form = VerificationCodeForm(request.POST if request.POST.get("action") == "verify" else None)
    if request.method == "POST" and request.POST.get("action") == "resend":
        _resend(request, user=user, purpose=purpose)
        return redirect("applicant:profile-verify")
    if request.method == "POST" and form.is_valid():
        try:
            verify_contact(user=user, purpose=purpose, code=form.cleaned_data["code"])
        except AccountError as error:
            _add_refusal(form, error, field="code")
        else:
            messages.success(request, _("The new contact is verified and saved."))
            return redirect("applicant:profile")
    context = {"form": form, "sent_to": _sent_to(user=user, purpose=purpose), "user_name": user}
    return render(request, "accounts/registration/verify.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def representations(request: HttpRequest) -> HttpResponse:
    """The persons and organisations I may file for, and a form to declare another."""
    user = _signed_in(request)
    form = RepresentationForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            declare_representation(
                representative=user,
                represented=RepresentedParty(
                    kind=data["represented_kind"],
                    name=data["represented_name"],
                    national_id=data["represented_national_id"],
                    tax_code=data["represented_tax_code"],
                ),
                scope_note=data["scope_note"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                evidence=data["evidence"],
            )
        except (AccountError, ValidationError, UploadRefused) as error:
            _add_refusal(
                form, error, field="evidence" if isinstance(error, UploadRefused) else None
            )
        else:
            messages.success(request, _("The authorisation was recorded."))
            return redirect("applicant:representations")
    rows: list[Representation] = list(list_representations(user=user))
    context = {"form": form, "rows": rows}
    return render(request, "accounts/registration/representations.html", context)


@never_cache
@login_required
@require_POST
def representation_end(request: HttpRequest, pk: int) -> HttpResponse:
    """End one of my representations today."""
    user = _signed_in(request)
    try:
        row = get_representation(user=user, pk=pk)
    except Representation.DoesNotExist as error:
        raise Http404 from error
    try:
        end_representation(representative=user, representation=row)
    except AccountError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The authorisation has ended."))
    return redirect("applicant:representations")


def _signed_in(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise Http404
    return user
