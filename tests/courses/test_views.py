import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from courses.models import Enrolment, LessonCompletion
from tests.factories import make_analyst, make_cooperative, make_editor, make_lesson, make_user

pytestmark = pytest.mark.django_db

# The course of conftest.py is built once for the module (tests/conftest.py ``module_db``); the
# tests that do not ask for it only look at people and cooperatives. The catalogue's own
# courses: test_catalogue_filters.py.
SHARE_ROWS = ("course",)


def done_url(lesson):
    return reverse("courses:mark_lesson_done", args=[lesson.pk])


# --- anonymous visitors ---------------------------------------------------------------


def test_anonymous_sees_catalogue_and_course_summary_only(client, course, lessons):
    catalogue = client.get("/kursus/")
    assert catalogue.status_code == 200
    assert "Pembukuan digital koperasi" in catalogue.content.decode()
    page = client.get(course.url).content.decode()
    assert "Buku kas di HP, rapi dan aman." in page
    assert "Buku kas harian" not in page  # lesson titles need an account
    assert "Masuk untuk mulai belajar" in page


def test_anonymous_is_sent_to_login_for_a_lesson(client, lessons):
    response = client.get(lessons[0].url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert "next=" in response.url


def test_anonymous_cannot_enrol_or_mark_done(client, course, lessons):
    assert client.post(reverse("courses:enrol", args=[course.pk])).status_code == 302
    assert client.post(done_url(lessons[0])).status_code == 302
    assert not Enrolment.objects.exists() and not LessonCompletion.objects.exists()


def test_user_without_cooperative_cannot_learn(client, lessons):
    client.force_login(make_user())
    response = client.get(lessons[0].url)
    assert response.status_code == 403
    assert "Isi rahasia" not in response.content.decode()
    assert client.post(done_url(lessons[0])).status_code == 403


def test_dinas_may_learn(client, lessons):
    client.force_login(make_editor())
    assert client.get(lessons[0].url).status_code == 200
    client.force_login(make_analyst())
    assert client.get(lessons[0].url).status_code == 200


# --- learning --------------------------------------------------------------------------


def test_enrol_by_post_only_and_idempotent(client, learner, course):
    client.force_login(learner)
    url = reverse("courses:enrol", args=[course.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302
    assert Enrolment.objects.filter(user=learner, course=course).count() == 1
    page = client.get(course.url).content.decode()
    assert "Mulai belajar" in page and "0 dari 2 aktivitas selesai" in page


def test_course_page_shows_ticks_progress_and_continue(client, learner, course, lessons):
    client.force_login(learner)
    client.post(done_url(lessons[0]))
    page = client.get(course.url).content.decode()
    assert "1 dari 2 aktivitas selesai (50 %)" in page
    assert f'class="activity is-done" data-activity="lesson">\n          <a href="{lessons[0].url}">' in page
    assert f'href="{lessons[1].url}">Lanjutkan</a>' in page


def test_lesson_page_has_body_navigation_and_done_button(client, learner, lessons):
    client.force_login(learner)
    page = client.get(lessons[0].url).content.decode()
    assert "Isi rahasia materi satu." in page
    assert "Tandai selesai" in page
    assert f'action="{done_url(lessons[0])}"' in page
    assert f'rel="next" class="button" href="{lessons[1].url}"' in page
    assert "Materi 1 dari 2" in page
    second = client.get(lessons[1].url).content.decode()
    assert f'rel="prev" href="{lessons[0].url}"' in second


def test_mark_done_redirects_to_next_lesson_then_course(client, learner, course, lessons):
    client.force_login(learner)
    response = client.post(done_url(lessons[0]))
    assert response.url == lessons[1].url
    response = client.post(done_url(lessons[1]))
    assert response.url == course.url
    assert Enrolment.objects.get(user=learner).completed_at is not None
    page = client.get(lessons[1].url).content.decode()
    assert "Materi ini sudah selesai." in page and "Tandai selesai" not in page


def test_mark_done_answers_json_for_the_script_and_repeats_safely(client, learner, lessons):
    client.force_login(learner)
    for _ in range(3):
        response = client.post(done_url(lessons[0]), headers={"Accept": "application/json"})
        assert response.json() == {
            "done": True,
            "course_completed": False,
            "percent": 50,
            "label": "1 dari 2 aktivitas selesai (50 %)",
        }
    assert LessonCompletion.objects.filter(user=learner).count() == 1


def test_mark_done_requires_csrf_token(learner, lessons):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    assert client.post(done_url(lessons[0])).status_code == 403
    page = client.get(lessons[0].url).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert client.post(done_url(lessons[0]), {"csrfmiddlewaretoken": token}).status_code == 302
    assert LessonCompletion.objects.filter(user=learner).count() == 1


def test_unpublished_lesson_cannot_be_marked(client, learner, course):
    draft = make_lesson(course, title="Draf", publish=False)
    client.force_login(learner)
    assert client.post(done_url(draft)).status_code == 404


def test_my_courses_lists_progress(client, learner, course, lessons):
    client.force_login(learner)
    assert "belum mengikuti kursus" in client.get(reverse("courses:my_courses")).content.decode()
    client.post(done_url(lessons[0]))
    page = client.get(reverse("courses:my_courses")).content.decode()
    assert "Pembukuan digital koperasi" in page and "1 dari 2 aktivitas selesai (50 %)" in page


# --- private courses --------------------------------------------------------------------


def test_password_protected_course_is_not_listed_and_its_lesson_not_served(client, learner, course, lessons):
    PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.PASSWORD, password="rahasia")
    assert "Pembukuan digital koperasi" not in client.get("/kursus/").content.decode()
    assert "Pembukuan digital koperasi" not in client.get("/").content.decode()
    client.force_login(learner)
    assert "Pembukuan digital koperasi" not in client.get("/kursus/").content.decode()
    response = client.get(lessons[0].url)
    assert "Isi rahasia materi satu." not in response.content.decode()
    assert client.post(done_url(lessons[0])).status_code == 404
    assert not LessonCompletion.objects.exists()


def test_login_restricted_course_is_hidden_from_anonymous_only(client, learner, course, lessons):
    PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)
    assert "Pembukuan digital koperasi" not in client.get("/kursus/").content.decode()
    assert client.get(course.url).status_code == 302
    client.force_login(learner)
    assert "Pembukuan digital koperasi" in client.get("/kursus/").content.decode()
    assert "Isi rahasia materi satu." in client.get(lessons[0].url).content.decode()


# --- progress pages and access ----------------------------------------------------------


def test_learner_sees_own_progress_only(client, learner, cooperative):
    colleague = make_user(cooperative=cooperative)
    client.force_login(learner)
    assert client.get(reverse("courses:learner_progress", args=[learner.pk])).status_code == 200
    assert client.get(reverse("courses:learner_progress", args=[colleague.pk])).status_code == 404


def test_pengurus_sees_own_staff_not_another_cooperatives(client, pengurus, learner, course, lessons):
    outsider_coop = make_cooperative(nama="Koperasi Lain")
    outsider = make_user(cooperative=outsider_coop)
    client.force_login(learner)
    client.post(done_url(lessons[0]))
    client.force_login(pengurus)
    page = client.get(reverse("courses:staff_progress", args=[learner.cooperative_id]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Siti" in html and "50 %" in html and "Pembukuan digital koperasi" in html
    assert client.get(reverse("courses:staff_progress", args=[outsider_coop.pk])).status_code == 404
    assert client.get(reverse("courses:learner_progress", args=[learner.pk])).status_code == 200
    assert client.get(reverse("courses:learner_progress", args=[outsider.pk])).status_code == 404
    assert client.get(reverse("courses:cooperative_progress")).status_code == 404


def test_staff_cannot_see_staff_progress(client, learner):
    client.force_login(learner)
    assert client.get(reverse("courses:staff_progress", args=[learner.cooperative_id])).status_code == 404


def test_analyst_sees_every_cooperative(client, learner, lessons):
    other = make_cooperative(nama="Koperasi Tani Makmur")
    make_user(cooperative=other)
    client.force_login(learner)
    client.post(done_url(lessons[0]))
    client.post(done_url(lessons[1]))
    client.force_login(make_analyst())
    response = client.get(reverse("courses:cooperative_progress"))
    assert response.status_code == 200
    rows = {row.nama: row for row in response.context["page_obj"].object_list}
    assert rows["Koperasi Sumber Rejeki"].learners == 1
    assert rows["Koperasi Sumber Rejeki"].enrolled == 1
    assert rows["Koperasi Sumber Rejeki"].completed == 1
    assert rows["Koperasi Sumber Rejeki"].lessons_done == 2
    assert rows["Koperasi Tani Makmur"].enrolled == 0
    assert client.get(reverse("courses:staff_progress", args=[other.pk])).status_code == 200
    assert client.get(reverse("courses:learner_progress", args=[learner.pk])).status_code == 200


def test_editor_is_not_an_analyst(client):
    client.force_login(make_editor())
    assert client.get(reverse("courses:cooperative_progress")).status_code == 404


def test_cooperative_filter_by_kecamatan(client):
    from tests.factories import make_kecamatan

    make_cooperative(nama="Koperasi Paiton", kecamatan=make_kecamatan("Paiton"))
    make_cooperative(nama="Koperasi Tongas", kecamatan=make_kecamatan("Tongas"))
    client.force_login(make_analyst())
    response = client.get(reverse("courses:cooperative_progress"), {"kecamatan": "Paiton"})
    assert [row.nama for row in response.context["page_obj"].object_list] == ["Koperasi Paiton"]
