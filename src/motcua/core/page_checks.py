"""Accessibility checks a test can make on a rendered page without a browser (WCAG 2.1 AA).

The full axe-core run in Chromium is separate; these catch the common slips early: a form
field without a label, a page without a language, an image without a text alternative, a
heading level skipped.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

_UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}


@dataclass
class PageFindings:
    lang: str = ""
    title: str = ""
    problems: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings = PageFindings()
        self.label_targets: set[str] = set()
        self.fields: list[tuple[str, str, bool]] = []  # (id, name, wrapped in a label)
        self.open_labels = 0
        self.in_title = False
        self.last_heading = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.findings.lang = values.get("lang", "")
        elif tag == "title":
            self.in_title = True
        elif tag == "label":
            self.open_labels += 1
            if values.get("for"):
                self.label_targets.add(values["for"])
        elif tag in {"input", "select", "textarea"}:
            if tag == "input" and values.get("type", "text") in _UNLABELLED_TYPES:
                return
            if values.get("aria-label") or values.get("aria-labelledby"):
                return
            self.fields.append((values.get("id", ""), values.get("name", ""), self.open_labels > 0))
        elif tag == "img" and "alt" not in values:
            self.findings.problems.append(f"image without alt: {values.get('src', '')}")
        elif len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            level = int(tag[1])
            if self.last_heading and level > self.last_heading + 1:
                self.findings.problems.append(f"heading level skipped: h{self.last_heading}→{tag}")
            self.last_heading = level

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.open_labels = max(0, self.open_labels - 1)
        elif tag == "title":
            self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.findings.title += data


def check_page(html: str) -> PageFindings:
    """Read a page and list what breaks the basic checks (empty `problems` when none)."""
    reader = _Reader()
    reader.feed(html)
    findings = reader.findings
    for field_id, name, wrapped in reader.fields:
        if not wrapped and (not field_id or field_id not in reader.label_targets):
            findings.problems.append(f"field without a label: {name or field_id}")
    if not findings.lang:
        findings.problems.append("the page has no lang attribute")
    if not findings.title.strip():
        findings.problems.append("the page has no title")
    return findings
