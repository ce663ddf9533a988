"""Dimension codes are shown with their names: catalogue filter, course tags, report card, charts."""

import datetime
import json

import pytest
from django.urls import reverse

from base.charts import dimension_chart
from readiness.selectors import dimension_label, dimension_names, report_card
from readiness.services import import_framework
from tests.factories import catalogue_page, make_analyst, make_cooperative, make_course

from .conftest import answer_all, make_round

pytestmark = pytest.mark.django_db


def test_names_come_from_the_current_framework(ikdk):
    assert dimension_names()["D1"] == "Strategi dan kepemimpinan"
    data = json.loads(
        json.dumps(
            {
                "code": "lain",
                "version": 1,
                "name": "Lain",
                "dimensions": [
                    {
                        "code": "D1",
                        "name": "Nama baru",
                        "weight": 1,
                        "description": "",
                        "indicators": [{"code": "D1.1", "text": "?", "levels": ["a", "b", "c", "d", "e"]}],
                    }
                ],
            }
        )
    )
    newest = import_framework(data)
    assert dimension_names() == {"D1": "Nama baru"}  # no round yet: the newest framework
    make_round(ikdk, "berjalan", opens=datetime.date(2020, 1, 1))
    assert dimension_names()["D1"] == "Strategi dan kepemimpinan"  # the framework of the latest round
    make_round(newest, "nanti", opens=datetime.date.today() + datetime.timedelta(days=30))
    assert dimension_names()["D1"] == "Strategi dan kepemimpinan"  # a round not yet open does not count
    assert dimension_label("D9", "") == "D9"


def test_catalogue_filter_and_course_tags_show_names(client, ikdk, django_assert_max_num_queries):
    course = make_course(title="Kas digital")
    course.dimensions.add("D4", "D1")
    course.save_revision().publish()
    for number in range(3):
        other = make_course(title=f"Kursus {number}")
        other.dimensions.add("D2")
        other.save_revision().publish()
    url = catalogue_page().url
    html = client.get(url).content.decode()
    assert '<option value="D4">D4 · Data, keuangan dan keamanan</option>' in html
    assert ">D1 · Strategi dan kepemimpinan</a>" in html
    # A filtered list is rendered afresh (plain visits are served from the page cache).
    with django_assert_max_num_queries(40) as captured:
        filtered = client.get(url, {"dimensi": "D2"}).content.decode()
    assert "Kursus 0" in filtered and "Kas digital" not in filtered
    dimension_reads = [q for q in captured.captured_queries if "readiness_dimension" in q["sql"]]
    assert len(dimension_reads) == 1  # once per request, however many courses and options
    html = client.get(course.url).content.decode()
    assert "D4 · Data, keuangan dan keamanan" in html


def test_report_card_chart_names_each_dimension(client, ikdk):
    evaluation_round = make_round(ikdk, "mei", opens=datetime.date(2020, 1, 1))
    cooperative = make_cooperative()
    assessment = answer_all(evaluation_round, cooperative, 2)
    svg = dimension_chart(report_card(assessment).lines, label=dimension_label)
    assert "D2 · Infrastruktur dan perangkat digital" in svg
    client.force_login(make_analyst())
    html = client.get(reverse("readiness:report_card", args=[evaluation_round.slug, cooperative.pk])).content.decode()
    assert "D6 · Kelembagaan dan tata kelola" in html


def test_report_charts_name_each_dimension(client, ikdk):
    evaluation_round = make_round(ikdk, "mei", opens=datetime.date(2020, 1, 1))
    answer_all(evaluation_round, make_cooperative(), 3)
    client.force_login(make_analyst())
    html = client.get(reverse("reports:dashboard"), {"putaran": evaluation_round.slug}).content.decode()
    assert "D3 · SDM dan keterampilan digital</text>" in html
