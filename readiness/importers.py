"""Importing paper or Excel assessment results (PRODUCT.md section 4).

One importer for the command and the admin upload: the whole file is validated first,
every bad row is reported as ``baris N: kolom: alasan``, and nothing is written unless
every row is valid.
"""

import re

from django.db import transaction
from django.utils.translation import gettext as _

from base.tabular import ImportReport, TabularFileError, read_table
from cooperatives.models import Cooperative

from . import scoring
from .models import Assessment
from .services import framework_specs, replace_answers_from_import

NA_VALUES = {"na", "n/a", "tb"}
# Columns shaped like an indicator code (D1.1, D7, X2.3); anything else (nama, catatan)
# is an ordinary extra column and ignored, as in every other import.
INDICATOR_LIKE = re.compile(r"^[a-z]{1,4}\d+(\.\d+)*$")


def parse_level(text):
    """'' → (False, None) unanswered; 'NA' → (True, None); '0'..'4' → (True, n). ValueError else."""
    text = (text or "").strip()
    if not text:
        return False, None
    if text.lower() in NA_VALUES:
        return True, None
    if text.isdigit() and int(text) in scoring.LEVELS:
        return True, int(text)
    raise ValueError(text)


def import_assessments(source, *, evaluation_round, name=None, user=None, commit=True) -> ImportReport:
    """Validate ``source`` (path or upload) and, if all rows are valid and ``commit``, store it.

    Each valid row becomes (or replaces) the cooperative's assessment in the round, with
    status ``submitted`` and stored scores. A verified assessment is not overwritten.
    """
    report = ImportReport()
    framework = evaluation_round.framework
    specs, indicators, dimensions = framework_specs(framework)
    by_lower = {code.lower(): indicator for code, indicator in indicators.items()}
    try:
        header, rows = read_table(source, name=name)
    except TabularFileError as exc:
        report.errors.append(_FileError(str(exc)))
        return report

    if "nik" not in header:
        report.add_error(1, "nik", _("kolom wajib tidak ada"))
    columns = []
    seen = set()
    for column in header:
        if column in by_lower:
            if column in seen:
                report.add_error(1, by_lower[column].code, _("kolom muncul dua kali"))
            seen.add(column)
            columns.append(column)
        elif column and INDICATOR_LIKE.match(column):
            report.add_error(
                1, column.upper(), _("kode indikator tidak dikenal dalam instrumen %(fw)s") % {"fw": framework}
            )
    if not columns and "nik" in header:
        report.add_error(1, _("indikator"), _("tidak ada kolom kode indikator (misalnya D1.1)"))
    if report.errors:
        return report

    niks = {row.get("nik") for row in rows}
    cooperatives = {c.nik: c for c in Cooperative.objects.filter(nik__in=niks)}
    verified = set(
        Assessment.objects.filter(
            round=evaluation_round, cooperative__nik__in=niks, status=Assessment.STATUS_VERIFIED
        ).values_list("cooperative__nik", flat=True)
    )
    first_row_of = {}
    valid_rows = []
    for row in rows:
        nik = row.get("nik")
        cooperative = None
        if not nik:
            report.add_error(row.number, "nik", _("wajib diisi"))
        elif not re.fullmatch(r"\d{16}", nik):
            report.add_error(row.number, "nik", _("NIK harus 16 digit angka (tertulis '%(value)s')") % {"value": nik})
        elif nik in first_row_of:
            report.add_error(row.number, "nik", _("NIK sudah ada di baris %(row)s") % {"row": first_row_of[nik]})
        elif nik not in cooperatives:
            report.add_error(row.number, "nik", _("koperasi dengan NIK %(nik)s tidak terdaftar") % {"nik": nik})
        elif nik in verified:
            report.add_error(
                row.number, "nik", _("asesmen koperasi ini di putaran ini sudah diverifikasi; tidak ditimpa")
            )
        else:
            cooperative = cooperatives[nik]
        if nik:
            first_row_of.setdefault(nik, row.number)
        levels = {}
        for column in columns:
            indicator = by_lower[column]
            text = row.get(column)
            try:
                answered, level = parse_level(text)
            except ValueError:
                report.add_error(
                    row.number,
                    indicator.code,
                    _("nilai harus 0, 1, 2, 3, 4, NA atau kosong (tertulis '%(value)s')") % {"value": text},
                )
                continue
            if not answered:
                continue
            if level is None and not indicator.allow_na:
                report.add_error(
                    row.number, indicator.code, _("NA (tidak berlaku) tidak diizinkan untuk indikator ini")
                )
                continue
            levels[indicator] = level
        if cooperative is not None:
            valid_rows.append((cooperative, levels))

    if report.errors:
        return report
    if not commit:
        # The preview says what confirming would do, not "0 created, 0 updated".
        existing = set(
            Assessment.objects.filter(
                round=evaluation_round, cooperative__in=[cooperative.pk for cooperative, _levels in valid_rows]
            ).values_list("cooperative_id", flat=True)
        )
        report.created = sum(1 for cooperative, _levels in valid_rows if cooperative.pk not in existing)
        report.updated = len(valid_rows) - report.created
        return report
    with transaction.atomic():
        for cooperative, levels in valid_rows:
            created = replace_answers_from_import(
                evaluation_round=evaluation_round,
                cooperative=cooperative,
                levels=levels,
                specs=specs,
                dimensions=dimensions,
                user=user,
            )
            if created:
                report.created += 1
            else:
                report.updated += 1
    return report


class _FileError:
    """A whole-file error, printed as it is (it already names baris 1 where relevant)."""

    row = 0
    column = ""

    def __init__(self, message):
        self.reason = message

    def __str__(self):
        return self.reason
