"""Data for the two-server test, written in its own process into the servers' database.

Run as ``python -m tests.base.multiserver_site`` with ``DATABASE_URL`` naming that
database: migrates it to the head (one process for both steps: each start of Django costs
seconds), then prints what the test needs (usernames, password, the round) as JSON.
"""

import json
import os
import sys

EDITOR = "editor_dua_server"
ANALYST = "analis_dua_server"
ROUND = "dua-server"
KECAMATAN = "Paiton"


def build():
    from readiness.services import create_round, ensure_default_framework
    from tests.factories import DEFAULT_PASSWORD, make_analyst, make_editor, make_kecamatan

    make_editor(username=EDITOR)
    make_analyst(username=ANALYST)
    make_kecamatan(KECAMATAN)
    create_round(slug=ROUND, name="Putaran dua server", framework=ensure_default_framework())
    return {"editor": EDITOR, "analyst": ANALYST, "password": DEFAULT_PASSWORD, "round": ROUND}


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    json.dump(build(), sys.stdout)
