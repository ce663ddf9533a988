"""The network report: figures on the page, downloads, the PDF, and constant queries at 10× data."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from network.models import Participant
from network.selectors import event_learning_gain
from readiness.models import Assessment, EvaluationRound
from readiness.services import ensure_default_framework
from tests.factories import make_cooperative

from .factories import evaluate, make_agreement

pytestmark = pytest.mark.django_db


def grow(story, count):
    for _ in range(count):
        cooperative = make_cooperative()
        agreement = make_agreement(event=story.event, cooperative=cooperative, commitments=2)
        evaluate(
            agreement,
            story.evaluation,
            status="selesai",
            realised=1_000_000,
            obstacles=["harga"],
            results=["ya", "sebagian"],
        )
        Participant.objects.create(
            event=story.event, name=f"Peserta {cooperative.pk}", cooperative=cooperative, pre_score=40, post_score=70
        )


def test_report_shows_the_figures_and_association(client, story):
    framework = ensure_default_framework()
    evaluation_round = EvaluationRound.objects.create(slug="nov-2018", name="Putaran Nov 2018", framework=framework)
    Assessment.objects.create(round=evaluation_round, cooperative=story.other, status="submitted", overall=45, level=2)
    client.force_login(story.analyst)
    response = client.get(reverse("network:report", args=[story.event.slug]), {"evaluasi": story.evaluation.slug})
    body = response.content.decode()
    assert response.status_code == 200
    # KS-01 (100 jt, not evaluated) and KS-02 (100 jt, berjalan, Rp 5 jt): realisasi 2,5 %, aktif 50 %.
    assert "2,5%" in body and "50,0%" in body
    assert "bukan bukti sebab-akibat" in body and "Putaran Nov 2018" in body
    assert "<svg" in body and "<line" in body and "<script" not in body.split("</main>")[0]


def test_evaluation_event_report_redirects_to_its_temu_usaha(client, story):
    client.force_login(story.analyst)
    response = client.get(reverse("network:report", args=[story.evaluation.slug]))
    assert response.status_code == 302 and f"evaluasi={story.evaluation.slug}" in response.url


def test_unknown_evaluation_or_table_is_404(client, story):
    client.force_login(story.analyst)
    assert client.get(reverse("network:report", args=[story.event.slug]), {"evaluasi": "x"}).status_code == 404
    assert client.get(reverse("network:report_download", args=[story.event.slug, "x", "csv"])).status_code == 404
    assert client.get(reverse("network:report_download", args=[story.event.slug, "koperasi", "pdf"])).status_code == 404


def test_downloads_agree_with_the_export(client, story):
    client.force_login(story.analyst)
    document = json.loads(client.get(reverse("network:export", args=[story.event.slug, "json"])).content)
    assert document["summary"]["agreements"] == 2 and document["evaluation"] is None
    response = client.get(reverse("network:report_download", args=[story.event.slug, "koperasi", "csv"]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["nik", "koperasi", "kecamatan"] and len(rows) == 3
    for name in ["provinsi", "bidang", "kendala", "status", "kesiapan", "mitra", "kerja-sama"]:
        response = client.get(reverse("network:report_download", args=[story.event.slug, name, "xlsx"]))
        assert response.status_code == 200 and response.content.startswith(b"PK"), name
    query = {"evaluasi": story.evaluation.slug, "pembanding": story.evaluation.slug}
    response = client.get(reverse("network:report_download", args=[story.event.slug, "perubahan", "csv"]), query)
    assert response.status_code == 200


def test_event_report_pdf(client, story):
    client.force_login(story.analyst)
    response = client.get(reverse("network:report_pdf", args=[story.event.slug]))
    assert response.content.startswith(b"%PDF") and response["Content-Type"] == "application/pdf"


def test_learning_gain_of_participants_with_both_tests(client, story):
    grow(story, 2)
    gain = event_learning_gain(story.event)
    assert gain.learners == 2 and gain.gain == pytest.approx((70 - 40) / 60)


@pytest.mark.parametrize("name", ["report", "export", "download"])
def test_constant_queries_as_agreements_grow(client, story, django_assert_max_num_queries, name):
    client.force_login(story.analyst)
    urls = {
        "report": reverse("network:report", args=[story.event.slug])
        + f"?evaluasi={story.evaluation.slug}&pembanding={story.evaluation.slug}",
        "export": reverse("network:export", args=[story.event.slug, "json"]),
        "download": reverse("network:report_download", args=[story.event.slug, "koperasi", "xlsx"]),
    }
    grow(story, 2)
    client.get(urls[name])  # warm the session and content-type caches

    with CaptureQueriesContext(connection) as small:
        assert client.get(urls[name]).status_code == 200
    grow(story, 4)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(urls[name]).status_code == 200
