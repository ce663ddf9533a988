"""Self-assessment, report card, verification and downloads on the web, with access control."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from readiness.models import Answer, Assessment, DimensionScore
from readiness.services import verify_assessment
from tests.factories import make_analyst, make_cooperative, make_course, make_kecamatan, make_user

from .conftest import answer_all, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(ikdk):
    today = datetime.date.today()
    kraksaan = make_kecamatan("Kraksaan")
    own = make_cooperative(nik="3579000000000101", nama="KSU Sumber Rejeki", kecamatan=kraksaan)
    other = make_cooperative(nik="3579000000000102", nama="KSP Lain", jenis="simpan_pinjam", kecamatan=kraksaan)
    baseline = make_round(
        ikdk, "mei-2018", name="Temu Usaha Mei 2018", opens=datetime.date(2018, 5, 1), closes=datetime.date(2018, 5, 31)
    )
    current = make_round(
        ikdk,
        "berjalan",
        name="Evaluasi berjalan",
        opens=today - datetime.timedelta(days=1),
        closes=today + datetime.timedelta(days=10),
    )
    pengurus = make_user(cooperative=own, role="pengurus")
    return {"own": own, "other": other, "baseline": baseline, "current": current, "pengurus": pengurus}


def step_url(evaluation_round, cooperative, step):
    return reverse("readiness:assessment_step", args=[evaluation_round.slug, cooperative.pk, step])


def dimension_post(framework, dimension_code, level, action="next", evidence=""):
    data = {"action": action}
    for indicator in framework.dimensions.get(code=dimension_code).indicators.all():
        data[f"level_{indicator.code}"] = level
        data[f"evidence_{indicator.code}"] = evidence
    return data


def test_step_shows_descriptors_as_radio_labels(client, world, ikdk):
    client.force_login(world["pengurus"])
    response = client.get(step_url(world["current"], world["own"], 1))
    assert response.status_code == 200
    html = response.content.decode()
    d11 = ikdk.dimensions.get(code="D1").indicators.get(code="D1.1")
    assert d11.text in html
    for descriptor in d11.levels:
        assert descriptor in html
    assert 'type="radio"' in html and "Tidak berlaku" in html
    assert "Dimensi 1 dari 6" in html


def test_draft_saved_between_visits_then_submit(client, world, ikdk):
    client.force_login(world["pengurus"])
    current, own = world["current"], world["own"]
    response = client.post(step_url(current, own, 1), dimension_post(ikdk, "D1", "3", evidence="Notulen rapat"))
    assert response.status_code == 302 and response.url == step_url(current, own, 2)
    assessment = Assessment.objects.get(round=current, cooperative=own)
    assert assessment.status == "draft" and assessment.answers.count() == 4
    assert assessment.answers.first().evidence == "Notulen rapat"
    # Coming back: the saved answers are checked.
    html = client.get(step_url(current, own, 1)).content.decode()
    assert html.count("checked") == 4
    # Not complete yet: submit refuses and names what is missing.
    response = client.post(reverse("readiness:assessment_review", args=[current.slug, own.pk]))
    assert response.status_code == 200
    assert "belum dijawab" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == "draft"
    for step, code in enumerate(["D2", "D3", "D4", "D5", "D6"], start=2):
        client.post(step_url(current, own, step), dimension_post(ikdk, code, "na" if code == "D6" else "2"))
    response = client.post(reverse("readiness:assessment_review", args=[current.slug, own.pk]))
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "submitted" and assessment.submitted_by == world["pengurus"]
    assert assessment.overall == pytest.approx((75 + 50 * 4) / 5)
    assert DimensionScore.objects.get(assessment=assessment, dimension__code="D6").score is None
    # Submitted: the form no longer changes anything.
    response = client.post(step_url(current, own, 1), dimension_post(ikdk, "D1", "0"))
    assert response.status_code == 302
    assert set(
        Answer.objects.filter(assessment=assessment, indicator__dimension__code="D1").values_list("level", flat=True)
    ) == {3}


def test_invalid_choice_keeps_the_other_answers(client, world, ikdk):
    client.force_login(world["pengurus"])
    data = dimension_post(ikdk, "D1", "2")
    data["level_D1.2"] = "9"
    response = client.post(step_url(world["current"], world["own"], 1), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pilih salah satu tingkat" in html
    assert html.count("checked") == 3
    assert not Assessment.objects.exists()


def test_closed_round_refuses_the_web_form(client, world, ikdk):
    client.force_login(world["pengurus"])
    response = client.get(step_url(world["baseline"], world["own"], 1))
    assert response.status_code == 403
    assert "sudah ditutup" in response.content.decode()
    response = client.post(step_url(world["baseline"], world["own"], 1), dimension_post(ikdk, "D1", "2"))
    assert response.status_code == 403
    assert not Assessment.objects.exists()
    # Dinas analysts enter paper results in any round.
    client.force_login(make_analyst())
    response = client.post(step_url(world["baseline"], world["own"], 1), dimension_post(ikdk, "D1", "2"))
    assert response.status_code == 302
    assert Assessment.objects.get().round == world["baseline"]


def test_other_cooperative_is_404_everywhere(client, world, ikdk):
    other, current = world["other"], world["current"]
    answer_all(current, other, 2)
    client.force_login(world["pengurus"])
    for url in (
        step_url(current, other, 1),
        reverse("readiness:assessment_review", args=[current.slug, other.pk]),
        reverse("readiness:report_card", args=[current.slug, other.pk]),
        reverse("readiness:report_card_pdf", args=[current.slug, other.pk]),
        reverse("readiness:verify", args=[current.slug, other.pk]),
        reverse("readiness:round_detail", args=[current.slug]),
        reverse("readiness:round_download", args=[current.slug, "csv"]),
        reverse("readiness:round_download", args=[current.slug, "json"]),
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(step_url(current, other, 1), dimension_post(ikdk, "D1", "0"))
    assert response.status_code == 404
    # Staff of the cooperative itself do not see its assessment either.
    client.force_login(make_user(cooperative=world["own"], role="staf"))
    answer_all(current, world["own"], 2)
    assert client.get(reverse("readiness:report_card", args=[current.slug, world["own"].pk])).status_code == 404


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(reverse("readiness:report_card", args=[world["current"].slug, world["own"].pk]))
    assert response.status_code == 302 and "/akun/" in response.url


def test_report_card_content(client, world, ikdk):
    own, other, baseline, current = world["own"], world["other"], world["baseline"], world["current"]
    answer_all(baseline, own, 1)  # 25 everywhere
    levels = {f"D{d}.{i}": (3 if d == 1 else 1 if d == 4 else 2) for d in range(1, 7) for i in range(1, 5)}
    answer_all(current, own, levels)  # D1 75, D4 25, others 50
    answer_all(current, other, 4)
    course = make_course(title="Pembukuan digital untuk koperasi")
    course.dimensions.add("D4")
    course.save_revision().publish()
    done = make_course(title="Kursus sudah selesai")
    done.dimensions.add("d4")
    done.save_revision().publish()
    from courses.models import Enrolment

    staff = make_user(cooperative=own, role="staf")
    Enrolment.objects.create(user=staff, course=done, completed_at=datetime.datetime.now(datetime.UTC))
    client.force_login(world["pengurus"])
    response = client.get(reverse("readiness:report_card", args=[current.slug, own.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rapor kesiapan koperasi" in html
    assert "Kesiapan sedang" in html  # (75 + 25 + 4×50) / 6 = 50 → level 2
    assert "<svg" in html and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "Perubahan sejak putaran sebelumnya" in html and "Temu Usaha Mei 2018" in html
    assert "▲" in html and "+25,0" in html  # overall 25 → 50, D1 25 → 75 is +50
    assert "+50,0" in html
    assert "Pembukuan digital untuk koperasi" in html
    assert "Kursus sudah selesai" not in html
    # Top priority is D4 (lowest score, equal weights).
    priorities = html.split("Prioritas", 1)[1]
    assert priorities.index("D4") < priorities.index("D2")
    # District mean (own 50, other 100) = 75; same jenis (only own) = 50.
    assert "75,0" in html


def test_report_card_pdf(client, world):
    answer_all(world["current"], world["own"], 2)
    client.force_login(world["pengurus"])
    response = client.get(reverse("readiness:report_card_pdf", args=[world["current"].slug, world["own"].pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert (
        b"/Count 1 " in response.content or b"/Count 1\n" in response.content or b"/Count 1>" in response.content
    )  # one A4 page


def test_pdf_transliterates_safely():
    from readiness.pdf import latin1

    assert latin1("Skor → naik – “baik” ≥ 60 · Ş") == 'Skor -> naik - "baik" >= 60 - S'
    assert latin1("日本") == "??"


def test_verification_keeps_both_values_and_rescores(client, world, ikdk):
    assessment = answer_all(world["current"], world["own"], 4)
    analyst = make_analyst()
    client.force_login(analyst)
    url = reverse("readiness:verify", args=[world["current"].slug, world["own"].pk])
    page = client.get(url)
    assert page.status_code == 200
    data = {"note": "Dicek di kantor koperasi"}
    for indicator in ikdk.dimensions.get(code="D1").indicators.all():
        data[f"level_{indicator.code}"] = "0"
        data[f"note_{indicator.code}"] = "Belum ada bukti"
    response = client.post(url, data)
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "verified" and assessment.verified_by == analyst
    assert assessment.verification_note == "Dicek di kantor koperasi"
    answer = Answer.objects.get(assessment=assessment, indicator__code="D1.1")
    assert answer.level == 4 and answer.is_verified and answer.verified_level == 0
    assert assessment.self_overall == 100.0
    assert assessment.overall == pytest.approx(500 / 6)
    assert DimensionScore.objects.get(assessment=assessment, dimension__code="D1").score == 0.0
    assert DimensionScore.objects.get(assessment=assessment, dimension__code="D1").self_score == 100.0
    # The export uses the verified value.
    document = client.get(reverse("readiness:round_download", args=[world["current"].slug, "json"])).json()
    assert document["cooperatives"][0]["dimensions"]["D1"] == 0.0
    assert document["cooperatives"][0]["status"] == "verified"


def test_pengurus_cannot_verify(client, world):
    answer_all(world["current"], world["own"], 4)
    client.force_login(world["pengurus"])
    response = client.post(reverse("readiness:verify", args=[world["current"].slug, world["own"].pk]), {"note": "x"})
    assert response.status_code == 404
    assert Assessment.objects.get().status == "submitted"


def test_round_downloads_for_analysts(client, world):
    answer_all(world["baseline"], world["own"], 1)
    answer_all(world["current"], world["own"], 3)
    answer_all(world["current"], world["other"], 2)
    client.force_login(make_analyst())
    base = reverse("readiness:round_download", args=[world["current"].slug, "csv"])
    response = client.get(base + "?compare=mei-2018")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["nik"] for r in rows] == ["3579000000000101", "3579000000000102"]
    assert rows[0]["overall_change"] == "50.0" and rows[1]["overall_change"] == ""
    response = client.get(reverse("readiness:round_download", args=[world["current"].slug, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[0] for row in sheet.iter_rows(values_only=True)] == ["nik", "3579000000000101", "3579000000000102"]
    document = json.loads(client.get(reverse("readiness:round_download", args=[world["current"].slug, "json"])).content)
    assert document["summary"]["assessed"] == 2 and document["summary"]["mean_overall"] == 62.5
    assert client.get(reverse("readiness:round_download", args=[world["current"].slug, "pdf"])).status_code == 404
    page = client.get(reverse("readiness:round_detail", args=[world["current"].slug]))
    assert page.status_code == 200 and "KSP Lain" in page.content.decode()
    assert client.get(reverse("readiness:index")).status_code == 200


def test_pengurus_index_lists_rounds(client, world):
    client.force_login(world["pengurus"])
    html = client.get(reverse("readiness:index")).content.decode()
    assert "Evaluasi berjalan" in html and "Isi asesmen" in html
    assert "Putaran ini sudah ditutup" in html


def test_report_card_query_count_constant(client, world, ikdk, django_assert_num_queries):
    """Growing rounds, cooperatives and courses does not change the report card's queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    own, current = world["own"], world["current"]
    answer_all(world["baseline"], own, 1)
    answer_all(current, own, 2)
    course = make_course(title="Kursus awal")
    course.dimensions.add("D1")
    course.save_revision().publish()
    client.force_login(world["pengurus"])
    url = reverse("readiness:report_card", args=[current.slug, own.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for n in range(4):
        earlier = make_round(ikdk, f"lama-{n}", opens=datetime.date(2017, 1 + n, 1))
        answer_all(earlier, own, n % 5)
        answer_all(earlier, make_cooperative(), 1)
        answer_all(current, make_cooperative(), 3)
        course = make_course(title=f"Kursus D{n + 1}")
        course.dimensions.add(f"D{n + 1}")
        course.save_revision().publish()
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(url)
    html = response.content.decode()
    assert "Kursus D1" in html and "Kursus D2" in html and "Kursus awal" in html


def test_report_card_query_count_constant_as_dimensions_grow(client, tmp_path, django_assert_num_queries):
    from django.core.management import call_command

    from readiness.models import Framework

    def framework(code, dimensions):
        data = {
            "code": code,
            "name": code,
            "dimensions": [
                {
                    "code": f"X{d}",
                    "name": f"X{d}",
                    "weight": 1,
                    "indicators": [{"code": f"X{d}.{i}", "text": "t", "levels": list("abcde")} for i in range(1, 4)],
                }
                for d in range(1, dimensions + 1)
            ],
        }
        path = tmp_path / f"{code}.json"
        path.write_text(json.dumps(data))
        call_command("import_framework", str(path), stdout=io.StringIO())
        return Framework.objects.get(code=code)

    coop = make_cooperative()
    pengurus = make_user(cooperative=coop, role="pengurus")
    client.force_login(pengurus)
    counts = []
    for code, size in (("kecil", 2), ("besar", 9)):
        evaluation_round = make_round(framework(code, size), code)
        answer_all(evaluation_round, coop, 2)
        url = reverse("readiness:report_card", args=[code, coop.pk])
        client.get(url)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]


def test_verified_assessment_not_changed_by_pengurus(world):
    assessment = answer_all(world["current"], world["own"], 2)
    verify_assessment(assessment=assessment, user=None, levels={})
    assert Assessment.objects.get().status == "verified"
