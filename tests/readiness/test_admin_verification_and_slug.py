"""Readiness in the admin: verification beside the assessments, slugs filled from names,
and constraints that explain themselves in Indonesian."""

import datetime

import pytest
from django.urls import reverse

from readiness.models import EvaluationRound
from tests.factories import make_analyst, make_cooperative, make_editor

from .conftest import answer_all, make_round

pytestmark = pytest.mark.django_db


def test_verification_menu_and_buttons_beside_each_assessment(client, ikdk):
    evaluation_round = make_round(ikdk, "mei", opens=datetime.date(2020, 1, 1))
    cooperative = make_cooperative()
    answer_all(evaluation_round, cooperative, 2)
    client.force_login(make_analyst())
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Verifikasi" in html and "/admin/asesmen/?status=submitted" in html
    html = client.get(reverse("asesmen:index") + "?status=submitted").content.decode()
    assert reverse("readiness:verify", args=[evaluation_round.slug, cooperative.pk]) in html
    assert reverse("readiness:report_card", args=[evaluation_round.slug, cooperative.pk]) in html


def test_editors_do_not_see_verification(client, ikdk):
    client.force_login(make_editor())
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "/admin/asesmen/?status=submitted" not in html


def test_round_form_fills_the_slug_from_the_name(client, ikdk):
    client.force_login(make_analyst())
    html = client.get(reverse("putaran:add")).content.decode()
    assert 'data-controller="w-sync"' in html and "#id_slug" in html
    assert 'data-controller="w-slug"' in html


def test_round_dates_in_the_wrong_order_explained_in_indonesian(client, ikdk):
    client.force_login(make_analyst())
    response = client.post(
        reverse("putaran:add"),
        {
            "name": "Putaran salah",
            "slug": "salah",
            "framework": ikdk.pk,
            "opens_on": "2026-12-10",
            "closes_on": "2026-12-01",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tanggal ditutup tidak boleh sebelum tanggal dibuka." in html
    assert "round_closes_after_opens" not in html
    assert not EvaluationRound.objects.filter(slug="salah").exists()
