import shutil

import pytest
from django.conf import settings

pytest_plugins = ["tests.browser"]


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Uploads in tests go to a temporary folder, never to ./media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


@pytest.fixture
def anyio_backend():
    return "asyncio"


__all__ = ["settings"]
