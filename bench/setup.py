"""Point Django at the bench database and settings, migrate it and collect static files."""

import os
import time

from . import database


def configure():
    """Prepare an empty bench database and start Django on ``bench.settings``.

    Returns (database URL, whether it came from the migrated template).
    """
    url = database.bench_database_url(os.environ.get("DATABASE_URL", ""))
    from_template = database.recreate(url)
    os.environ["BENCH_DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    return url, from_template


def collect_static():
    """Collect static files again and make this process read the new manifest.

    The other apps may gain a stylesheet while a long run is going (their templates are
    read from disk by gunicorn); a stale manifest would turn those pages into errors.
    """
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    if hasattr(staticfiles_storage, "load_manifest"):
        staticfiles_storage.hashed_files, staticfiles_storage.manifest_hash = staticfiles_storage.load_manifest()


def migrate_and_collect(url, from_template, stdout):
    from django.core.management import call_command
    from django.db import connections

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    if not from_template:
        connections.close_all()
        database.save_template(url)
    stdout.write(f"  migrate: {time.perf_counter() - started:.1f} s{' (template)' if from_template else ''}\n")
    started = time.perf_counter()
    collect_static()
    stdout.write(f"  collectstatic: {time.perf_counter() - started:.1f} s\n")
