"""Refusals of the indicator reads; each has a `code` and a message in either language."""

from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class IndicatorError(Exception):
    """Base class: the message is kept untranslated so that it can be told in vi and in en."""

    code = "indicator_error"

    def __init__(self, message: Promise, **params: Any) -> None:
        self.template = message
        self.params = params
        super().__init__(str(message) % params)

    @property
    def message(self) -> str:
        """The message in the active language."""
        return str(self.template) % self.params

    def message_in(self, language: str) -> str:
        with translation.override(language):
            return self.message


class InvalidPeriod(IndicatorError):
    code = "invalid_period"


class UnknownUnit(IndicatorError):
    code = "unknown_unit"


def invalid_year(value: object, *, first: int, last: int) -> InvalidPeriod:
    return InvalidPeriod(
        _("The year “%(year)s” is not valid: give a year from %(first)s to %(last)s."),
        year=value,
        first=first,
        last=last,
    )


def unknown_unit(code: str) -> UnknownUnit:
    return UnknownUnit(_("There is no administrative unit with code “%(code)s”."), code=code)
