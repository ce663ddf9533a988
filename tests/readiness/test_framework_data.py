"""Framework JSON (PRODUCT.md section 3): every problem named, in Indonesian, at its place, and
nothing written unless the whole file is right. Validation is pure; one test imports."""

import copy
import json

import pytest

from readiness.models import Framework
from readiness.services import FrameworkDataError, _validate_framework_data, import_framework, import_framework_file

LEVELS = ["tidak ada", "rencana", "sebagian", "rutin", "terpadu"]


def valid():
    return {
        "code": "uji",
        "name": "Instrumen uji",
        "version": 1,
        "bands": [{"min": 0, "label": "Rendah"}, {"min": 50, "label": "Tinggi"}],
        "dimensions": [
            {
                "code": "A",
                "name": "Dimensi A",
                "weight": 2,
                "indicators": [
                    {"code": "A.1", "text": "Pertama", "levels": list(LEVELS)},
                    {"code": "A.2", "text": "Kedua", "levels": list(LEVELS), "allow_na": False},
                ],
            },
            {
                "code": "B",
                "name": "Dimensi B",
                "indicators": [{"code": "B.1", "text": "Ketiga", "levels": list(LEVELS)}],
            },
        ],
    }


def problems_after(change):
    data = valid()
    change(data)
    return _validate_framework_data(data)


def test_a_valid_framework_has_no_problems():
    assert _validate_framework_data(valid()) == []


def test_version_weight_and_bands_may_be_left_out():
    data = valid()
    del data["version"], data["bands"], data["dimensions"][0]["weight"]
    assert _validate_framework_data(data) == []


@pytest.mark.parametrize("data", [[], "ikdk", None, 3])
def test_anything_but_an_object_is_one_problem(data):
    assert _validate_framework_data(data) == ["berkas harus berisi satu objek JSON"]


def _set(path, value):
    """A change setting ``data[path…] = value`` (or deleting it when value is ``...``)."""

    def change(data):
        target = data
        for step in path[:-1]:
            target = target[step]
        if value is ...:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return change


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (_set(["code"], ...), "code: wajib diisi"),
        (_set(["code"], "   "), "code: wajib diisi"),
        (_set(["code"], 7), "code: wajib diisi"),
        (_set(["name"], ""), "name: wajib diisi"),
        (_set(["version"], 0), "version: harus bilangan bulat ≥ 1"),
        (_set(["version"], True), "version: harus bilangan bulat ≥ 1"),
        (_set(["version"], "2"), "version: harus bilangan bulat ≥ 1"),
        (_set(["bands"], []), "bands: harus daftar yang tidak kosong"),
        (_set(["bands"], {"min": 0}), "bands: harus daftar yang tidak kosong"),
        (_set(["bands", 1], {"min": "50", "label": "Tinggi"}), "bands[2]: perlu min (angka) dan label"),
        (_set(["bands", 0], {"min": True, "label": "Rendah"}), "bands[1]: perlu min (angka) dan label"),
        (_set(["bands", 0], {"min": 0, "label": " "}), "bands[1]: perlu min (angka) dan label"),
        (_set(["bands", 0], "0: Rendah"), "bands[1]: perlu min (angka) dan label"),
        (_set(["dimensions"], []), "dimensions: sedikitnya satu dimensi"),
        (_set(["dimensions"], ...), "dimensions: sedikitnya satu dimensi"),
        (_set(["dimensions", 1], "B"), "dimensions[2]: harus objek"),
        (_set(["dimensions", 1, "code"], ""), "dimensions[2].code: wajib diisi"),
        (_set(["dimensions", 1, "code"], "A"), "dimensions[2].code: kode A dipakai dua kali"),
        (_set(["dimensions", 0, "name"], ""), "A.name: wajib diisi"),
        (_set(["dimensions", 0, "weight"], 0), "A.weight: harus angka lebih dari 0"),
        (_set(["dimensions", 0, "weight"], -1.5), "A.weight: harus angka lebih dari 0"),
        (_set(["dimensions", 0, "weight"], "1"), "A.weight: harus angka lebih dari 0"),
        (_set(["dimensions", 0, "weight"], True), "A.weight: harus angka lebih dari 0"),
        (_set(["dimensions", 1, "indicators"], []), "B.indicators: sedikitnya satu indikator"),
        (_set(["dimensions", 1, "indicators", 0], "B.1"), "B.indicators[1]: harus objek"),
        (_set(["dimensions", 1, "indicators", 0, "code"], ""), "B.indicators[1].code: wajib diisi"),
        (_set(["dimensions", 1, "indicators", 0, "code"], "A.1"), "B.indicators[1].code: kode A.1 dipakai dua kali"),
        (_set(["dimensions", 1, "indicators", 0, "text"], ""), "B.1.text: wajib diisi"),
        (
            _set(["dimensions", 1, "indicators", 0, "levels"], LEVELS[:4]),
            "B.1.levels: harus lima deskripsi (tingkat 0 sampai 4)",
        ),
        (
            _set(["dimensions", 1, "indicators", 0, "levels"], [*LEVELS[:4], ""]),
            "B.1.levels: harus lima deskripsi (tingkat 0 sampai 4)",
        ),
        (
            _set(["dimensions", 1, "indicators", 0, "levels"], "0-4"),
            "B.1.levels: harus lima deskripsi (tingkat 0 sampai 4)",
        ),
        (_set(["dimensions", 1, "indicators", 0, "allow_na"], "ya"), "B.1.allow_na: harus true atau false"),
    ],
)
def test_each_problem_is_named_where_it_is(change, problem):
    assert problems_after(change) == [problem]


def test_every_problem_is_listed_not_only_the_first():
    def break_many(data):
        data["name"] = ""
        data["dimensions"][0]["weight"] = 0
        data["dimensions"][1]["indicators"][0]["levels"] = []
        data["dimensions"].append({"code": "C", "name": "C"})

    assert problems_after(break_many) == [
        "name: wajib diisi",
        "A.weight: harus angka lebih dari 0",
        "B.1.levels: harus lima deskripsi (tingkat 0 sampai 4)",
        "C.indicators: sedikitnya satu indikator",
    ]


def test_error_carries_every_problem():
    error = FrameworkDataError(["a: x", "b: y"])
    assert error.errors == ["a: x", "b: y"] and str(error) == "a: x; b: y"


@pytest.mark.django_db
def test_an_invalid_framework_writes_nothing_and_a_valid_one_keeps_order_weights_and_na():
    broken = copy.deepcopy(valid())
    broken["dimensions"][1]["code"] = "A"
    with pytest.raises(FrameworkDataError) as refused:
        import_framework(broken)
    assert refused.value.errors == ["dimensions[2].code: kode A dipakai dua kali"]
    assert not Framework.objects.filter(code="uji").exists()

    data = valid()
    data["code"] = "  uji  "
    data["dimensions"][0]["indicators"][0]["text"] = "  Pertama  "
    framework = import_framework(data)
    assert (framework.code, framework.version, framework.bands) == ("uji", 1, valid()["bands"])
    dimensions = list(framework.dimensions.order_by("sort_order"))
    assert [(d.code, d.weight) for d in dimensions] == [("A", 2), ("B", 1)]
    indicators = list(dimensions[0].indicators.order_by("sort_order"))
    assert [(i.code, i.text, i.allow_na, i.levels) for i in indicators] == [
        ("A.1", "Pertama", True, LEVELS),
        ("A.2", "Kedua", False, LEVELS),
    ]


@pytest.mark.django_db
def test_unreadable_files_and_bad_json_say_where(tmp_path):
    with pytest.raises(FrameworkDataError) as missing:
        import_framework_file(tmp_path / "tidak-ada.json")
    assert missing.value.errors[0].startswith("berkas tidak bisa dibaca: ")
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"name": "é"}'.encode("latin-1"))
    with pytest.raises(FrameworkDataError) as undecodable:
        import_framework_file(latin)
    assert undecodable.value.errors[0].startswith("berkas tidak bisa dibaca: ")
    broken = tmp_path / "rusak.json"
    broken.write_text('{\n  "code": "uji",\n  "name": oops\n}', encoding="utf-8")
    with pytest.raises(FrameworkDataError) as invalid:
        import_framework_file(broken)
    assert invalid.value.errors == ["JSON tidak valid (baris 3): Expecting value"]
    good = tmp_path / "uji.json"
    good.write_text(json.dumps(valid()), encoding="utf-8")
    assert import_framework_file(good).dimensions.count() == 2
