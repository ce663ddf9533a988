"""Demo accounts, one per role, so every part of the site can be tried.

Idempotent: an existing account is left as it is (its password too); only missing ones
are created, with the shared demo password. Needs ``cooperatives.demo`` first.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cooperatives.demo import DEMO_COOPERATIVE_NIK, OTHER_COOPERATIVE_NIK
from cooperatives.models import Cooperative

from .roles import ANALYST_GROUP, EDITOR_GROUP, ensure_dinas_groups

DEMO_PASSWORD = "siapdigital2026"

# (username, password, role as shown to people trying the demo)
DEMO_USERS = [
    ("staf", DEMO_PASSWORD, "Staf koperasi (Koperasi Konsumen Sumber Rejeki)"),
    ("pengurus", DEMO_PASSWORD, "Pengurus koperasi yang sama"),
    ("pengurus2", DEMO_PASSWORD, "Pengurus koperasi lain (KSP Mitra Usaha Kraksaan)"),
    ("editor", DEMO_PASSWORD, "Editor Dinas (kursus dan kuis di /admin/)"),
    ("analis", DEMO_PASSWORD, "Analis Dinas (semua koperasi, laporan, /admin/)"),
    ("admin", DEMO_PASSWORD, "Administrator (superuser)"),
]

# username: (full name, phone, cooperative NIK or None, role, Dinas group, superuser)
_ACCOUNTS = {
    "staf": ("Siti Aminah", "081234500001", DEMO_COOPERATIVE_NIK, "staf", None, False),
    "pengurus": ("Haji Abdul Rohman", "081234500002", DEMO_COOPERATIVE_NIK, "pengurus", None, False),
    "staf2": ("Nur Hasanah", "081234500003", DEMO_COOPERATIVE_NIK, "staf", None, False),
    "staf3": ("Moh. Imron", "081234500004", DEMO_COOPERATIVE_NIK, "staf", None, False),
    "staf4": ("Dewi Lestari", "", DEMO_COOPERATIVE_NIK, "staf", None, False),
    "pengurus2": ("Sri Wahyuni", "081234500006", OTHER_COOPERATIVE_NIK, "pengurus", None, False),
    "staf_lain": ("Agus Salim", "081234500007", OTHER_COOPERATIVE_NIK, "staf", None, False),
    "editor": ("Rina Editor", "", None, "", EDITOR_GROUP, False),
    "analis": ("Bambang Analis", "", None, "", ANALYST_GROUP, False),
    "admin": ("Admin Dinas", "", None, "", None, True),
}


def seed(stdout):
    ensure_dinas_groups()
    User = get_user_model()
    cooperatives = {c.nik: c for c in Cooperative.objects.filter(nik__in=[DEMO_COOPERATIVE_NIK, OTHER_COOPERATIVE_NIK])}
    created = 0
    for username, (full_name, phone, nik, role, group, superuser) in _ACCOUNTS.items():
        first_name, _sep, last_name = full_name.partition(" ")
        user, was_created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "phone": phone or None,
                "email": f"{username}@contoh.test",
                "cooperative": cooperatives.get(nik) if nik else None,
                "cooperative_role": role,
                "is_superuser": superuser,
                "is_staff": superuser,
            },
        )
        if was_created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            if group:
                user.groups.add(Group.objects.get(name=group))
            created += 1
    stdout.write(f"Pengguna demo: +{created} baru")
