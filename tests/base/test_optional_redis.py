"""``redis`` is an optional requirement (``requirements-redis.txt``): without ``REDIS_URL``
the settings, the app registry and the cache work with the package missing."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)

WITHOUT_REDIS = """
import sys
sys.modules["redis"] = None  # "import redis" now raises ImportError, as when it is not installed
import django
django.setup()
from django.core.cache import cache
cache.set("probe", 41)
print(cache.get("probe") + 1, "redis" in sys.modules and sys.modules["redis"] is not None)
"""


def test_settings_and_cache_need_no_redis_package_without_redis_url():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.dev"}
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT_REDIS], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["42", "False"]


def test_redis_is_only_in_the_optional_requirements():
    def pinned(name):
        return {line.split("==")[0].lower() for line in (ROOT / name).read_text().splitlines() if "==" in line}

    assert "redis" not in pinned("requirements.txt")
    assert "redis" in pinned("requirements-redis.txt")
    assert "defusedxml" in pinned("requirements.txt")  # openpyxl reads untrusted XLSX through it
