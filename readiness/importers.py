"""Importing paper or Excel assessment results (PRODUCT.md section 4).

A declaration on ``base.importing.Importer``, used by the command and the admin upload:
the whole file is validated first, every bad row is reported as ``baris N: kolom:
alasan``, and nothing is written unless every row is valid.
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from base.importing import Importer, ImportReport
from cooperatives.models import Cooperative
from cooperatives.nik import nik_format_error

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


class AssessmentImporter(Importer):
    """Assessment results of one round: ``nik`` then one column per indicator code.

    Each valid row becomes (or replaces) the cooperative's assessment in the round, with
    status ``submitted`` and stored scores. A verified assessment is not overwritten.
    Construct with ``evaluation_round=`` and (for the admin) ``user=``.
    """

    kind = "assessments"
    label = gettext_lazy("hasil asesmen")
    text_columns = ("nik",)
    evaluation_round = None
    user = None

    def __init__(self, **options):
        super().__init__(**options)
        self.specs, self.indicators, self.dimensions = framework_specs(self.evaluation_round.framework)
        self.by_lower = {code.lower(): indicator for code, indicator in self.indicators.items()}

    @property
    def staging_kind(self):
        return f"{self.kind}-{self.evaluation_round.pk}"

    def template_columns(self):
        return ["nik", *self.indicators]

    @property
    def example_row(self):
        levels = dict(zip(self.indicators, ["4", "3", "2", "1", "0", "NA"] * len(self.indicators), strict=False))
        return {"nik": "3513100000000001", **levels}

    def template_filename(self):
        return f"templat-impor-asesmen-{self.evaluation_round.slug}.xlsx"

    def check_header(self, header, report):
        if "nik" not in header:
            report.add_error(1, "nik", _("kolom wajib tidak ada"))
        self.columns = []
        seen = set()
        for column in header:
            if column in self.by_lower:
                if column in seen:
                    report.add_error(1, self.by_lower[column].code, _("kolom muncul dua kali"))
                seen.add(column)
                self.columns.append(column)
            elif column and INDICATOR_LIKE.match(column):
                report.add_error(
                    1,
                    column.upper(),
                    _("kode indikator tidak dikenal dalam instrumen %(fw)s") % {"fw": self.evaluation_round.framework},
                )
        if not self.columns and "nik" in header:
            report.add_error(1, _("indikator"), _("tidak ada kolom kode indikator (misalnya D1.1)"))

    def validate(self, rows, report):
        evaluation_round = self.evaluation_round
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
            elif error := nik_format_error(nik):
                report.add_error(row.number, "nik", error)
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
            for column in self.columns:
                indicator = self.by_lower[column]
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
        if not report.ok:
            return None
        # The preview says what confirming would do, not "0 created, 0 updated".
        existing = set(
            Assessment.objects.filter(
                round=evaluation_round, cooperative__in=[cooperative.pk for cooperative, _levels in valid_rows]
            ).values_list("cooperative_id", flat=True)
        )
        report.created = sum(1 for cooperative, _levels in valid_rows if cooperative.pk not in existing)
        report.updated = len(valid_rows) - report.created
        return valid_rows

    def write(self, plan, report):
        report.created = report.updated = 0
        for cooperative, levels in plan:
            created = replace_answers_from_import(
                evaluation_round=self.evaluation_round,
                cooperative=cooperative,
                levels=levels,
                specs=self.specs,
                dimensions=self.dimensions,
                user=self.user,
            )
            if created:
                report.created += 1
            else:
                report.updated += 1


def import_assessments(source, *, evaluation_round, name=None, user=None, dry_run=False) -> ImportReport:
    """Validate ``source`` (path or upload) and, if all rows are valid and not ``dry_run``, store it."""
    return AssessmentImporter(evaluation_round=evaluation_round, user=user).run(source, name=name, dry_run=dry_run)
