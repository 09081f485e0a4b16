"""The province's organisation: administrative units, agencies, service centres and staff roles.

Levels are data (the district level was abolished on 1 Jul 2025 but old dossiers keep their
units); every unit and agency carries effective dates and predecessor links.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.organizations.choices import AgencyKind, Role, RoleScope


def dates_in_order(start: str, end: str, *, name: str) -> models.CheckConstraint:
    """A period may be open at either end, but never ends before it starts."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{start}__isnull": True})
        | models.Q(**{f"{end}__isnull": True})
        | models.Q(**{f"{end}__gte": models.F(start)}),
        name=name,
    )


class AdministrativeLevel(models.Model):
    """A tier of local government: province, district (historical), commune."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    rank = models.PositiveSmallIntegerField(
        _("rank"), help_text=_("1 = province, larger = lower tier.")
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["rank"]
        verbose_name = _("administrative level")
        verbose_name_plural = _("administrative levels")

    def __str__(self) -> str:
        return self.name


class AdministrativeUnit(models.Model):
    """A province, commune, ward or special zone (or a historical district or commune)."""

    code = models.CharField(_("official code"), max_length=16)
    name = models.CharField(_("name"), max_length=200)
    name_folded = models.CharField(_("folded name"), max_length=200, editable=False, db_index=True)
    division_type = models.CharField(
        _("division type"), max_length=50, help_text=_("tỉnh, xã, phường, đặc khu…")
    )
    level = models.ForeignKey(
        AdministrativeLevel,
        on_delete=models.PROTECT,
        related_name="units",
        verbose_name=_("administrative level"),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    effective_from = models.DateField(_("effective from"), null=True, blank=True)
    effective_to = models.DateField(_("effective until"), null=True, blank=True)
    predecessors = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="successors",
        verbose_name=_("predecessors"),
    )
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)

    class Meta:
        ordering = ["level__rank", "code"]
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "effective_from"], name="org_unit_code_from_unique"
            ),
            # NULLs never collide in a unique constraint: units whose start is unknown (the
            # historical ones) are kept unique per level by this partial constraint.
            models.UniqueConstraint(
                fields=["level", "code"],
                condition=models.Q(effective_from__isnull=True),
                name="org_unit_code_undated_unique",
            ),
            dates_in_order("effective_from", "effective_to", name="org_unit_dates_ordered"),
        ]

    def __str__(self) -> str:
        # A former unit may share its name (and code) with the one that replaced it.
        if self.effective_to is not None:
            return _("%(name)s (until %(day)s)") % {
                "name": self.name,
                "day": self.effective_to.strftime("%d/%m/%Y"),
            }
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        from motcua.core.text import fold, normalize

        self.name = normalize(self.name)
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Agency(models.Model):
    """A body that settles procedures: a provincial department, a commune People's Committee…

    `code` is the electronic identifier code of the agency (e.g. 000.00.00.H34) used in
    dossier codes and document exchange.
    """

    code = models.CharField(_("identifier code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    name_folded = models.CharField(_("folded name"), max_length=300, editable=False, db_index=True)
    kind = models.CharField(_("kind"), max_length=32, choices=AgencyKind)
    level = models.ForeignKey(
        AdministrativeLevel,
        on_delete=models.PROTECT,
        related_name="agencies",
        verbose_name=_("administrative level"),
    )
    unit = models.ForeignKey(
        AdministrativeUnit,
        on_delete=models.PROTECT,
        related_name="agencies",
        help_text=_("The administrative unit the agency serves."),
        verbose_name=_("administrative unit"),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent agency"),
    )
    effective_from = models.DateField(_("effective from"), null=True, blank=True)
    effective_to = models.DateField(_("effective until"), null=True, blank=True)
    predecessors = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="successors",
        verbose_name=_("predecessors"),
    )

    class Meta:
        ordering = ["level__rank", "name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        constraints = [
            dates_in_order("effective_from", "effective_to", name="org_agency_dates_ordered"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        from motcua.core.text import fold, normalize

        self.name = normalize(self.name)
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class ServiceCentre(models.Model):
    """A Public Administration Service Centre (provincial or commune) that receives dossiers.

    Within the province any centre accepts any provincial or commune procedure
    (Decree 118/2025 Art. 14, 20: regardless of the applicant's residence).
    """

    code = models.CharField(_("identifier code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=300)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="service_centres",
        help_text=_("The body the centre belongs to."),
        verbose_name=_("agency"),
    )
    level = models.ForeignKey(
        AdministrativeLevel,
        on_delete=models.PROTECT,
        related_name="service_centres",
        verbose_name=_("administrative level"),
    )
    unit = models.ForeignKey(
        AdministrativeUnit,
        on_delete=models.PROTECT,
        related_name="service_centres",
        verbose_name=_("administrative unit"),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    is_active = models.BooleanField(_("in service"), default=True)

    class Meta:
        ordering = ["level__rank", "name"]
        verbose_name = _("service centre")
        verbose_name_plural = _("service centres")

    def __str__(self) -> str:
        return self.name


class OrgUnit(models.Model):
    """A department or section inside an agency (phòng, bộ phận)."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="org_units", verbose_name=_("agency")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent department"),
    )
    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=300)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["agency", "name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="org_orgunit_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.agency.short_name or self.agency.name}"


class Position(models.Model):
    """A staff position (chức vụ): director, deputy head, specialist…"""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    is_leadership = models.BooleanField(_("leadership position"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")

    def __str__(self) -> str:
        return self.name


class RoleAssignment(models.Model):
    """A staff member holds a role within a scope: an agency, a department or a service centre.

    A province administrator, steering member or auditor may be scoped to the whole province
    (no agency, department or centre).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=32, choices=Role)
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
        verbose_name=_("agency"),
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
        verbose_name=_("department"),
    )
    service_centre = models.ForeignKey(
        ServiceCentre,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
        verbose_name=_("service centre"),
    )
    position = models.ForeignKey(
        Position, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("position")
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        indexes = [models.Index(fields=["user", "role"])]
        constraints = [
            dates_in_order("valid_from", "valid_to", name="org_role_dates_ordered"),
        ]

    def __str__(self) -> str:
        scope = self.org_unit or self.service_centre or self.agency or _("province")
        return f"{self.user} · {self.get_role_display()} · {scope}"

    @property
    def scope(self) -> RoleScope:
        """What the assignment is attached to: a centre, an agency (or department), the province."""
        if self.service_centre_id is not None:
            return RoleScope.SERVICE_CENTRE
        if self.agency_id is not None or self.org_unit_id is not None:
            return RoleScope.AGENCY
        return RoleScope.PROVINCE
