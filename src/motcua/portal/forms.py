"""Forms of the citizen portal."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.catalog.choices import OnlineLevel
from motcua.catalog.models import CatalogAgency, Sector
from motcua.catalog.search import MAX_QUERY_LENGTH
from motcua.organizations.models import AdministrativeLevel

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise


class ProcedureSearchForm(forms.Form):
    """Search words and filters of the procedure list; the options come from the catalog.

    Option lists are passed in (already read) so the page runs a fixed number of queries.
    """

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("e.g. land registration")}
        ),
    )

    def __init__(
        self,
        *args: Any,
        sectors: list[Sector],
        levels: list[AdministrativeLevel],
        agencies: list[CatalogAgency],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.sectors = {sector.code: sector for sector in sectors}
        self.levels = {level.code: level for level in levels}
        self.agencies = {agency.slug: agency for agency in agencies}
        self.fields["sector"] = _filter(
            _("Sector"),
            [(s.code, f"{s.name} ({getattr(s, 'procedure_count', 0)})") for s in sectors],
        )
        self.fields["level"] = _filter(_("Level"), [(level.code, level.name) for level in levels])
        self.fields["agency"] = _filter(_("Agency"), [(a.slug, a.name) for a in agencies])
        self.fields["online_level"] = _filter(_("Online service"), list(OnlineLevel.choices))

    def clean_q(self) -> str:
        # A NUL byte cannot reach PostgreSQL; it carries no meaning in a search either.
        return str(self.cleaned_data["q"]).replace("\x00", "")

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for `catalog.queries.list_procedures`; bad fields are left out."""
        data = self.cleaned_data if self.is_bound else {}
        return {
            "q": data.get("q", ""),
            "sector": self.sectors.get(data.get("sector", "")),
            "level": self.levels.get(data.get("level", "")),
            "agency": self.agencies.get(data.get("agency", "")),
            "online_level": OnlineLevel(data["online_level"]) if data.get("online_level") else None,
        }


def _filter(label: "StrOrPromise", choices: list[tuple[str, "StrOrPromise"]]) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=False, choices=[("", _("All")), *choices])
