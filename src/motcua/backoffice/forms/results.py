"""Forms of the dossier page's signed result: upload a draft, sign it, sign intake scans.

Passphrases are typed into password fields that are never rendered back, never logged
(`sensitive_post_parameters` on the views) and never stored.
"""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _


class ResultUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Result document (PDF)"),
        help_text=_("The result as prepared outside the system; it is checked by its content."),
    )


def _passphrase(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
    )


class SignForm(forms.Form):
    """The leader's key (one of theirs), its passphrase, and the organisation's seal if asked."""

    credential = forms.TypedChoiceField(label=_("Your signing certificate"), coerce=int)
    passphrase = _passphrase(_("Passphrase of your signing key"))
    seal = forms.TypedChoiceField(
        label=_("Seal of the organisation (second signature)"),
        coerce=int,
        required=False,
        empty_value=None,
    )
    seal_passphrase = forms.CharField(
        label=_("Passphrase of the seal's key"),
        required=False,
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args: Any, credentials: list[Any], seals: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["credential"]).choices = [
            (credential.pk, credential.label) for credential in credentials
        ]
        cast(forms.ChoiceField, self.fields["seal"]).choices = [("", _("No seal"))] + [
            (seal.pk, seal.label) for seal in seals
        ]
        if not seals:
            del self.fields["seal"]
            del self.fields["seal_passphrase"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("seal") and not cleaned.get("seal_passphrase"):
            self.add_error("seal_passphrase", _("Type the passphrase of the seal's key."))
        return cleaned


class ScanSignForm(forms.Form):
    """The intake officer's batch signature of the scans made at the counter."""

    documents = forms.TypedMultipleChoiceField(
        label=_("Scans to sign"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    credential = forms.TypedChoiceField(label=_("Your signing certificate"), coerce=int)
    passphrase = _passphrase(_("Passphrase of your signing key"))

    def __init__(self, *args: Any, scans: list[Any], credentials: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["documents"]).choices = [
            (scan.pk, scan.title) for scan in scans
        ]
        cast(forms.ChoiceField, self.fields["credential"]).choices = [
            (credential.pk, credential.label) for credential in credentials
        ]
