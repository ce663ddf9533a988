"""Writes to the cooperative registry."""

from django.db import IntegrityError, transaction

from .models import generate_join_code


def regenerate_join_code(*, cooperative, attempts=5):
    """Give ``cooperative`` a new join code; the old one stops working at once."""
    for _attempt in range(attempts):
        cooperative.join_code = generate_join_code()
        try:
            with transaction.atomic():
                cooperative.save(update_fields=["join_code", "updated_at"])
        except IntegrityError:
            # Another cooperative drew the same code (about 1 in 10^12): draw again.
            continue
        return cooperative.join_code
    raise IntegrityError("could not draw a unique join code")
