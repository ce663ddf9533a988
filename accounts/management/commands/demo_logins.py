from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from accounts.demo import DEMO_USERS


class Command(BaseCommand):
    help = "Tampilkan akun demo (nama pengguna, kata sandi, peran)."

    def handle(self, *args, **options):
        existing = set(
            get_user_model()
            .objects.filter(username__in=[u for u, _p, _r in DEMO_USERS])
            .values_list("username", flat=True)
        )
        rows = [(_("Nama pengguna"), _("Kata sandi"), _("Peran"))]
        rows += [
            (u, p, r if u in existing else f"{r} — {_('belum dibuat, jalankan seed_demo')}") for u, p, r in DEMO_USERS
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(2)]
        self.stdout.write(_("Akun demo (kata sandi berlaku selama belum diganti):"))
        for index, (username, password, role) in enumerate(rows):
            self.stdout.write(f"  {username.ljust(widths[0])}  {password.ljust(widths[1])}  {role}")
            if index == 0:
                self.stdout.write(f"  {'-' * widths[0]}  {'-' * widths[1]}  {'-' * len(role)}")
