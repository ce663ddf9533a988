import csv
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from accounts.importers import PasswordsOutputRequired, import_participants
from accounts.passwords import PASSWORD_ALPHABET, generate_password
from tests.cooperatives.files import write_table
from tests.factories import DEFAULT_PASSWORD, make_analyst, make_cooperative, make_user

pytestmark = pytest.mark.django_db
User = get_user_model()

HEADER = ["nama", "username", "telepon", "email", "nik", "peran"]
NIK_A = "3513000000005001"
NIK_B = "3513000000005002"


@pytest.fixture
def cooperatives():
    return make_cooperative(nik=NIK_A), make_cooperative(nik=NIK_B)


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_participants", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def logged_in_user(identifier, password):
    """Log in through the real login page; return the username it logged in, or None."""
    client = Client()
    client.post(reverse("accounts:login"), {"username": identifier, "password": password})
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id).username if user_id else None


def read_passwords(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_generated_passwords_go_only_to_the_file_and_work_for_login(tmp_path, cooperatives, fmt):
    path = write_table(
        tmp_path,
        fmt,
        [
            HEADER,
            ["Siti Aminah", "siti", "0812-3456-7890", "siti@example.com", NIK_A, "staf"],
            ["Budi Santoso", "budi", "+62 813 1111 2222", "", NIK_A, "Pengurus"],
        ],
    )
    out_file = tmp_path / "sandi.csv"
    out, err = run(str(path), "--passwords-out", str(out_file))
    assert "dibuat: 2, diperbarui: 0" in out

    rows = read_passwords(out_file)
    assert [r["username"] for r in rows] == ["siti", "budi"]
    assert rows[0]["nama"] == "Siti Aminah" and rows[0]["telepon"] == "081234567890"
    for row in rows:
        assert len(row["password"]) == 10
        assert row["password"] not in out and row["password"] not in err
        assert logged_in_user(row["username"], row["password"]) == row["username"]
    assert logged_in_user("0813 1111 2222", rows[1]["password"]) == "budi"
    assert (out_file.stat().st_mode & 0o777) == 0o600

    budi = User.objects.get(username="budi")
    assert (budi.first_name, budi.last_name, budi.phone, budi.cooperative.nik, budi.cooperative_role) == (
        "Budi",
        "Santoso",
        "081311112222",
        NIK_A,
        "pengurus",
    )


def test_without_passwords_out_refuses_before_writing(tmp_path, cooperatives):
    path = write_table(tmp_path, "csv", [HEADER, ["Siti", "siti", "", "", NIK_A, "staf"]])
    with pytest.raises(CommandError, match="--passwords-out"):
        run(str(path))
    assert not User.objects.filter(username="siti").exists()


def test_passwords_from_the_file_need_no_output_file_and_are_not_printed(tmp_path, cooperatives):
    path = write_table(
        tmp_path,
        "csv",
        [HEADER + ["password"], ["Siti", "siti", "", "", NIK_A, "staf", "kopi-tubruk-77"]],
    )
    out, err = run(str(path))
    assert "kopi-tubruk-77" not in out + err
    assert logged_in_user("siti", "kopi-tubruk-77") == "siti"


def test_second_import_updates_by_username_and_keeps_passwords(tmp_path, cooperatives):
    coop_a, coop_b = cooperatives
    existing = make_user(username="Siti", cooperative=coop_a, phone="081200000001")
    path = write_table(
        tmp_path,
        "xlsx",
        [HEADER, ["Siti Rahayu", "siti", "081200000009", "s@example.com", NIK_B, "pengurus"]],
    )
    out, _err = run(str(path))
    assert "dibuat: 0, diperbarui: 1, tidak berubah: 0" in out
    existing.refresh_from_db()
    assert existing.username == "Siti", "the username keeps its original spelling"
    assert (existing.first_name, existing.last_name, existing.phone, existing.email) == (
        "Siti",
        "Rahayu",
        "081200000009",
        "s@example.com",
    )
    assert (existing.cooperative, existing.cooperative_role) == (coop_b, "pengurus")
    assert existing.check_password(DEFAULT_PASSWORD)

    out, _err = run(str(path))
    assert "dibuat: 0, diperbarui: 0, tidak berubah: 1" in out

    with_password = write_table(
        tmp_path,
        "csv",
        [
            HEADER + ["password"],
            ["Siti Rahayu", "SITI", "081200000009", "s@example.com", NIK_B, "pengurus", "teh-manis-88"],
        ],
        stem="again",
    )
    run(str(with_password))
    existing.refresh_from_db()
    assert existing.check_password("teh-manis-88")
    assert User.objects.filter(username__iexact="siti").count() == 1


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_bad_row_is_reported_and_nothing_written(tmp_path, cooperatives, fmt):
    make_user(username="pemilik", phone="081299999999")
    make_analyst(username="analis")
    path = write_table(
        tmp_path,
        fmt,
        [
            HEADER + ["password"],
            ["Baik", "baik", "081211111111", "", NIK_A, "staf", ""],  # 2: fine
            ["", "tanpanama", "", "", NIK_A, "staf", ""],  # 3
            ["Spasi", "ada spasi", "", "", NIK_A, "staf", ""],  # 4
            ["Kembar", "BAIK", "", "", NIK_A, "staf", ""],  # 5
            ["Telepon", "telepon", "12ab", "", NIK_A, "staf", ""],  # 6
            ["Telepon Kembar", "telkembar", "+6281211111111", "", NIK_A, "staf", ""],  # 7
            ["Surel", "surel", "", "bukan-email", NIK_A, "staf", ""],  # 8
            ["Koperasi", "koperasi", "", "", "3513999999999999", "staf", ""],  # 9
            ["Peran", "peran", "", "", NIK_A, "ketua", ""],  # 10
            ["Sandi", "sandi", "", "", NIK_A, "staf", "12345678"],  # 11
            ["Nomor Orang", "nomororang", "0812 9999 9999", "", NIK_A, "staf", ""],  # 12
            ["Analis", "Analis", "", "", NIK_A, "staf", ""],  # 13
        ],
    )
    err = StringIO()
    with pytest.raises(CommandError, match="kesalahan"):
        call_command(
            "import_participants", str(path), "--passwords-out", str(tmp_path / "p.csv"), stdout=StringIO(), stderr=err
        )
    lines = err.getvalue().splitlines()
    assert lines[:9] == [
        "baris 3: nama: wajib diisi",
        "baris 4: username: hanya huruf, angka dan . _ - @ + tanpa spasi",
        "baris 5: username: sama dengan baris 2",
        "baris 6: telepon: nomor HP tidak valid (tertulis 12ab)",
        "baris 7: telepon: sama dengan baris 2",
        "baris 8: email: alamat email tidak valid",
        "baris 9: nik: koperasi dengan NIK 3513999999999999 belum terdaftar",
        "baris 10: peran: harus staf atau pengurus",
        lines[8],
    ]
    assert lines[8].startswith("baris 11: password: ")
    assert lines[9:] == [
        "baris 12: telepon: sudah dipakai akun lain (pemilik)",
        "baris 13: username: akun Dinas/admin tidak bisa diubah lewat impor",
    ]
    assert "12345678" not in err.getvalue()
    assert not User.objects.filter(username__in=["baik", "sandi", "nomororang"]).exists()
    assert not (tmp_path / "p.csv").exists()


def test_importer_raises_before_writing_without_a_sink(tmp_path, cooperatives):
    path = write_table(
        tmp_path, "csv", [HEADER, ["A", "a1", "", "", NIK_A, "staf"], ["B", "b1", "", "", NIK_A, "staf"]]
    )
    with pytest.raises(PasswordsOutputRequired) as caught:
        import_participants(path)
    assert caught.value.count == 2
    assert not User.objects.filter(username__in=["a1", "b1"]).exists()


def test_failing_password_sink_undoes_the_import(tmp_path, cooperatives):
    path = write_table(tmp_path, "csv", [HEADER, ["A", "a1", "", "", NIK_A, "staf"]])

    def broken_sink(rows):
        raise OSError("disk full")

    with pytest.raises(OSError):
        import_participants(path, password_sink=broken_sink)
    assert not User.objects.filter(username="a1").exists()


def test_dry_run_counts_generated_passwords(tmp_path, cooperatives):
    path = write_table(tmp_path, "csv", [HEADER, ["A", "a1", "", "", NIK_A, "staf"]])
    out, _err = run(str(path), "--dry-run")
    assert "Uji coba" in out and "1 akun baru akan mendapat kata sandi buatan" in out
    assert not User.objects.filter(username="a1").exists()


def test_import_query_count_is_flat(tmp_path, cooperatives, django_assert_max_num_queries):
    rows = [HEADER + ["password"]] + [
        [f"Orang {i}", f"orang{i}", "", "", NIK_A, "staf", "kopi-susu-99"] for i in range(40)
    ]
    path = write_table(tmp_path, "csv", rows)
    with django_assert_max_num_queries(10):
        report = import_participants(path)
    assert report.created == 40


def test_generate_password_is_readable():
    passwords = {generate_password() for _ in range(200)}
    assert len(passwords) == 200
    for password in passwords:
        assert len(password) == 10 and set(password) <= set(PASSWORD_ALPHABET)
        assert any(c.isdigit() for c in password) and any(c.isalpha() for c in password)
