"""The Wagtail admin for readiness: analysts' permissions, frozen versions, result import."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from accounts.roles import ANALYST_GROUP
from readiness.models import Assessment, Framework
from tests.factories import make_analyst, make_cooperative, make_editor

from .conftest import answer_all, make_round

pytestmark = pytest.mark.django_db


def test_analyst_group_has_readiness_permissions():
    codenames = set(Group.objects.get(name=ANALYST_GROUP).permissions.values_list("codename", flat=True))
    assert {"change_framework", "add_evaluationround", "change_assessment", "view_assessment"} <= codenames


def test_analyst_sees_admin_listings(client, ikdk):
    make_round(ikdk, "nov-2018")
    client.force_login(make_analyst())
    for name in ("instrumen:index", "putaran:index", "asesmen:index"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
    assert "Impor hasil" in client.get(reverse("putaran:index")).content.decode()
    edit = client.get(reverse("instrumen:edit", args=[ikdk.pk]))
    assert edit.status_code == 200
    html = edit.content.decode()
    assert "D1.1" in html and "Buat versi baru" in html


def test_editor_cannot_reach_readiness_admin(client, ikdk):
    client.force_login(make_editor())
    assert client.get(reverse("instrumen:index")).status_code in (302, 403)
    assert client.get(reverse("putaran:import", args=[make_round(ikdk, "x").pk])).status_code == 404


def test_frozen_version_refuses_edits_and_new_version_copies(client, ikdk):
    evaluation_round = make_round(ikdk, "nov-2018")
    answer_all(evaluation_round, make_cooperative(), 2)
    assert ikdk.is_frozen
    client.force_login(make_analyst())
    page = client.get(reverse("instrumen:edit", args=[ikdk.pk]))
    assert "dibekukan" in page.content.decode()
    response = client.post(reverse("instrumen:edit", args=[ikdk.pk]), {"code": "ikdk", "version": 1, "name": "Diubah"})
    assert response.status_code == 200
    assert "dibekukan" in response.content.decode()
    ikdk.refresh_from_db()
    assert ikdk.name == "Indeks Kesiapan Digital Koperasi"
    # "Buat versi baru": confirm page, then a copy as version 2, ready to edit.
    url = reverse("instrumen:new_version", args=[ikdk.pk])
    assert client.get(url).status_code == 200
    response = client.post(url)
    new = Framework.objects.get(code="ikdk", version=2)
    assert response.status_code == 302 and response.url == reverse("instrumen:edit", args=[new.pk])
    assert new.dimensions.count() == 6
    assert sum(d.indicators.count() for d in new.dimensions.all()) == 24
    assert not new.is_frozen
    # Past scores still point at version 1.
    assert Assessment.objects.get().round.framework == ikdk


def test_admin_import_preview_then_confirm(client, ikdk, tmp_path, settings):
    settings.IMPORT_STAGING_DIR = str(tmp_path / "staging")
    evaluation_round = make_round(ikdk, "mei-2018", opens=datetime.date(2018, 5, 1), closes=datetime.date(2018, 5, 31))
    make_cooperative(nik="3579000000000201")
    client.force_login(make_analyst())
    url = reverse("putaran:import", args=[evaluation_round.pk])
    assert client.get(url).status_code == 200
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("hasil.csv", b"nik,D1.1\n3579000000000201,7\n9999999999999999,1\n")
    html = client.post(url, {"file": bad}).content.decode()
    assert "baris 2: D1.1:" in html and "baris 3: nik:" in html
    assert not Assessment.objects.exists()
    good = SimpleUploadedFile("hasil.csv", b"nik,D1.1,D1.2\n3579000000000201,4,NA\n")
    response = client.post(url, {"file": good})
    html = response.content.decode()
    assert "Pratinjau" in html
    assert not Assessment.objects.exists()
    token = response.context["token"]
    response = client.post(url, {"token": token})
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.status == "submitted" and assessment.overall == 100.0
    # Confirming twice writes nothing twice.
    client.post(url, {"token": token})
    assert Assessment.objects.count() == 1


def test_assessment_import_template_has_the_rounds_indicator_codes(client, ikdk):
    evaluation_round = make_round(ikdk, "nov-2018")
    client.force_login(make_analyst())
    url = reverse("putaran:import", args=[evaluation_round.pk])
    assert f'href="{url}?templat=xlsx"' in client.get(url).content.decode()
    response = client.get(url, {"templat": "xlsx"})
    assert "templat-impor-asesmen-nov-2018.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["nik", "D1.1", "D1.2"] and len(header) == 25
    assert sheet["A2"].number_format == "@" and sheet["B2"].value == "4"
    # The template, filled in as it is, imports.
    make_cooperative(nik=sheet["A2"].value)
    upload = SimpleUploadedFile("templat.xlsx", response.content)
    assert "Pratinjau" in client.post(url, {"file": upload}).content.decode()


def test_unused_version_is_edited_in_place_with_inline_indicators(client, tmp_path):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    from readiness.services import import_framework

    framework = import_framework(
        {
            "code": "uji",
            "name": "Uji",
            "dimensions": [
                {
                    "code": "A",
                    "name": "A",
                    "weight": 1,
                    "indicators": [{"code": "A.1", "text": "Lama", "levels": list("abcde")}],
                }
            ],
        }
    )
    dimension = framework.dimensions.get()
    indicator = dimension.indicators.get()
    levels = {f"level_{n}": f"tingkat {n}" for n in range(5)}
    data = nested_form_data(
        {
            "code": "uji",
            "version": 1,
            "name": "Uji diubah",
            "description": "",
            "bands": '[{"min": 0, "label": "Rendah"}, {"min": 50, "label": "Tinggi"}]',
            "dimensions": inline_formset(
                [
                    {
                        "id": dimension.pk,
                        "code": "A",
                        "name": "A",
                        "weight": "2",
                        "description": "",
                        "indicators": inline_formset(
                            [
                                {"id": indicator.pk, "code": "A.1", "text": "Baru", "allow_na": "on", **levels},
                                {"code": "A.2", "text": "Tambahan", **levels},
                            ],
                            initial=1,
                        ),
                    }
                ],
                initial=1,
            ),
        }
    )
    client.force_login(make_analyst())
    response = client.post(reverse("instrumen:edit", args=[framework.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    framework.refresh_from_db()
    assert framework.name == "Uji diubah" and framework.version == 1
    assert framework.band_list()[1].label == "Tinggi"
    assert list(framework.dimensions.get().indicators.values_list("code", "text", "allow_na")) == [
        ("A.1", "Baru", True),
        ("A.2", "Tambahan", False),
    ]
