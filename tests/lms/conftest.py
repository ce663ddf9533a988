import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def _site_language_after_each_test():
    """A page requested in English leaves English active in this thread (the middleware
    activates the chosen language and nothing resets it): later tests expect Indonesian."""
    yield
    translation.activate(settings.LANGUAGE_CODE)
