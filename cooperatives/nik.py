"""The NIK rule (Nomor Induk Koperasi): one place for the model, the forms and every import.

A NIK is exactly 16 ASCII digits. Python's ``\\d`` also matches other scripts' digits
(``٣``) and ``$`` lets a trailing newline through, so the rule spells both out.
"""

import re

from django.core.validators import RegexValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

NIK_LENGTH = 16
NIK_PATTERN = r"\A[0-9]{16}\Z"

# The model field's validator (forms and the admin run it).
nik_validator = RegexValidator(NIK_PATTERN, gettext_lazy("NIK koperasi harus 16 digit angka."))


def is_valid_nik(value) -> bool:
    return isinstance(value, str) and re.fullmatch(NIK_PATTERN, value) is not None


def nik_format_error(value) -> str | None:
    """Why ``value`` is not a NIK, in an import report's words (``baris N: nik: …``); None if it is."""
    if is_valid_nik(value):
        return None
    return _("harus 16 digit angka (tertulis %(value)s)") % {"value": value}
