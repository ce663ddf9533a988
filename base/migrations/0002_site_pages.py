"""Make the site root a HomePage with the course catalogue under it.

A fresh database therefore serves a working site before any demo content is loaded.
"""

from django.db import migrations


def create_site_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("base.HomePage")
    CourseIndexPage = apps.get_model("courses.CourseIndexPage")

    # Wagtail's initial data makes a plain "Welcome" page at depth 2; replace it.
    Page.objects.filter(depth=2, content_type__app_label="wagtailcore", content_type__model="page").delete()
    if HomePage.objects.exists():
        return
    locale = Locale.objects.order_by("pk").first()
    root = Page.objects.get(depth=1)
    home_type, _ = ContentType.objects.get_or_create(app_label="base", model="homepage")
    index_type, _ = ContentType.objects.get_or_create(app_label="courses", model="courseindexpage")
    existing = Page.objects.filter(depth=2).count()
    home_path = root.path + f"{existing + 1:04d}"
    home = HomePage.objects.create(
        title="Koperasi Siap Digital",
        draft_title="Koperasi Siap Digital",
        slug="beranda",
        content_type=home_type,
        path=home_path,
        depth=2,
        numchild=1,
        url_path="/beranda/",
        locale=locale,
        intro="<p>Belajar teknologi digital untuk koperasi, langkah demi langkah, dari HP Anda.</p>",
        call_to_action="Lihat kursus",
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    CourseIndexPage.objects.create(
        title="Kursus",
        draft_title="Kursus",
        slug="kursus",
        content_type=index_type,
        path=home_path + "0001",
        depth=3,
        numchild=0,
        url_path="/beranda/kursus/",
        locale=locale,
        intro="Kursus singkat untuk staf dan pengurus koperasi menuju koperasi siap digital.",
    )
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page_id=home.pk, is_default_site=True, site_name="Koperasi Siap Digital"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("base", "0001_initial"),
        ("courses", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_site_pages, migrations.RunPython.noop)]
