"""Test code keeps pace with app code (issue 12: "test code at least equal to app code").

For each app (and the ``lms`` project package) the non-blank lines of its ``.py`` files,
migrations excluded, are compared with the non-blank lines under ``tests/<app>/``. The target
is 1.0 for every app. Apps still below it are listed in ``BELOW_TARGET`` with the ratio they
had when listed: such an app may not fall below that floor, and once it reaches 1.0 it must
leave the list, so the list only ever shrinks.
"""

from pathlib import Path

from .test_local_imports import APP_CODE

ROOT = Path(__file__).resolve().parents[2]
# The apps whose code is measured: the same list the local-imports test reads.
APPS = tuple(APP_CODE)

# app -> floor: the ratio (rounded down) when the app was last measured below 1.0. Raise a floor
# when tests are added; remove the app when it reaches 1.0. Empty since 2026-11-30: every app
# has at least as much test code as app code, and any app that falls below 1.0 fails the test.
BELOW_TARGET = {}


def non_blank_lines(folder, *, skip_migrations):
    total = 0
    for path in sorted(folder.rglob("*.py")):
        if skip_migrations and "migrations" in path.relative_to(folder).parts:
            continue
        total += sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return total


def ratios():
    result = {}
    for app in APPS:
        code = non_blank_lines(ROOT / app, skip_migrations=True)
        tests_folder = ROOT / "tests" / app
        tests = non_blank_lines(tests_folder, skip_migrations=False) if tests_folder.is_dir() else 0
        result[app] = (code, tests, tests / code)
    return result


def test_every_app_is_counted():
    """A new app folder (one with apps.py) is not silently left out of the measure."""
    found = {path.parent.name for path in ROOT.glob("*/apps.py")} | {"lms"}
    assert found == set(APPS)


def test_counting_skips_blank_lines_and_migrations(tmp_path):
    (tmp_path / "migrations").mkdir()
    (tmp_path / "migrations" / "0001_initial.py").write_text("a = 1\nb = 2\n")
    (tmp_path / "models.py").write_text("a = 1\n\n   \nb = 2\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.py").write_text("c = 3\n")
    assert non_blank_lines(tmp_path, skip_migrations=True) == 3
    assert non_blank_lines(tmp_path, skip_migrations=False) == 5


def test_test_code_at_least_equals_app_code():
    measured = ratios()
    table = "\n".join(
        f"{app:13} code {code:5}  tests {tests:5}  {ratio:.2f}×" for app, (code, tests, ratio) in measured.items()
    )
    below = {app: ratio for app, (_, _, ratio) in measured.items() if ratio < 1.0}
    unlisted = sorted(set(below) - set(BELOW_TARGET))
    fallen = sorted(app for app, floor in BELOW_TARGET.items() if app in below and below[app] < floor)
    reached = sorted(set(BELOW_TARGET) - set(below))
    assert not unlisted, f"apps below 1.0× test code: {unlisted}\n{table}"
    assert not fallen, f"apps whose test code fell below their floor in BELOW_TARGET: {fallen}\n{table}"
    assert not reached, f"apps now at 1.0× or more: remove them from BELOW_TARGET: {reached}\n{table}"
