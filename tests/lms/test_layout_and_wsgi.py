"""The site layout (lms/templates/base.html) as people and screen readers meet it, and the
WSGI entry point gunicorn loads, answering a real WSGI request."""

import io
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants
from django.contrib.messages.storage.fallback import FallbackStorage
from django.template.loader import render_to_string

pytestmark = pytest.mark.django_db


def login_page(client):
    response = client.get("/akun/masuk/")
    assert response.status_code == 200
    return response.content.decode()


def test_layout_language_title_and_skip_link(client):
    body = login_page(client)
    assert '<html lang="id">' in body
    assert re.search(r"<title>[^<]+ · Koperasi Siap Digital</title>", body)
    assert '<a class="skip-link" href="#main">Langsung ke isi</a>' in body
    assert '<main id="main"' in body
    assert 'rel="manifest"' in body and 'name="viewport"' in body


def test_layout_speaks_english_when_chosen(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = login_page(client)
    assert '<html lang="en">' in body
    assert "Langsung ke isi" not in body


def test_layout_scripts_are_static_files_only(client):
    body = login_page(client)
    scripts = re.findall(r"<script[^>]*>", body)
    assert scripts and all('src="/static/' in tag for tag in scripts if "application/json" not in tag)


def test_layout_shows_messages_left_for_the_next_page(rf, client):
    request = rf.get("/")
    request.session = client.session
    request._messages = FallbackStorage(request)
    request._messages.add(constants.SUCCESS, "Kegiatan tersimpan.")
    request.user = AnonymousUser()
    html = render_to_string("404.html", request=request)
    assert "Kegiatan tersimpan." in html


def test_wsgi_application_answers_a_request():
    from lms.wsgi import application

    started = {}

    def start_response(status, headers):
        started["status"] = status
        started["headers"] = dict(headers)

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/sw.js",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "QUERY_STRING": "",
    }
    body = b"".join(application(environ, start_response))
    assert started["status"] == "200 OK"
    assert started["headers"]["Content-Type"].startswith(("application/javascript", "text/javascript"))
    assert b"/luring/" in body
