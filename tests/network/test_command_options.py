"""The network commands' options and their Indonesian answers: ``create_event``'s checks,
``--dry-run`` on every import, what a failed import says last, and ``export_network
--output`` for JSON; and when attendance earns a certificate outside a training."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command

from network.models import Agreement, Commitment, Event, Participant, Partner
from network.services import attendance_certificate_due

from .test_importer_rows import NIK_A, build_world


@pytest.fixture(scope="module")
def _shared_world(module_db):
    return module_db.build("world", build_world)


@pytest.fixture
def world(_shared_world, db):
    if _shared_world is None:
        build_world()
    return Event.objects.get(slug="temu-usaha-uji")


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# --- create_event -------------------------------------------------------------------------------


def test_create_event_says_what_it_made(world):
    out = run("create_event", "pelatihan-2019", "--name", "Pelatihan Kemasan", "--type", "pelatihan",
              "--starts", "2019-02-01", "--ends", "2019-02-02", "--place", "Aula")  # fmt: skip
    assert out.strip() == "Kegiatan pelatihan-2019 dibuat: Pelatihan Kemasan (pelatihan, 2019-02-01)."
    event = Event.objects.get(slug="pelatihan-2019")
    assert (event.ends_on, event.place, event.follows) == (datetime.date(2019, 2, 2), "Aula", None)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--follows", "tidak-ada"], "Kegiatan tidak-ada tidak ada."),
        (["--starts", "1 Mei 2019"], "Tanggal '1 Mei 2019' tidak valid: gunakan YYYY-MM-DD."),
        (["--ends", "2019-13-01"], "Tanggal '2019-13-01' tidak valid: gunakan YYYY-MM-DD."),
        (["--ends", "2019-01-31"], "Tanggal selesai sebelum tanggal mulai."),
    ],
)
def test_create_event_refusals(world, args, message):
    base = ["create_event", "baru", "--name", "Baru", "--type", "evaluasi", "--starts", "2019-02-01"]
    with pytest.raises(CommandError, match=message):
        call_command(*base, *args, stdout=io.StringIO())
    assert not Event.objects.filter(slug="baru").exists()


def test_create_event_refuses_an_unknown_kind_and_a_taken_slug(world):
    with pytest.raises(CommandError, match="invalid choice: 'rapat'"):
        call_command("create_event", "baru", "--name", "x", "--type", "rapat", "--starts", "2019-02-01")
    with pytest.raises(CommandError, match="Kegiatan dengan slug temu-usaha-uji sudah ada."):
        call_command("create_event", "temu-usaha-uji", "--name", "x", "--type", "pelatihan", "--starts", "2019-02-01")


# --- imports ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command, event, text, model",
    [
        ("import_partners", None, "kode,nama,jenis,provinsi\nM-77,Mitra Coba,umkm,Bali\n", Partner),
        ("import_event_participants", "temu-usaha-uji", "nama,hadir\nSiti Coba,ya\n", Participant),
        (
            "import_agreements",
            "temu-usaha-uji",
            f"kode,nik,mitra,bidang,nilai_potensi\nKS-77,{NIK_A},M-01,pasokan,5\n",
            Agreement,
        ),  # fmt: skip
        ("import_commitments", None, "kerja_sama,pihak,uraian\nKS-VER,dinas,Coba\n", Commitment),
    ],
)
def test_every_import_has_a_dry_run_that_stores_nothing(world, tmp_path, command, event, text, model):
    before = model.objects.count()
    args = [command, write(tmp_path, "data.csv", text), "--dry-run", *(["--event", event] if event else [])]
    assert run(*args).strip() == "Uji coba (tidak disimpan): dibuat: 1, diperbarui: 0, tidak berubah: 0"
    assert model.objects.count() == before
    args.remove("--dry-run")
    assert run(*args).strip() == "dibuat: 1, diperbarui: 0, tidak berubah: 0"
    assert model.objects.count() == before + 1


def test_a_failed_import_counts_its_errors_and_a_removed_commitment_is_reported(world, tmp_path):
    path = write(tmp_path, "salah.csv", "kerja_sama,pihak,uraian\nKS-77,dinas,\nKS-01,pembeli,x\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="3 kesalahan ditemukan; tidak ada data yang disimpan."):
        call_command("import_commitments", path, stdout=io.StringIO(), stderr=err)
    assert err.getvalue().splitlines()[0] == "baris 2: kerja_sama: kerja sama KS-77 belum ada"
    out = run("import_commitments", write(tmp_path, "satu.csv", "kerja_sama,pihak,uraian\nKS-01,dinas,Satu saja\n"))
    assert out.splitlines() == ["dibuat: 0, diperbarui: 1, tidak berubah: 0", "komitmen dihapus: 1"]


def test_evaluation_import_needs_an_evaluation_event(world, tmp_path):
    path = write(tmp_path, "evaluasi.csv", "kode,status,nilai_realisasi\nKS-01,berjalan,0\n")
    with pytest.raises(CommandError, match="Kegiatan temu-usaha-uji berjenis temu_usaha, bukan evaluasi."):
        call_command("import_network_evaluation", path, "--event", "temu-usaha-uji", stdout=io.StringIO())
    out = run("import_network_evaluation", path, "--event", "evaluasi-uji", "--dry-run")
    assert out.strip() == "Uji coba (tidak disimpan): dibuat: 1, diperbarui: 0, tidak berubah: 0"


# --- export to a file -------------------------------------------------------------------------------


def test_json_export_to_a_file_is_what_the_screen_shows(world, tmp_path):
    target = tmp_path / "jejaring.json"
    call_command("export_network", "--event", "temu-usaha-uji", "--output", str(target), stdout=io.StringIO())
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document == json.loads(run("export_network", "--event", "temu-usaha-uji"))
    assert [item["kode"] for item in document["agreements"]] == ["KS-01", "KS-VER"]
    assert document["summary"]["by_status"]["selesai"] == 1  # KS-VER at its verified value


# --- attendance certificates outside a training ---------------------------------------------------------


@pytest.mark.parametrize(
    "kind, present, due",
    [("temu_usaha", True, True), ("sosialisasi", True, True), ("pelatihan", True, True), ("evaluasi", False, False)],
)
def test_presence_alone_earns_the_certificate_unless_a_training_has_a_post_test(kind, present, due):
    event = Event(slug="x", name="x", kind=kind, starts_on=datetime.date(2019, 1, 1))
    assert attendance_certificate_due(Participant(event=event, name="Siti", present=present)) is due
