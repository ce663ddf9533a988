"""Kinds of export job that other apps add, registered by dotted path.

Apart from ``reports.jobs`` (which loads the PDF and spreadsheet libraries) because apps
register from ``AppConfig.ready()``, which every process runs at start-up: a management
command or a web worker that never runs a job should not pay for importing them. The
function is imported when a job of its kind runs.
"""

from django.utils.module_loading import import_string

from .models import ExportJob

_PATHS = {}


def register_exporter(kind: str, path: str) -> None:
    """Let another app run jobs of ``kind`` (one of ``ExportJob.KIND_CHOICES``): ``path``
    names its ``function(job, stream)``."""
    if kind not in dict(ExportJob.KIND_CHOICES):
        raise ValueError(f"unknown export kind {kind!r}")
    _PATHS[kind] = path


def registered_exporter(kind: str):
    """The function registered for ``kind`` (KeyError when none is)."""
    return import_string(_PATHS[kind])
