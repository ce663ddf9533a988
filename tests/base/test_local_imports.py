"""Imports sit at the top of the file (issue #12, STYLE.md "Layers").

A function-local import is allowed only where Django requires one (an ``AppConfig.ready()``
that needs models, which load after ``apps.py``), and then it says why on the same line or
the line above: ``# local import: <reason>``. Migrations are Django's own; tests and the
benchmark (``bench/``, which configures settings before importing Django) are not app code.
"""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APP_CODE = [
    "accounts",
    "base",
    "certificates",
    "cooperatives",
    "courses",
    "lms",
    "network",
    "offline",
    "quizzes",
    "readiness",
    "reports",
]
REASON = "# local import:"


def function_local_imports(source, filename="<source>", *, with_reason=False):
    """(line, statement) of every import inside a function without a ``# local import:``
    reason (``with_reason``: every one, reason or not)."""
    tree = ast.parse(source, filename=filename)
    lines = source.splitlines()
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            line = lines[node.lineno - 1]
            above = lines[node.lineno - 2].strip() if node.lineno > 1 else ""
            reason = line.partition(REASON)[2].strip() or (
                above.partition(REASON)[2].strip() if above.startswith("#") else ""
            )
            if with_reason or not reason:
                found.append((node.lineno, line.strip()))
    return sorted(set(found))


def app_files():
    for app in APP_CODE:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.relative_to(ROOT).parts:
                yield path


def test_no_function_local_import_without_a_reason():
    found = [
        f"{path.relative_to(ROOT)}:{line}: {statement}"
        for path in app_files()
        for line, statement in function_local_imports(path.read_text(encoding="utf-8"), str(path))
    ]
    assert found == []


def test_local_imports_are_only_where_the_app_registry_needs_them():
    # Django requires them in ``AppConfig.ready()`` only (models load after apps.py); a
    # reason elsewhere (start-up time, a cycle) is not one: the module goes to the top.
    found = [
        f"{path.relative_to(ROOT)}:{line}: {statement}"
        for path in app_files()
        if path.name != "apps.py"
        for line, statement in function_local_imports(path.read_text(encoding="utf-8"), str(path), with_reason=True)
    ]
    assert found == []


def test_the_walk_covers_every_app_of_the_project():
    apps = {name for name in settings.INSTALLED_APPS if (ROOT / name / "apps.py").exists()}
    assert apps <= set(APP_CODE)
    assert sum(1 for _ in app_files()) > 100


def test_a_local_import_is_found_unless_it_gives_its_reason():
    source = """
import os


def top():
    from django.db import models
    return models


class Config:
    def ready(self):
        from . import signals  # local import: models load after apps.py

        # local import: the registry is ready only here
        from .receivers import receiver

        import json
        return signals, receiver, json


async def later():
    import asyncio  # local import:
    return asyncio
"""
    assert function_local_imports(source) == [
        (6, "from django.db import models"),
        (17, "import json"),
        (22, "import asyncio  # local import:"),
    ]
    assert [line for line, _ in function_local_imports(source, with_reason=True)] == [6, 12, 15, 17, 22]
