import json
from decimal import Decimal
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "ikdk-v1.json"


def load_default_framework(apps, schema_editor):
    """Ship "Indeks Kesiapan Digital Koperasi" v1 (readiness/data/ikdk-v1.json)."""
    Framework = apps.get_model("readiness", "Framework")
    Dimension = apps.get_model("readiness", "Dimension")
    Indicator = apps.get_model("readiness", "Indicator")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    if Framework.objects.filter(code=data["code"], version=data["version"]).exists():
        return
    framework = Framework.objects.create(
        code=data["code"], version=data["version"], name=data["name"], bands=data["bands"]
    )
    for d_order, d in enumerate(data["dimensions"]):
        dimension = Dimension.objects.create(
            framework=framework,
            sort_order=d_order,
            code=d["code"],
            name=d["name"],
            weight=Decimal(str(d["weight"])),
            description=d.get("description", ""),
        )
        for i_order, i in enumerate(d["indicators"]):
            Indicator.objects.create(
                dimension=dimension,
                sort_order=i_order,
                code=i["code"],
                text=i["text"],
                allow_na=i.get("allow_na", True),
                **{f"level_{n}": text for n, text in enumerate(i["levels"])},
            )


class Migration(migrations.Migration):
    dependencies = [("readiness", "0001_initial")]

    operations = [migrations.RunPython(load_default_framework, migrations.RunPython.noop)]
