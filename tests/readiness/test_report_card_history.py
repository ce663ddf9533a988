"""Which earlier result a report card compares with, and what the PDF says about it: the
change, the priorities with their courses, the verification note."""

import datetime

import pytest

from courses.models import Enrolment
from readiness import selectors
from readiness.models import Indicator
from readiness.pdf import report_card_pdf
from readiness.services import export_framework, import_framework, verify_assessment
from tests.factories import make_analyst, make_cooperative, make_course, make_user
from tests.pdf_text import pdf_text

from .conftest import answer_all, make_round

pytestmark = pytest.mark.django_db

MAY = datetime.date(2018, 5, 1)


@pytest.fixture
def cooperative():
    return make_cooperative(nama="KSU Sumber Rejeki")


def test_the_previous_result_is_the_latest_earlier_round_of_the_same_instrument(ikdk, cooperative):
    other = import_framework(export_framework(ikdk) | {"code": "lain"})
    may = make_round(ikdk, "mei-2018", opens=MAY)
    answer_all(may, cooperative, 1)
    answer_all(make_round(other, "lain-agustus", opens=MAY.replace(month=8)), cooperative, 4)
    answer_all(make_round(ikdk, "september-draf", opens=MAY.replace(month=9)), cooperative, 4, submit=False)
    current = answer_all(make_round(ikdk, "november", opens=MAY.replace(month=11)), cooperative, 2)
    assert selectors.previous_assessment(current).round.slug == "mei-2018"
    # A round opened the same day but made earlier counts as earlier.
    same_day = answer_all(make_round(ikdk, "november-susulan", opens=MAY.replace(month=11)), cooperative, 3)
    assert selectors.previous_assessment(same_day).round.slug == "november"
    assert selectors.previous_assessment(answer_all(may, make_cooperative(), 2)) is None


def test_a_card_without_history_has_no_change(ikdk, cooperative):
    current = answer_all(make_round(ikdk, "pertama", opens=MAY), cooperative, 3)
    card = selectors.report_card(current)
    assert (card.previous_assessment, card.overall_change) == (None, None)
    assert {line.change for line in card.lines} == {None}
    assert (card.district_mean, card.district_count, card.jenis_mean, card.jenis_count) == (75.0, 1, 75.0, 1)
    assert card.band_label == "Kesiapan matang"


def test_priorities_are_the_three_largest_gaps_and_skip_unscored_dimensions(ikdk, cooperative):
    levels = {
        f"D{d}.{i}": level for d, level in zip(range(1, 7), (4, 0, 3, 1, None, 2), strict=True) for i in range(1, 5)
    }
    card = selectors.report_card(answer_all(make_round(ikdk, "pertama", opens=MAY), cooperative, levels))
    assert [line.code for line in card.priorities] == ["D2", "D4", "D6"]
    assert [round(line.priority, 4) for line in card.priorities] == [round(100 / 6, 4), 12.5, round(50 / 6, 4)]
    by_code = {line.code: line for line in card.lines}
    assert (by_code["D5"].score, by_code["D5"].priority) == (None, None)
    assert by_code["D1"].priority == 0.0


def test_the_pdf_shows_change_priorities_courses_and_the_verification_note(ikdk, cooperative):
    answer_all(make_round(ikdk, "mei-2018", name="Temu Usaha Mei 2018", opens=MAY), cooperative, 1)
    current = answer_all(
        make_round(ikdk, "november", name="Evaluasi November", opens=MAY.replace(month=11)), cooperative, 2
    )
    tagged = make_course(title="Pembukuan digital")
    tagged.dimensions.add("D1")
    tagged.save_revision().publish()
    finished = make_course(title="Kursus yang sudah selesai")
    finished.dimensions.add("D1")
    finished.save_revision().publish()
    member = make_user(cooperative=cooperative)
    Enrolment.objects.create(user=member, course=finished, completed_at=datetime.datetime.now(datetime.UTC))
    d11 = Indicator.objects.select_related("dimension").get(dimension__framework=ikdk, code="D1.1")
    verify_assessment(assessment=current, user=make_analyst(), levels={d11: 0}, note="Dicek (lapangan) → baik")
    current.refresh_from_db()
    card = selectors.report_card(current)
    assert [line.code for line in card.priorities] == ["D1", "D2", "D3"]
    assert [course.title for course in card.priorities[0].courses] == ["Pembukuan digital"]

    text = pdf_text(report_card_pdf(card))
    assert "KSU Sumber Rejeki - NIK " + cooperative.nik in text
    assert "status Terverifikasi" in text
    # D1 is (0 + 2 + 2 + 2) / 4 levels = 37,5; the index (37,5 + 5 × 50) / 6 = 47,9.
    assert "Indeks kesiapan digital: 47,9 / 100" in text
    assert "Tingkat kesiapan: 2 - Kesiapan sedang" in text
    assert "Perubahan sejak putaran sebelumnya (Temu Usaha Mei 2018): +22,9 (naik)" in text
    assert "1. D1 " in text and "- Pembukuan digital" in text
    assert "Kursus yang sudah selesai" not in text
    assert text.count("Belum ada kursus baru untuk dimensi ini.") == 2
    assert "Catatan verifikasi Dinas: Dicek (lapangan) -> baik" in text
