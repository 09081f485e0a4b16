"""Forms of the public lookup and of the rating (Art. 33), shared by the portal and the kiosk."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.surveys.choices import OPTIONAL_CONTENTS, Answer, Content
from motcua.surveys.models import COMMENT_MAX_LENGTH


class LookupForm(forms.Form):
    """A dossier code with its lookup secret, or with the last four digits of the phone."""

    code = forms.CharField(
        label=_("Dossier code"),
        max_length=200,
        help_text=_("As printed on the receipt, e.g. 000.00.00.H34-250916-0001."),
    )
    secret = forms.CharField(
        label=_("Lookup secret"),
        max_length=20,
        required=False,
        help_text=_("The eight characters printed beside the code on the receipt."),
    )
    phone_digits = forms.CharField(
        label=_("Or the last four digits of your phone number"),
        max_length=4,
        min_length=4,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("secret") and not cleaned.get("phone_digits"):
            raise forms.ValidationError(
                _("Enter the lookup secret or the last four digits of your phone number.")
            )
        return cleaned


ANSWER_CHOICES = [(str(answer.value), answer.label) for answer in Answer]


class RatingForm(forms.Form):
    """The seven contents of Art. 33, each answered on five levels, and a comment."""

    comment = forms.CharField(
        label=_("Comment (optional)"),
        max_length=COMMENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        answers: dict[str, forms.Field] = {}
        for content in Content:
            optional = content in OPTIONAL_CONTENTS
            answers[content.value] = forms.TypedChoiceField(
                label=content.label,
                choices=ANSWER_CHOICES,
                coerce=int,
                required=not optional,
                empty_value=None,
                widget=forms.RadioSelect,
                help_text=_("Leave empty if this did not apply to you.") if optional else "",
            )
        # The seven contents first, in the order of the law, then the comment.
        self.fields = {**answers, "comment": self.fields["comment"]}

    def answers(self) -> dict[str, int | None]:
        return {content.value: self.cleaned_data.get(content.value) for content in Content}
