"""Without Debian's Chromium the journeys fail in CI and are skipped elsewhere."""

import pytest

from motcua.backoffice.tests.browser.conftest import _unavailable


@pytest.mark.parametrize(
    ("ci", "outcome"), [("true", pytest.fail.Exception), ("", pytest.skip.Exception)]
)
def test_a_missing_chromium_fails_in_ci_and_skips_elsewhere(
    monkeypatch: pytest.MonkeyPatch, ci: str, outcome: type[BaseException]
) -> None:
    # given
    monkeypatch.setenv("CI", ci)
    # when / then
    with pytest.raises(outcome, match="apt-get install chromium"):
        _unavailable("no /usr/bin/chromium")


def test_a_missing_tool_names_its_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="apt-get install poppler-utils libnss3-tools"):
        _unavailable("no pdfsig", packages="poppler-utils libnss3-tools")
