"""Wagtail behaviour editors rely on: approval workflow, scheduled publishing, block previews."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from courses.blocks import LessonBodyBlock
from courses.models import CoursePage
from tests.courses.content import make_document, make_image
from tests.factories import catalogue_page, make_course, make_editor, make_user

pytestmark = pytest.mark.django_db

APPROVERS = "Penyetuju Dinas"


def catalogue_titles(client):
    return [course.title for course in client.get("/kursus/").context["courses"]]


# --- moderation workflow ----------------------------------------------------------------


def test_catalogue_uses_the_course_approval_workflow():
    workflow = catalogue_page().get_workflow()
    assert workflow.name == "Persetujuan kursus" and workflow.active
    task = workflow.tasks.get().specific
    assert [group.name for group in task.groups.all()] == [APPROVERS]
    assert Group.objects.get(name=APPROVERS).permissions.filter(codename="access_admin").exists()
    course = make_course(publish=False)
    assert course.get_workflow() == workflow


def test_editor_submits_and_approver_publishes(client):
    editor = make_editor()
    approver = make_user(groups=[APPROVERS])
    course = make_course(title="Kursus baru untuk disetujui", publish=False)
    course.save_revision(user=editor)
    workflow_state = course.get_workflow().start(course, editor)
    task_state = workflow_state.current_task_state
    task = task_state.task.specific

    assert "approve" not in [name for name, *_ in task.get_actions(course, editor)]
    assert "approve" in [name for name, *_ in task.get_actions(course, approver)]
    assert "Kursus baru untuk disetujui" not in catalogue_titles(client)

    client.force_login(approver)
    assert client.get(f"/admin/pages/{course.pk}/edit/").status_code == 200
    task.on_action(task_state, approver, "approve")
    course.refresh_from_db()
    assert course.live
    assert "Kursus baru untuk disetujui" in catalogue_titles(client)


def test_admin_is_in_indonesian(client):
    client.force_login(make_editor())
    html = client.get("/admin/").content.decode()
    assert 'lang="id"' in html and "Halaman" in html


# --- scheduled publishing ---------------------------------------------------------------


def test_scheduled_revision_goes_live_only_after_publish_scheduled(client, monkeypatch):
    course = make_course(title="Kursus terjadwal", publish=False)
    course.go_live_at = timezone.now() + timedelta(hours=1)
    course.save_revision().publish()
    course.refresh_from_db()
    assert not course.live
    assert course.scheduled_revision is not None

    call_command("publish_scheduled")  # too early: nothing happens
    course.refresh_from_db()
    assert not course.live
    assert "Kursus terjadwal" not in catalogue_titles(client)

    later = timezone.now() + timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)  # two hours pass
    call_command("publish_scheduled")
    course.refresh_from_db()
    assert course.live
    monkeypatch.undo()
    assert "Kursus terjadwal" in catalogue_titles(client)


# --- block previews ---------------------------------------------------------------------


def test_every_block_has_a_preview_and_description():
    make_image()
    make_document()
    for name, block in LessonBodyBlock().child_blocks.items():
        assert block.get_description(), name
        assert block.get_preview_value(), name
        assert block.is_previewable, name


@pytest.mark.parametrize("name", ["text", "image", "document", "callout", "table"])
def test_block_preview_renders_in_the_admin(client, name):
    make_image()
    make_document()
    client.force_login(make_editor())
    response = client.get("/admin/block-preview/", {"id": LessonBodyBlock().child_blocks[name].definition_prefix})
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/css/site.css" in html
    assert f"block-{name}" in html


def test_course_tree_rules():
    assert CoursePage.parent_page_types == ["courses.CourseIndexPage"]
    assert "courses.LessonPage" in CoursePage.subpage_types
    assert not Page.objects.type(CoursePage).exclude(depth=catalogue_page().depth + 1).exists()
