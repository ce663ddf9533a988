"""Importing the business network from spreadsheets (PRODUCT.md sections 4 and 7).

One importer per file type, used by the management commands, the Wagtail admin upload
and the demo data alike. Each reads the whole file, lists every bad row as
``baris N: kolom: alasan`` and writes nothing unless the whole file is valid.
``dry_run=True`` gives the preview: what would be created, updated or left unchanged.

Each importer is a small declaration (columns, one function that validates a row and
one that writes the valid rows), so they can move onto a shared importer contract.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.phone import normalize_phone
from base.importing import Importer, apply_changes, split_by_key
from cooperatives.models import Cooperative

from . import figures, services
from .models import Agreement, Commitment, CommitmentFollowUp, Event, FollowUp, Participant, Partner

PARTNER_COLUMNS = ("kode", "nama", "jenis", "provinsi")
PARTNER_OPTIONAL = ("kabupaten", "kontak", "telepon")
PARTICIPANT_COLUMNS = ("nama",)
PARTICIPANT_OPTIONAL = ("telepon", "nik", "mitra", "hadir", "pre_test", "post_test")
AGREEMENT_COLUMNS = ("kode", "nik", "mitra", "bidang", "nilai_potensi")
AGREEMENT_OPTIONAL = ("uraian", "tanggal")
COMMITMENT_COLUMNS = ("kerja_sama", "pihak", "uraian")
COMMITMENT_OPTIONAL = ("batas_waktu",)
EVALUATION_COLUMNS = ("kode", "status", "nilai_realisasi")
MAX_COMMITMENT_COLUMNS = 50
EVALUATION_OPTIONAL = ("kendala", "lanjut", "catatan", *(f"komitmen_{n}" for n in range(1, MAX_COMMITMENT_COLUMNS + 1)))

YES = {"ya", "y", "yes", "1", "hadir", "true"}
NO = {"tidak", "t", "no", "n", "0", "false", "tidak hadir"}
DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


class ImportSetupError(Exception):
    """The import cannot start (unknown event, wrong kind); not a row error."""


# --- cell rules shared by the importers ------------------------------------------------------


def _length(report, row, column, value, limit):
    if len(value) > limit:
        report.add_error(row.number, column, _("paling banyak %(n)d karakter") % {"n": limit})


def _choice(report, row, column, codes):
    value = row.get(column).strip().lower()
    if value not in codes:
        report.add_error(
            row.number,
            column,
            _("'%(value)s' tidak dikenal; pilih salah satu: %(choices)s")
            % {"value": row.get(column).strip(), "choices": ", ".join(codes)},
        )
        return None
    return value


def rupiah_cell(report, row, column, *, required=True):
    """A Rupiah cell as a whole, non-negative integer (``Rp 120.000.000`` allowed)."""
    raw = row.get(column).strip()
    if not raw:
        if required:
            report.add_error(row.number, column, _("wajib diisi"))
        return None
    try:
        return figures.parse_rupiah(raw)
    except figures.RupiahError as exc:
        reasons = {
            "negative": _("tidak boleh negatif (tertulis %(value)s)"),
            "fractional": _("harus Rupiah utuh tanpa pecahan (tertulis %(value)s)"),
        }
        reason = reasons.get(str(exc), _("bukan jumlah Rupiah yang valid (tertulis %(value)s)"))
        report.add_error(row.number, column, reason % {"value": raw})
        return None


def date_cell(report, row, column):
    raw = row.get(column).strip()
    if not raw:
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    report.add_error(
        row.number, column, _("tanggal tidak valid (tertulis %(value)s); gunakan YYYY-MM-DD") % {"value": raw}
    )
    return None


def yes_no_cell(report, row, column):
    raw = row.get(column).strip().lower()
    if not raw:
        return None
    if raw in YES:
        return True
    if raw in NO:
        return False
    report.add_error(
        row.number, column, _("isi ya atau tidak (tertulis %(value)s)") % {"value": row.get(column).strip()}
    )
    return None


def score_cell(report, row, column):
    raw = row.get(column).strip().replace(",", ".")
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        value = None
    if value is None or not 0 <= value <= 100:
        report.add_error(row.number, column, _("harus angka 0 sampai 100 (tertulis %(value)s)") % {"value": raw})
        return None
    return value


def _duplicate(report, row, column, key, seen, label):
    if not key:
        return
    if key in seen:
        report.add_error(
            row.number, column, _("%(label)s sama dengan baris %(row)d") % {"label": label, "row": seen[key]}
        )
    else:
        seen[key] = row.number


def event_or_error(slug, *, kind=None):
    event = Event.objects.filter(slug=slug).first()
    if event is None:
        raise ImportSetupError(_("Kegiatan %(slug)s tidak ada.") % {"slug": slug})
    if kind is not None and event.kind != kind:
        raise ImportSetupError(
            _("Kegiatan %(slug)s berjenis %(kind)s, bukan %(wanted)s.")
            % {"slug": slug, "kind": event.kind, "wanted": kind}
        )
    return event


# --- partners ---------------------------------------------------------------------------


_PARTNER_FIELDS = {
    "name": "nama",
    "jenis": "jenis",
    "provinsi": "provinsi",
    "kabupaten": "kabupaten",
    "contact": "kontak",
    "phone": "telepon",
}


class PartnerImporter(Importer):
    """Upsert partners by ``kode`` from ``kode,nama,jenis,provinsi,kabupaten,kontak,telepon``."""

    kind = "network-partners"
    label = gettext_lazy("mitra")
    required_columns = PARTNER_COLUMNS
    optional_columns = PARTNER_OPTIONAL
    text_columns = ("kode", "telepon")
    example_row = {
        "kode": "M-01",
        "nama": "Koperasi Tani Makmur Sleman",
        "jenis": "koperasi",
        "provinsi": "DI Yogyakarta",
        "kabupaten": "Sleman",
        "kontak": "Pak Harjo",
        "telepon": "0274123456",
    }

    def validate(self, rows, report):
        seen, planned = {}, []
        for row in rows:
            errors_before = len(report.errors)
            code = row.get("kode").strip()
            if not code:
                report.add_error(row.number, "kode", _("wajib diisi"))
            _duplicate(report, row, "kode", code, seen, _("kode"))
            values = {}
            for field_name, column in _PARTNER_FIELDS.items():
                values[field_name] = row.get(column).strip()
                _length(report, row, column, values[field_name], Partner._meta.get_field(field_name).max_length)
            _length(report, row, "kode", code, Partner._meta.get_field("code").max_length)
            for column in ("nama", "provinsi"):
                if not row.get(column).strip():
                    report.add_error(row.number, column, _("wajib diisi"))
            values["jenis"] = _choice(report, row, "jenis", Partner.JENIS_CODES)
            if len(report.errors) == errors_before:
                planned.append((code, values))
        if not report.ok:
            return None
        existing = {p.code: p for p in Partner.objects.filter(code__in=[code for code, _v in planned])}
        return split_by_key(planned, existing, lambda code, values: Partner(code=code, **values), report)

    def write(self, plan, report):
        to_create, to_update = plan
        Partner.objects.bulk_create(to_create, batch_size=500)
        Partner.objects.bulk_update(to_update, list(_PARTNER_FIELDS), batch_size=500)


def import_partners(source, *, name=None, dry_run=False):
    return PartnerImporter().run(source, name=name, dry_run=dry_run)


# --- participants -----------------------------------------------------------------------


class EventParticipantImporter(Importer):
    """Register participants of ``event`` from ``nama,telepon,nik,mitra,hadir`` (+ ``pre_test``,
    ``post_test`` paper scores). A known phone (or, without one, the same name from the same
    place) updates that participant; ``hadir`` empty leaves attendance as it is."""

    kind = "network-participants"
    label = gettext_lazy("peserta kegiatan")
    required_columns = PARTICIPANT_COLUMNS
    optional_columns = PARTICIPANT_OPTIONAL
    text_columns = ("telepon", "nik", "mitra")
    example_row = {
        "nama": "Siti Aminah",
        "telepon": "081234500001",
        "nik": "3513010000000001",
        "mitra": "",
        "hadir": "ya",
        "pre_test": "",
        "post_test": "",
    }

    event = None
    user = None

    @property
    def staging_kind(self):
        return f"{self.kind}-{self.event.pk}"

    def validate(self, rows, report):
        cooperatives = {c.nik: c for c in Cooperative.objects.filter(nik__in={r.get("nik").strip() for r in rows})}
        partners = {p.code: p for p in Partner.objects.filter(code__in={r.get("mitra").strip() for r in rows})}
        seen_phone, seen_name, planned = {}, {}, []
        for row in rows:
            errors_before = len(report.errors)
            person = row.get("nama").strip()
            if not person:
                report.add_error(row.number, "nama", _("wajib diisi"))
            _length(report, row, "nama", person, Participant._meta.get_field("name").max_length)
            raw_phone = row.get("telepon").strip()
            phone = normalize_phone(raw_phone) if raw_phone else ""
            if raw_phone and not phone:
                report.add_error(
                    row.number, "telepon", _("bukan nomor HP yang valid (tertulis %(value)s)") % {"value": raw_phone}
                )
            nik, code = row.get("nik").strip(), row.get("mitra").strip()
            cooperative = partner = None
            if nik and code:
                report.add_error(row.number, "mitra", _("isi nik atau mitra, tidak keduanya"))
            elif nik:
                cooperative = cooperatives.get(nik)
                if cooperative is None:
                    report.add_error(row.number, "nik", _("koperasi dengan NIK %(nik)s belum terdaftar") % {"nik": nik})
            elif code:
                partner = partners.get(code)
                if partner is None:
                    report.add_error(
                        row.number, "mitra", _("mitra dengan kode %(code)s belum terdaftar") % {"code": code}
                    )
            _duplicate(report, row, "telepon", phone, seen_phone, _("nomor HP"))
            if not phone:
                _duplicate(report, row, "nama", (person.lower(), nik, code), seen_name, _("nama"))
            present = yes_no_cell(report, row, "hadir")
            pre, post = score_cell(report, row, "pre_test"), score_cell(report, row, "post_test")
            if len(report.errors) == errors_before:
                planned.append(
                    {
                        "name": person,
                        "phone": phone,
                        "cooperative": cooperative,
                        "partner": partner,
                        "present": present,
                        "pre_score": pre,
                        "post_score": post,
                    }
                )
        if not report.ok:
            return None

        existing = list(Participant.objects.filter(event=self.event))
        by_phone = {p.phone: p for p in existing if p.phone}
        by_name = {(p.name.lower(), p.cooperative_id, p.partner_id): p for p in existing}
        users = {
            u.phone: u for u in get_user_model().objects.filter(phone__in=[v["phone"] for v in planned if v["phone"]])
        }
        to_create, to_update, newly_present = [], [], []
        for values in planned:
            key = (
                values["name"].lower(),
                getattr(values["cooperative"], "pk", None),
                getattr(values["partner"], "pk", None),
            )
            current = by_phone.get(values["phone"]) if values["phone"] else by_name.get(key)
            present, pre, post = values.pop("present"), values.pop("pre_score"), values.pop("post_score")
            if current is None:
                current = Participant(event=self.event, user=users.get(values["phone"]), **values)
                to_create.append(current)
            else:
                before = (
                    current.name,
                    current.cooperative_id,
                    current.partner_id,
                    current.present,
                    current.pre_score,
                    current.post_score,
                )
                current.name = values["name"]
                current.cooperative, current.partner = values["cooperative"], values["partner"]
            if present is not None and present != current.present:
                current.present = present
                if not present:
                    current.checked_in_at = None
                else:
                    newly_present.append(current)
            current.pre_score = pre if pre is not None else current.pre_score
            current.post_score = post if post is not None else current.post_score
            if current.pk is not None:
                after = (
                    current.name,
                    current.cooperative_id,
                    current.partner_id,
                    current.present,
                    current.pre_score,
                    current.post_score,
                )
                if after != before:
                    to_update.append(current)
                else:
                    report.unchanged += 1
        report.created, report.updated = len(to_create), len(to_update)
        return to_create, to_update, newly_present

    def write(self, plan, report):
        to_create, to_update, newly_present = plan
        Participant.objects.bulk_create(to_create, batch_size=500)
        Participant.objects.bulk_update(
            to_update,
            ["name", "cooperative", "partner", "present", "checked_in_at", "pre_score", "post_score"],
            batch_size=500,
        )
        present_ids = [p.pk for p in newly_present if p.pk]
        for participant in Participant.objects.filter(pk__in=present_ids).select_related("event__post_test"):
            services.attendance_confirmed(participant=participant)


def import_event_participants(source, *, event, name=None, dry_run=False):
    return EventParticipantImporter(event=event).run(source, name=name, dry_run=dry_run)


# --- agreements -------------------------------------------------------------------------


_AGREEMENT_FIELDS = ("cooperative", "partner", "field", "description", "signed_on", "potential_value")


class AgreementImporter(Importer):
    """Upsert ``event``'s agreements by ``kode`` from ``kode,nik,mitra,bidang,uraian,nilai_potensi,tanggal``."""

    kind = "network-agreements"
    label = gettext_lazy("kerja sama")
    required_columns = AGREEMENT_COLUMNS
    optional_columns = AGREEMENT_OPTIONAL
    text_columns = ("kode", "nik", "mitra")
    example_row = {
        "kode": "KS-01",
        "nik": "3513010000000001",
        "mitra": "M-01",
        "bidang": "pemasaran",
        "uraian": "Bawang merah ke Sleman",
        "nilai_potensi": "Rp 120.000.000",
        "tanggal": "2018-05-15",
    }

    event = None
    user = None

    @property
    def staging_kind(self):
        return f"{self.kind}-{self.event.pk}"

    def validate(self, rows, report):
        cooperatives = {c.nik: c for c in Cooperative.objects.filter(nik__in={r.get("nik").strip() for r in rows})}
        partners = {p.code: p for p in Partner.objects.filter(code__in={r.get("mitra").strip() for r in rows})}
        existing = {
            a.code: a
            for a in Agreement.objects.filter(code__in={r.get("kode").strip() for r in rows}).select_related("event")
        }
        seen, planned = {}, []
        code_limit = Agreement._meta.get_field("code").max_length
        for row in rows:
            errors_before = len(report.errors)
            code = row.get("kode").strip()
            if not code:
                report.add_error(row.number, "kode", _("wajib diisi"))
            _length(report, row, "kode", code, code_limit)
            _duplicate(report, row, "kode", code, seen, _("kode"))
            current = existing.get(code)
            if current is not None and current.event_id != self.event.pk:
                report.add_error(
                    row.number,
                    "kode",
                    _("sudah dipakai kerja sama dari kegiatan %(slug)s") % {"slug": current.event.slug},
                )
            nik, partner_code = row.get("nik").strip(), row.get("mitra").strip()
            cooperative, partner = cooperatives.get(nik), partners.get(partner_code)
            if not nik:
                report.add_error(row.number, "nik", _("wajib diisi"))
            elif cooperative is None:
                report.add_error(row.number, "nik", _("koperasi dengan NIK %(nik)s belum terdaftar") % {"nik": nik})
            if not partner_code:
                report.add_error(row.number, "mitra", _("wajib diisi"))
            elif partner is None:
                report.add_error(
                    row.number, "mitra", _("mitra dengan kode %(code)s belum terdaftar") % {"code": partner_code}
                )
            field = _choice(report, row, "bidang", list(figures.FIELDS))
            potential = rupiah_cell(report, row, "nilai_potensi")
            signed_on = date_cell(report, row, "tanggal")
            if len(report.errors) == errors_before:
                planned.append(
                    (
                        code,
                        {
                            "cooperative": cooperative,
                            "partner": partner,
                            "field": field,
                            "description": row.get("uraian").strip(),
                            "signed_on": signed_on,
                            "potential_value": potential,
                        },
                    )
                )
        if not report.ok:
            return None
        return split_by_key(
            planned, existing, lambda code, values: Agreement(code=code, event=self.event, **values), report
        )

    def write(self, plan, report):
        to_create, to_update = plan
        Agreement.objects.bulk_create(to_create, batch_size=500)
        Agreement.objects.bulk_update(to_update, list(_AGREEMENT_FIELDS), batch_size=500)


def import_agreements(source, *, event, name=None, dry_run=False):
    return AgreementImporter(event=event).run(source, name=name, dry_run=dry_run)


# --- commitments ---------------------------------------------------------------------------


class CommitmentImporter(Importer):
    """An agreement's commitments from ``kerja_sama,pihak,uraian,batas_waktu``, in file order.

    The rows of one agreement replace its list: the first is commitment 1, and so on, so
    importing the same file again changes nothing. A commitment beyond the file's count
    is removed unless a follow-up already answered it (then the row count is an error).
    """

    kind = "network-commitments"
    label = gettext_lazy("komitmen")
    required_columns = COMMITMENT_COLUMNS
    optional_columns = COMMITMENT_OPTIONAL
    text_columns = ("kerja_sama",)
    example_row = {
        "kerja_sama": "KS-01",
        "pihak": "koperasi",
        "uraian": "Kirim contoh 50 kg",
        "batas_waktu": "2018-06-30",
    }

    def validate(self, rows, report):
        agreements = {a.code: a for a in Agreement.objects.filter(code__in={r.get("kerja_sama").strip() for r in rows})}
        planned = {}
        party_codes = [code for code, _label in Commitment.PARTY_CHOICES]
        for row in rows:
            errors_before = len(report.errors)
            code = row.get("kerja_sama").strip()
            agreement = agreements.get(code)
            if not code:
                report.add_error(row.number, "kerja_sama", _("wajib diisi"))
            elif agreement is None:
                report.add_error(row.number, "kerja_sama", _("kerja sama %(code)s belum ada") % {"code": code})
            party = _choice(report, row, "pihak", party_codes)
            description = row.get("uraian").strip()
            if not description:
                report.add_error(row.number, "uraian", _("wajib diisi"))
            _length(report, row, "uraian", description, Commitment._meta.get_field("description").max_length)
            due_on = date_cell(report, row, "batas_waktu")
            if len(report.errors) == errors_before:
                planned.setdefault(agreement, []).append(
                    (row.number, {"party": party, "description": description, "due_on": due_on})
                )
        if not report.ok:
            return None
        existing = {}
        for commitment in Commitment.objects.filter(agreement__in=list(planned)):
            existing.setdefault(commitment.agreement_id, {})[commitment.position] = commitment
        answered = set(
            CommitmentFollowUp.objects.filter(commitment__agreement__in=list(planned)).values_list(
                "commitment_id", flat=True
            )
        )
        to_create, to_update, to_delete = [], [], []
        for agreement, items in planned.items():
            current = existing.get(agreement.pk, {})
            for position, (_number, values) in enumerate(items, start=1):
                commitment = current.get(position)
                if commitment is None:
                    to_create.append(Commitment(agreement=agreement, position=position, **values))
                elif apply_changes(commitment, values):
                    to_update.append(commitment)
                else:
                    report.unchanged += 1
            for position, commitment in current.items():
                if position > len(items):
                    if commitment.pk in answered:
                        report.add_error(
                            items[-1][0],
                            "kerja_sama",
                            _("%(code)s punya komitmen ke-%(n)d yang sudah dievaluasi; sertakan lagi di berkas")
                            % {"code": agreement.code, "n": position},
                        )
                    to_delete.append(commitment.pk)
        if not report.ok:
            return None
        report.created, report.updated = len(to_create), len(to_update)
        if to_delete:
            report.messages.append(_("komitmen dihapus: %(n)d") % {"n": len(to_delete)})
        return to_delete, to_create, to_update

    def write(self, plan, report):
        to_delete, to_create, to_update = plan
        Commitment.objects.filter(pk__in=to_delete).delete()
        Commitment.objects.bulk_create(to_create, batch_size=500)
        Commitment.objects.bulk_update(to_update, ["party", "description", "due_on"], batch_size=500)


def import_commitments(source, *, name=None, dry_run=False):
    return CommitmentImporter().run(source, name=name, dry_run=dry_run)


# --- follow-up evaluations --------------------------------------------------------------------


class NetworkEvaluationImporter(Importer):
    """Follow-ups at the ``evaluasi`` ``event`` from ``kode,status,nilai_realisasi,kendala,lanjut,
    catatan,komitmen_1,…`` (kendala separated by ``;``; komitmen_N in the agreement's order).
    Stored as submitted (source: import); a verified follow-up is not overwritten."""

    kind = "network-evaluation"
    label = gettext_lazy("tindak lanjut kerja sama")
    required_columns = EVALUATION_COLUMNS
    optional_columns = EVALUATION_OPTIONAL
    text_columns = ("kode",)
    example_row = {
        "kode": "KS-01",
        "status": "berjalan",
        "nilai_realisasi": "Rp 45.000.000",
        "kendala": "logistik;harga",
        "lanjut": "ya",
        "catatan": "",
        "komitmen_1": "ya",
        "komitmen_2": "sebagian",
    }

    event = None
    user = None

    @property
    def staging_kind(self):
        return f"{self.kind}-{self.event.pk}"

    def template_columns(self):
        return [*EVALUATION_COLUMNS, "kendala", "lanjut", "catatan", "komitmen_1", "komitmen_2", "komitmen_3"]

    def validate(self, rows, report):
        codes = {r.get("kode").strip() for r in rows}
        agreements = {a.code: a for a in Agreement.objects.filter(code__in=codes)}
        commitments = {}
        for commitment in Commitment.objects.filter(agreement__code__in=codes).order_by("agreement_id", "position"):
            commitments.setdefault(commitment.agreement_id, []).append(commitment)
        existing = {
            f.agreement_id: f for f in FollowUp.objects.filter(evaluation=self.event, agreement__code__in=codes)
        }
        seen, planned = {}, []
        for row in rows:
            errors_before = len(report.errors)
            code = row.get("kode").strip()
            agreement = agreements.get(code)
            if not code:
                report.add_error(row.number, "kode", _("wajib diisi"))
            elif agreement is None:
                report.add_error(row.number, "kode", _("kerja sama %(code)s belum ada") % {"code": code})
            _duplicate(report, row, "kode", code, seen, _("kode"))
            status = _choice(report, row, "status", list(figures.EVALUATION_STATUSES))
            realised = rupiah_cell(report, row, "nilai_realisasi")
            obstacles = []
            for part in row.get("kendala").split(";"):
                part = part.strip().lower()
                if not part:
                    continue
                if part not in figures.OBSTACLES:
                    report.add_error(
                        row.number,
                        "kendala",
                        _("'%(value)s' tidak dikenal; pilih dari: %(choices)s")
                        % {"value": part, "choices": ", ".join(figures.OBSTACLES)},
                    )
                elif part not in obstacles:
                    obstacles.append(part)
            continues = yes_no_cell(report, row, "lanjut")
            results = {}
            own = commitments.get(agreement.pk, []) if agreement else []
            for number in range(1, MAX_COMMITMENT_COLUMNS + 1):
                column = f"komitmen_{number}"
                raw = row.get(column).strip().lower()
                if not raw:
                    continue
                if raw not in figures.RESULT_CREDIT:
                    report.add_error(
                        row.number, column, _("isi ya, sebagian atau tidak (tertulis %(value)s)") % {"value": raw}
                    )
                elif agreement is not None and number > len(own):
                    report.add_error(
                        row.number,
                        column,
                        _("kerja sama %(code)s hanya punya %(n)d komitmen") % {"code": code, "n": len(own)},
                    )
                elif agreement is not None:
                    results[own[number - 1].pk] = raw
            if agreement is not None and agreement.pk in existing and existing[agreement.pk].is_verified:
                report.add_error(
                    row.number, "kode", _("tindak lanjut %(code)s sudah diverifikasi Dinas") % {"code": code}
                )
            if len(report.errors) == errors_before:
                planned.append(
                    (
                        agreement,
                        {
                            "status": status,
                            "realised_value": realised,
                            "obstacles": obstacles,
                            "continues": continues,
                            "note": row.get("catatan").strip(),
                            "commitment_results": results,
                        },
                    )
                )
        if not report.ok:
            return None
        report.updated = sum(1 for agreement, _values in planned if agreement.pk in existing)
        report.created = len(planned) - report.updated
        return planned

    def write(self, plan, report):
        planned = plan
        for agreement, values in planned:
            services.save_follow_up(
                agreement=agreement,
                evaluation=self.event,
                user=self.user,
                submit=True,
                source=FollowUp.SOURCE_IMPORT,
                **values,
            )


def import_network_evaluation(source, *, event, name=None, dry_run=False, user=None):
    return NetworkEvaluationImporter(event=event, user=user).run(source, name=name, dry_run=dry_run)
