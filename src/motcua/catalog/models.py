"""The procedure catalog: sectors, procedures and their immutable versions.

A `Procedure` is only a stable identity (its national code). Everything published about it lives
in a `ProcedureVersion`; importing changed content adds a version, so a dossier keeps pointing at
the version it was received under. Versions are never edited: `import_catalog` writes them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.catalog.choices import (
    Channel,
    FeeKind,
    OnlineLevel,
    PublishedPart,
    SupplementPolicy,
    TimeUnit,
)
from motcua.catalog.processing_time import ProcessingTime
from motcua.organizations.choices import Role


class Sector(models.Model):
    """A field of state management (lĩnh vực) grouping procedures: land, civil status…"""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_folded = models.CharField(_("folded name"), max_length=200, editable=False)
    managing_body = models.CharField(_("managing body"), max_length=200, blank=True)

    class Meta:
        ordering = ["name_folded"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        return self.name


class CatalogAgency(models.Model):
    """An agency as published procedures name it ("Văn phòng đăng ký đất đai").

    Linked to the organisation's `Agency` when exactly one agency bears the same name, so a
    generic name such as "Ủy ban nhân dân cấp xã" stays unlinked.
    """

    name = models.CharField(_("name"), max_length=300, unique=True)
    slug = models.SlugField(_("slug"), max_length=300, unique=True)
    agency = models.ForeignKey(
        "organizations.Agency",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="catalog_names",
        verbose_name=_("agency"),
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = _("agency as published")
        verbose_name_plural = _("agencies as published")

    def __str__(self) -> str:
        return self.name


class Procedure(models.Model):
    """An administrative procedure's stable identity: its code in the national database."""

    code = models.CharField(_("code"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")

    def __str__(self) -> str:
        return self.code


class ProcedureVersion(models.Model):
    """What was published about a procedure from `effective_from`; immutable once written.

    The version in force on a day is the last one (by `effective_from`, then `number`) that had
    started by then, unless it has expired (`effective_to`, inclusive). `superseded_on` is the
    start of the next version, kept by the importer so this reads as a plain date range.
    """

    procedure = models.ForeignKey(
        Procedure, on_delete=models.PROTECT, related_name="versions", verbose_name=_("procedure")
    )
    number = models.PositiveIntegerField(_("version"))
    content_hash = models.CharField(_("content hash"), max_length=64, editable=False)
    is_latest = models.BooleanField(_("latest version"), default=True, editable=False)
    name = models.CharField(_("name"), max_length=500)
    name_folded = models.CharField(_("folded name"), max_length=500, editable=False)
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="versions", verbose_name=_("sector")
    )
    competence_levels = models.ManyToManyField(
        "organizations.AdministrativeLevel",
        related_name="procedure_versions",
        verbose_name=_("competence levels"),
    )
    implementing_agencies = models.ManyToManyField(
        CatalogAgency,
        through="VersionAgency",
        related_name="versions",
        verbose_name=_("implementing agencies"),
    )
    deciding_agency = models.ForeignKey(
        CatalogAgency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deciding_versions",
        verbose_name=_("deciding agency"),
    )
    subjects = models.JSONField(_("who may apply"), default=list)
    result_name = models.CharField(_("result"), max_length=500, blank=True)
    result_code = models.CharField(_("result type code"), max_length=64, blank=True)
    legal_basis = models.JSONField(_("legal basis"), default=list)
    publication_decision = models.CharField(_("publication decision"), max_length=500, blank=True)
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective until"), null=True, blank=True)
    superseded_on = models.DateField(_("superseded on"), null=True, blank=True, editable=False)
    steps_description = models.TextField(_("steps"), blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    online_level = models.CharField(
        _("best online level"),
        max_length=16,
        choices=OnlineLevel,
        help_text=_("The highest online level among the variants."),
    )
    missing_parts = models.JSONField(_("missing published parts"), default=list, editable=False)
    imported_at = models.DateTimeField(_("imported at"))
    catalog_import = models.ForeignKey(
        "CatalogImport",
        on_delete=models.PROTECT,
        related_name="versions",
        editable=False,
        verbose_name=_("catalog import"),
    )

    class Meta:
        ordering = ["procedure__code", "number"]
        verbose_name = _("procedure version")
        verbose_name_plural = _("procedure versions")
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "number"], name="catalog_version_number_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["effective_from", "superseded_on"], name="catalog_version_span"),
            models.Index(fields=["name_folded"], name="catalog_version_name_folded"),
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} v{self.number} {self.name}"

    @property
    def code(self) -> str:
        return self.procedure.code

    @property
    def is_publication_complete(self) -> bool:
        return not self.missing_parts

    def get_missing_parts_display(self) -> list[str]:
        return [str(PublishedPart(part).label) for part in self.missing_parts]


class VersionAgency(models.Model):
    """An implementing agency of a version, in the published order."""

    version = models.ForeignKey(
        ProcedureVersion, on_delete=models.CASCADE, verbose_name=_("procedure version")
    )
    catalog_agency = models.ForeignKey(
        CatalogAgency, on_delete=models.PROTECT, verbose_name=_("agency as published")
    )
    position = models.PositiveSmallIntegerField(_("order"))

    class Meta:
        ordering = ["position"]
        verbose_name = _("implementing agency")
        verbose_name_plural = _("implementing agencies")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "catalog_agency"], name="catalog_version_agency_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version_id} · {self.catalog_agency_id}"


class ProcedureVariant(models.Model):
    """A case of a procedure (trường hợp) with its own time, online level and documents."""

    version = models.ForeignKey(
        ProcedureVersion,
        on_delete=models.CASCADE,
        related_name="variants",
        verbose_name=_("procedure version"),
    )
    position = models.PositiveSmallIntegerField(_("order"))
    code = models.SlugField(_("code"), max_length=64)
    name = models.CharField(_("name"), max_length=500, blank=True)
    processing_time_value = models.PositiveIntegerField(_("processing time"))
    processing_time_unit = models.CharField(_("unit"), max_length=16, choices=TimeUnit)
    processing_times_by_channel = models.JSONField(
        _("processing time by channel"),
        default=dict,
        blank=True,
        help_text=_('Overrides such as {"online": {"value": 18, "unit": "working_days"}}.'),
    )
    online_level = models.CharField(_("online level"), max_length=16, choices=OnlineLevel)
    boundary_free = models.BooleanField(
        _("received anywhere in the province"),
        help_text=_(
            "Decree 118/2025 Art. 14: any centre receives it, wherever the applicant lives."
        ),
    )
    postal = models.BooleanField(_("by public postal service"))
    supplement_policy = models.CharField(
        _("clock after a supplement"), max_length=16, choices=SupplementPolicy
    )

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("procedure variant")
        verbose_name_plural = _("procedure variants")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="catalog_variant_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name or self.code

    @property
    def processing_time(self) -> ProcessingTime:
        return ProcessingTime(value=self.processing_time_value, unit=self.processing_time_unit)

    def processing_time_for(self, *, channel: str) -> ProcessingTime:
        """The statutory time of a dossier that came through `channel` (a `Channel` value)."""
        override = self.processing_times_by_channel.get(channel)
        if override is None:
            return self.processing_time
        return ProcessingTime(value=override["value"], unit=override["unit"])

    @property
    def channels(self) -> list[str]:
        """Where a dossier may be lodged: always at a counter, online and by post as published."""
        channels: list[str] = [Channel.COUNTER]
        if self.online_level != OnlineLevel.NONE:
            channels.append(Channel.ONLINE)
        if self.postal:
            channels.append(Channel.POSTAL)
        return channels


class RequiredDocument(models.Model):
    """A document of the dossier composition (thành phần hồ sơ) with its original/copy counts."""

    variant = models.ForeignKey(
        ProcedureVariant,
        on_delete=models.CASCADE,
        related_name="required_documents",
        verbose_name=_("procedure variant"),
    )
    position = models.PositiveSmallIntegerField(_("order"))
    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=1000)
    mandatory = models.BooleanField(_("mandatory"), default=True)
    originals = models.PositiveSmallIntegerField(_("originals"), default=0)
    copies = models.PositiveSmallIntegerField(_("copies"), default=0)
    template_url = models.CharField(_("template file"), max_length=500, blank=True)

    class Meta:
        ordering = ["variant", "position"]
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")

    def __str__(self) -> str:
        return self.name


class Fee(models.Model):
    """A fee (phí) or charge (lệ phí) in VND with its legal basis."""

    variant = models.ForeignKey(
        ProcedureVariant,
        on_delete=models.CASCADE,
        related_name="fees",
        verbose_name=_("procedure variant"),
    )
    position = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=16, choices=FeeKind)
    name = models.CharField(_("name"), max_length=500)
    amount_vnd = models.PositiveBigIntegerField(_("amount (VND)"))
    legal_basis = models.CharField(_("legal basis"), max_length=500, blank=True)

    class Meta:
        ordering = ["variant", "position"]
        verbose_name = _("fee")
        verbose_name_plural = _("fees")

    def __str__(self) -> str:
        return f"{self.name}: {self.amount_vnd} VND"


class ProcessTemplate(models.Model):
    """The internal process of a variant: ordered steps with hour budgets.

    The published template has no agency; an agency may later adopt its own for the variant.
    """

    variant = models.ForeignKey(
        ProcedureVariant,
        on_delete=models.CASCADE,
        related_name="process_templates",
        verbose_name=_("procedure variant"),
    )
    agency = models.ForeignKey(
        "organizations.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="process_templates",
        verbose_name=_("agency"),
    )

    class Meta:
        verbose_name = _("process template")
        verbose_name_plural = _("process templates")
        constraints = [
            models.UniqueConstraint(
                fields=["variant"],
                condition=models.Q(agency__isnull=True),
                name="catalog_template_published_unique",
            ),
            models.UniqueConstraint(
                fields=["variant", "agency"], name="catalog_template_agency_unique"
            ),
        ]

    def __str__(self) -> str:
        # xgettext cannot see a call inside an f-string: translate outside it.
        agency = self.agency or _("published")
        return f"{self.variant} · {agency}"


class ProcessStep(models.Model):
    """A step of a process template; steps sharing `parallel_group` run at the same time."""

    template = models.ForeignKey(
        ProcessTemplate,
        on_delete=models.CASCADE,
        related_name="steps",
        verbose_name=_("process template"),
    )
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=300)
    org_unit = models.SlugField(_("unit"), max_length=64)
    role = models.CharField(_("role"), max_length=32, choices=Role)
    hours = models.PositiveIntegerField(_("budget (working hours)"))
    parallel_group = models.SlugField(_("parallel group"), max_length=64, blank=True)

    class Meta:
        ordering = ["template", "order"]
        verbose_name = _("process step")
        verbose_name_plural = _("process steps")
        constraints = [
            models.UniqueConstraint(fields=["template", "order"], name="catalog_step_order_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class CatalogImport(models.Model):
    """One run of `import_catalog`: who loaded which file and what it changed."""

    at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("imported by"),
    )
    source_name = models.CharField(_("source"), max_length=300)
    document_sha256 = models.CharField(_("document SHA-256"), max_length=64)
    procedures_created = models.PositiveIntegerField(_("new procedures"), default=0)
    versions_created = models.PositiveIntegerField(_("new versions of known procedures"), default=0)
    procedures_unchanged = models.PositiveIntegerField(_("unchanged procedures"), default=0)
    sectors_written = models.PositiveIntegerField(_("sectors created or renamed"), default=0)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("catalog import")
        verbose_name_plural = _("catalog imports")

    def __str__(self) -> str:
        return f"{self.source_name} ({self.at:%Y-%m-%d %H:%M})"
