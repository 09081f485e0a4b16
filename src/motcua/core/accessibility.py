"""axe-core in a real browser: `assert_no_axe_violations(page)` for any Playwright page.

The bundled `core/axe/axe.min.js` (axe-core 4.14.1, MPL-2.0; docs/adr/0120) is injected into
the page as it stands and run against WCAG 2.0/2.1 A and AA rules. Each violation is reported
with its rule, impact, help text and the offending elements' selectors, so the failure says
what to fix. Nothing is fetched from the network.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

AXE_VERSION = "4.14.1"
AXE_SCRIPT = Path(__file__).resolve().parent / "axe" / "axe.min.js"
WCAG_AA_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")


@dataclass(frozen=True)
class AxeViolation:
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        return f"[{self.impact}] {self.rule}: {self.help} — {', '.join(self.targets[:5])}"


def axe_violations(page: Any, *, tags: tuple[str, ...] = WCAG_AA_TAGS) -> list[AxeViolation]:
    """Run axe-core on the page's current document and return its violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate(
        """async (tags) => await axe.run(document, {
               runOnly: {type: 'tag', values: tags},
               resultTypes: ['violations'],
           })""",
        list(tags),
    )
    return [
        AxeViolation(
            rule=violation["id"],
            impact=violation.get("impact") or "",
            help=violation["help"],
            targets=tuple(
                " ".join(str(part) for part in node["target"]) for node in violation["nodes"]
            ),
        )
        for violation in results["violations"]
    ]


def assert_no_axe_violations(
    page: Any, *, tags: tuple[str, ...] = WCAG_AA_TAGS, label: str = ""
) -> None:
    """Fail with every axe-core violation on the page (WCAG 2.1 A and AA by default)."""
    violations = axe_violations(page, tags=tags)
    if violations:
        where = label or page.url
        listed = "\n  ".join(str(violation) for violation in violations)
        raise AssertionError(
            f"axe-core found {len(violations)} violation(s) on {where}:\n  {listed}"
        )
