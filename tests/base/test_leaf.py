"""``base`` is a leaf (issue #12, STYLE.md "Layers"): every app may import it, it imports no app of ours."""

import ast
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR) / "base"
PROJECT_APPS = {"accounts", "cooperatives", "courses", "quizzes", "readiness", "reports"}


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_base_imports_no_app_of_the_project():
    found = [
        f"{path.relative_to(BASE_DIR.parent)}: {module}"
        for path in sorted(BASE_DIR.rglob("*.py"))
        if "migrations" not in path.parts
        for module in imported_modules(path)
        if module.split(".")[0] in PROJECT_APPS
    ]
    assert found == []
