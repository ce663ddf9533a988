"""Without Chromium the browser tests say why and how to fix it: they fail in CI and are
skipped elsewhere (tests/browser.py)."""

import pytest
from _pytest.outcomes import Failed, Skipped

from tests import browser


def test_missing_chromium_fails_in_ci_and_names_the_fix(monkeypatch, tmp_path):
    monkeypatch.setattr(browser, "CHROMIUM", str(tmp_path / "chromium"))
    monkeypatch.setenv("CI", "1")
    with pytest.raises(Failed, match="make browser") as failure:
        browser.require_chromium()
    assert str(tmp_path / "chromium") in str(failure.value)


def test_missing_chromium_is_skipped_outside_ci_with_the_fix(monkeypatch, tmp_path):
    monkeypatch.setattr(browser, "CHROMIUM", str(tmp_path / "chromium"))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(Skipped, match="make browser"):
        browser.require_chromium()


def test_present_chromium_lets_the_tests_run(monkeypatch, tmp_path):
    (tmp_path / "chromium").write_text("")
    monkeypatch.setattr(browser, "CHROMIUM", str(tmp_path / "chromium"))
    monkeypatch.setenv("CI", "1")
    browser.require_chromium()  # neither fails nor skips
