"""Importing cooperative participants (staff and pengurus accounts) from a spreadsheet.

Used by ``import_participants``. Upsert by username (case-insensitive): an existing
account gets the new name, phone, email, cooperative and role, and keeps its password
unless the file gives one. New accounts without a password in the file get a generated
one, handed to ``password_sink`` inside the transaction, so a failed write of the
password list undoes the whole import. Passwords are never logged or printed.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from base.importing import Importer, ImportReport
from cooperatives.models import Cooperative

from .passwords import generate_password
from .phone import normalize_phone
from .services import split_full_name

PARTICIPANT_COLUMNS = ("nama", "username", "telepon", "email", "nik", "peran")
PARTICIPANT_OPTIONAL_COLUMNS = ("password",)
PASSWORDS_OUT_HEADER = ["username", "nama", "telepon", "password"]


class PasswordsOutputRequired(Exception):
    """New accounts need generated passwords but there is nowhere safe to put them."""

    def __init__(self, count):
        super().__init__(count)
        self.count = count


@dataclass
class ParticipantImportReport(ImportReport):
    generated_passwords: int = 0


@dataclass
class _Planned:
    row: int
    username: str
    nama: str
    phone: str | None
    email: str
    cooperative: Cooperative
    role: str
    password: str = field(default="", repr=False)


def _validate_rows(rows, report):
    """Check each row on its own and against the others in the file; return plans."""
    User = get_user_model()
    name_max = User._meta.get_field("first_name").max_length
    username_max = User._meta.get_field("username").max_length
    roles = {User.ROLE_STAF, User.ROLE_PENGURUS}

    niks = {row.get("nik").strip() for row in rows}
    cooperatives = {c.nik: c for c in Cooperative.objects.filter(nik__in=niks)}
    first_username, first_phone = {}, {}
    plans = []
    for row in rows:
        n = row.number
        before = len(report.errors)
        nama = " ".join(row.get("nama").split())
        if not nama:
            report.add_error(n, "nama", _("wajib diisi"))
        elif any(len(part) > name_max for part in split_full_name(nama)):
            report.add_error(n, "nama", _("terlalu panjang"))

        username = row.get("username").strip()
        if not username:
            report.add_error(n, "username", _("wajib diisi"))
        elif len(username) > username_max:
            report.add_error(n, "username", _("paling banyak %(n)d karakter") % {"n": username_max})
        else:
            try:
                User.username_validator(username)
            except ValidationError:
                report.add_error(n, "username", _("hanya huruf, angka dan . _ - @ + tanpa spasi"))
            else:
                if normalize_phone(username):
                    report.add_error(n, "username", _("tidak boleh berupa nomor HP (isi di kolom telepon)"))
                key = username.lower()
                if key in first_username:
                    report.add_error(n, "username", _("sama dengan baris %(row)d") % {"row": first_username[key]})
                else:
                    first_username[key] = n

        raw_phone = row.get("telepon").strip()
        phone = normalize_phone(raw_phone) if raw_phone else None
        if raw_phone and not phone:
            report.add_error(n, "telepon", _("nomor HP tidak valid (tertulis %(value)s)") % {"value": raw_phone})
        elif phone in first_phone:
            report.add_error(n, "telepon", _("sama dengan baris %(row)d") % {"row": first_phone[phone]})
        elif phone:
            first_phone[phone] = n

        email = row.get("email").strip()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                report.add_error(n, "email", _("alamat email tidak valid"))

        nik = row.get("nik").strip()
        cooperative = cooperatives.get(nik)
        if not nik:
            report.add_error(n, "nik", _("wajib diisi"))
        elif cooperative is None:
            report.add_error(n, "nik", _("koperasi dengan NIK %(nik)s belum terdaftar") % {"nik": nik})

        role = row.get("peran").strip().lower()
        if role not in roles:
            report.add_error(n, "peran", _("harus staf atau pengurus"))

        if len(report.errors) == before:
            plans.append(_Planned(n, username, nama, phone, email, cooperative, role, row.get("password")))
    return plans


def _check_against_existing(plans, report):
    """Match plans to existing accounts; report conflicts. Returns {plan.row: user}."""
    User = get_user_model()
    existing = {
        user.username_lower: user
        for user in User.objects.annotate(username_lower=Lower("username"))
        .filter(username_lower__in=[p.username.lower() for p in plans])
        .prefetch_related("groups")
    }
    phone_owner = dict(
        User.objects.filter(phone__in=[p.phone for p in plans if p.phone]).values_list("phone", "username")
    )
    matched = {}
    for plan in plans:
        user = existing.get(plan.username.lower())
        if user is not None and (user.is_superuser or user.is_staff or user.groups.all()):
            report.add_error(plan.row, "username", _("akun Dinas/admin tidak bisa diubah lewat impor"))
            continue
        owner = phone_owner.get(plan.phone) if plan.phone else None
        if owner is not None and (user is None or owner.lower() != user.username.lower()):
            report.add_error(plan.row, "telepon", _("sudah dipakai akun lain (%(username)s)") % {"username": owner})
        if plan.password:
            probe = user or User(username=plan.username, first_name=plan.nama, email=plan.email)
            try:
                password_validation.validate_password(plan.password, probe)
            except ValidationError as error:
                report.add_error(plan.row, "password", " ".join(error.messages))
        matched[plan.row] = user
    return matched


class ParticipantImporter(Importer):
    """Create or update staff and pengurus accounts, upserting by username.

    ``password_sink(rows)`` receives ``[username, nama, telepon, password]`` rows for the
    generated passwords inside the transaction; without it, an import that needs
    generated passwords raises ``PasswordsOutputRequired`` before writing anything.
    """

    kind = "participants"
    label = gettext_lazy("peserta")
    required_columns = PARTICIPANT_COLUMNS
    optional_columns = PARTICIPANT_OPTIONAL_COLUMNS
    text_columns = ("nik", "telepon", "username")
    example_row = {
        "nama": "Siti Aminah",
        "username": "siti.aminah",
        "telepon": "081234567890",
        "email": "siti@example.com",
        "nik": "3513100000000001",
        "peran": "staf",
        "password": "",
    }
    report_class = ParticipantImportReport
    password_sink = None

    def validate(self, rows, report):
        plans = _validate_rows(rows, report)
        matched = _check_against_existing(plans, report)
        if not report.ok:
            return None
        to_create, to_update = [], []
        for plan in plans:
            first_name, last_name = split_full_name(plan.nama)
            values = {
                "first_name": first_name,
                "last_name": last_name,
                "phone": plan.phone,
                "email": plan.email,
                "cooperative": plan.cooperative,
                "cooperative_role": plan.role,
            }
            user = matched[plan.row]
            if user is None:
                # Passwords are hashed only when writing: a preview stays fast.
                to_create.append((plan, values))
                if not plan.password:
                    report.generated_passwords += 1
                continue
            changed = any(getattr(user, key) != value for key, value in values.items())
            for key, value in values.items():
                setattr(user, key, value)
            if changed or plan.password:
                to_update.append((user, plan.password))
            else:
                report.unchanged += 1
        report.created, report.updated = len(to_create), len(to_update)
        return to_create, to_update

    def write(self, plan, report):
        to_create, to_update = plan
        if report.generated_passwords and self.password_sink is None:
            raise PasswordsOutputRequired(report.generated_passwords)
        User = get_user_model()
        users, generated = [], []
        for planned, values in to_create:
            user = User(username=planned.username, **values)
            password = planned.password
            if not password:
                password = generate_password()
                generated.append([planned.username, planned.nama, planned.phone or "", password])
            user.set_password(password)
            users.append(user)
        for user, password in to_update:
            if password:
                user.set_password(password)
        User.objects.bulk_create(users, batch_size=500)
        User.objects.bulk_update(
            [user for user, _password in to_update],
            ["first_name", "last_name", "phone", "email", "cooperative", "cooperative_role", "password"],
            batch_size=500,
        )
        if generated:
            self.password_sink(generated)


def import_participants(source, *, name=None, dry_run=False, password_sink=None):
    """Validate the whole file, then create or update the accounts in one transaction."""
    return ParticipantImporter(password_sink=password_sink).run(source, name=name, dry_run=dry_run)
