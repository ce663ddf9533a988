"""Send report reads to a read replica when one is configured (DATABASE_REPLICA_URL).

Only reads made inside ``report_reads()`` go to the replica: a learner who has just
submitted a quiz must read their own write from the primary, while the district
dashboard can tolerate a replica that is a second behind.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA_ALIAS = "replica"

_reading_reports = ContextVar("reading_reports", default=False)


@contextmanager
def report_reads():
    """Within this block, reads are routed to the replica (if configured)."""
    token = _reading_reports.set(True)
    try:
        yield
    finally:
        _reading_reports.reset(token)


def report_database():
    """The alias report reads use right now: the replica if configured, else default."""
    return REPLICA_ALIAS if REPLICA_ALIAS in settings.DATABASES else "default"


class ReportReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reading_reports.get():
            return report_database()
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
