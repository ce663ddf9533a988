import datetime

from django.core.management.base import BaseCommand, CommandError

from network.models import Event
from network.services import NetworkError, create_event


def _date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Tanggal '{value}' tidak valid: gunakan YYYY-MM-DD.") from exc


class Command(BaseCommand):
    help = "Buat kegiatan (temu_usaha, pelatihan, evaluasi, sosialisasi)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="Slug kegiatan, misalnya temu-usaha-diy-2018.")
        parser.add_argument("--name", required=True, help="Nama kegiatan.")
        parser.add_argument("--type", required=True, dest="kind", choices=Event.KIND_CODES, help="Jenis kegiatan.")
        parser.add_argument("--starts", required=True, help="Tanggal mulai YYYY-MM-DD.")
        parser.add_argument("--ends", help="Tanggal selesai YYYY-MM-DD.")
        parser.add_argument("--place", default="", help="Tempat.")
        parser.add_argument("--follows", help="Slug kegiatan yang ditindaklanjuti (untuk evaluasi).")

    def handle(self, *args, **options):
        follows = None
        if options["follows"]:
            follows = Event.objects.filter(slug=options["follows"]).first()
            if follows is None:
                raise CommandError(f"Kegiatan {options['follows']} tidak ada.")
        try:
            event = create_event(
                slug=options["slug"],
                name=options["name"],
                kind=options["kind"],
                starts_on=_date(options["starts"]),
                ends_on=_date(options["ends"]) if options["ends"] else None,
                place=options["place"],
                follows=follows,
            )
        except NetworkError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"Kegiatan {event.slug} dibuat: {event.name} ({event.kind}, {event.starts_on}).")
        )
