"""Several web servers and workers on one PostgreSQL, media in one S3-compatible bucket.

README, "Deploying". An S3-compatible server (moto's server mode) is started here; two
gunicorn servers (A and B, two ports) and two ``db_worker`` processes share a database
of their own (a copy of the freshly migrated test database, migrated to the head again)
and the bucket. Through HTTP only, as people do it: an image an editor uploads on A is
shown and served by B; an import an analyst previews on A is confirmed on B; exports asked
on A and on B are built by the workers and downloaded from both servers. Nothing is
written to the servers' local media folder.
"""

import html
import io
import os
import re
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from urllib.parse import quote

import boto3
import psycopg
import pytest
import requests
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook
from PIL import Image

from tests.conftest import servers_database_name

from . import multiserver_site as site_data
from .processes import stop_all

pytestmark = [pytest.mark.multiserver, pytest.mark.postgres_only]

PROJECT = Path(settings.BASE_DIR)
BUCKET = "ksd-media-uji"
# A bound for every wait, never a sleep. Generous: on the shared 2-core machine at a load of
# 14, a gunicorn worker took over a minute to import Django; on a quiet one all is up in seconds.
DEADLINE_SECONDS = 180
TASKS_TABLE = DBTaskResult._meta.db_table
S3_KEYS = {"AWS_ACCESS_KEY_ID": "uji", "AWS_SECRET_ACCESS_KEY": "uji-rahasia", "AWS_S3_REGION_NAME": "us-east-1"}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def until(condition, what, processes=()):
    """Poll ``condition`` (a function) until it returns something true, within the deadline."""
    ends = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < ends:
        for process in processes:
            assert process.poll() is None, f"{process.args} ended early"
        result = condition()
        if result:
            return result
        time.sleep(0.1)  # polling with a deadline
    raise AssertionError(f"timed out: {what}")


@pytest.fixture
def s3_endpoint():
    """An S3-compatible server on a free port with an empty bucket."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    try:
        bucket_client(endpoint).create_bucket(Bucket=BUCKET)
        yield endpoint
    finally:
        server.stop()


def bucket_client(endpoint):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=S3_KEYS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=S3_KEYS["AWS_SECRET_ACCESS_KEY"],
        region_name=S3_KEYS["AWS_S3_REGION_NAME"],
    )


def connection_options():
    options = connection.settings_dict
    return {
        "host": options["HOST"] or "127.0.0.1",
        "port": options["PORT"] or 5432,
        "user": options["USER"],
        "password": options["PASSWORD"] or None,
    }


@pytest.fixture
def servers_database(django_db_setup, django_db_blocker):
    """The servers' own database: the copy conftest made of the migrated test database (or
    an empty one when there is none), migrated to the head. Dropped afterwards."""
    name = servers_database_name()
    with django_db_blocker.unblock(), psycopg.connect(dbname="postgres", autocommit=True, **connection_options()) as db:
        if db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            db.execute(f'CREATE DATABASE "{name}"')
    yield name
    with django_db_blocker.unblock(), psycopg.connect(dbname="postgres", autocommit=True, **connection_options()) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def database_url(name):
    options = connection_options()
    password = f":{quote(options['password'])}" if options["password"] else ""
    return f"postgres://{quote(options['user'])}{password}@{options['host']}:{options['port']}/{name}"


def query(name, sql, parameters=()):
    with psycopg.connect(dbname=name, **connection_options()) as db:
        return db.execute(sql, parameters).fetchall()


class Browser:
    """One person's browser: one cookie jar for both servers (as behind a load balancer)."""

    def __init__(self):
        self.session = requests.Session()

    def get(self, server, path, **kwargs):
        return self.session.get(server + path, allow_redirects=False, timeout=DEADLINE_SECONDS, **kwargs)

    def post(self, server, path, data=None, **kwargs):
        form = {"csrfmiddlewaretoken": self.session.cookies.get("csrftoken", ""), **(data or {})}
        return self.session.post(server + path, data=form, allow_redirects=False, timeout=DEADLINE_SECONDS, **kwargs)

    def log_in(self, server, username, password):
        """Through the login form, with the CSRF token it hands out."""
        page = self.get(server, reverse("accounts:login"))
        assert page.status_code == 200
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        response = self.post(
            server,
            reverse("accounts:login"),
            {"username": username, "password": password, "csrfmiddlewaretoken": token},
        )
        assert response.status_code == 302, response.text[-2000:]


def png_bytes():
    picture = Image.new("RGB", (48, 32), (20, 120, 60))
    for x in range(0, 48, 4):
        picture.putpixel((x, x % 32), (250, 200, 0))
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def pixels(data):
    with Image.open(io.BytesIO(data)) as picture:
        return picture.size, picture.convert("RGB").tobytes()


# The test database is set up (and, in conftest, copied for the servers) only when a
# collected test uses the database; this test itself never writes to it.
@pytest.mark.django_db
def test_two_servers_and_two_workers_share_one_database_and_one_bucket(tmp_path, s3_endpoint, servers_database):
    local_media = tmp_path / "media-lokal"
    env = {
        **{key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DATABASE_REPLICA_URL"}},
        **S3_KEYS,
        "DATABASE_URL": database_url(servers_database),
        "DJANGO_SETTINGS_MODULE": "lms.settings.dev",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "dua-server-satu-rahasia",
        "DJANGO_MEDIA_ROOT": str(local_media),
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_ADDRESSING_STYLE": "path",
        "PYTHONUNBUFFERED": "1",
    }
    # The data is written while the servers and workers start (each start of Django takes
    # seconds): the database is already migrated, and nothing is asked of them before it is done.
    data = subprocess.Popen(
        [sys.executable, "-m", "tests.base.multiserver_site"],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )

    ports = {"A": free_port(), "B": free_port()}
    commands = {
        f"server{name}": [
            *("-m", "gunicorn", "lms.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "4"),
            *("--timeout", str(DEADLINE_SECONDS), "--no-control-socket"),
        ]
        for name, port in ports.items()
    }
    for worker in ("w1", "w2"):
        commands[worker] = [
            *("manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1"),
            *("--worker-id", worker),
        ]
    logs = {name: (tmp_path / f"{name}.log").open("w+") for name in commands}
    processes = {}
    try:
        for name, arguments in commands.items():
            processes[name] = subprocess.Popen(
                [sys.executable, *arguments], cwd=PROJECT, env=env, stdout=logs[name], stderr=subprocess.STDOUT
            )
        _output, errors = data.communicate(timeout=300)
        assert data.returncode == 0, errors[-3000:]
        a, b = (f"http://127.0.0.1:{ports[name]}" for name in ("A", "B"))
        for server in (a, b):
            until(lambda server=server: _answers(server), f"{server} to start", processes.values())

        _image_uploaded_on_a_is_served_by_b(a, b, s3_endpoint, servers_database)
        _import_previewed_on_a_is_confirmed_on_b(a, b, servers_database)
        _exports_built_by_the_workers_download_from_both(a, b, s3_endpoint, servers_database, processes)
    except BaseException:
        for name, log in logs.items():
            log.seek(0)
            print(f"--- {name}\n{log.read()[-4000:]}")
        raise
    finally:
        stop_all(processes.values())
        for log in logs.values():
            log.close()

    # Every file went to the bucket; the servers' own disks kept none.
    stored = [path for path in local_media.rglob("*") if path.is_file()] if local_media.exists() else []
    assert stored == []
    failed = query(
        servers_database,
        f"SELECT task_path, traceback FROM {TASKS_TABLE} WHERE status = %s",
        ["FAILED"],
    )
    assert failed == []


def _answers(server):
    try:
        return requests.get(server + reverse("accounts:login"), timeout=DEADLINE_SECONDS).status_code == 200
    except requests.ConnectionError:
        return False


def _image_uploaded_on_a_is_served_by_b(a, b, s3_endpoint, database):
    editor = Browser()
    editor.log_in(a, site_data.EDITOR, "rahasia-uji-123")
    original = png_bytes()
    response = editor.post(
        a,
        reverse("wagtailimages:add"),
        {"title": "Foto dua server"},
        files={"file": ("foto-dua-server.png", original, "image/png")},
    )
    assert response.status_code == 302, response.text[-3000:]
    [(image_id, file_name)] = query(
        database, "SELECT id, file FROM wagtailimages_image WHERE title = %s", ["Foto dua server"]
    )
    s3 = bucket_client(s3_endpoint)
    assert s3.get_object(Bucket=BUCKET, Key=file_name)["Body"].read() == original

    # B shows the image's page: it reads the original from the bucket and makes a rendition.
    page = editor.get(b, reverse("wagtailimages:edit", args=[image_id]))
    assert page.status_code == 200
    assert s3_endpoint in page.headers["Content-Security-Policy"]  # the admin may show the bucket's images
    preview_tag = re.search(r"<img\s[^>]*data-original-width[^>]*>", page.text).group(0)
    rendition_url = html.unescape(re.search(r'\ssrc="([^"]+)"', preview_tag).group(1))
    assert rendition_url.startswith(f"{s3_endpoint}/{BUCKET}/images/"), rendition_url
    rendition = requests.get(rendition_url, timeout=DEADLINE_SECONDS)
    assert rendition.status_code == 200 and pixels(rendition.content) == pixels(original)
    # B serves the picture itself, read from the bucket.
    served = editor.get(b, reverse("wagtailimages:preview", args=[image_id, "original"]))
    assert served.status_code == 200 and pixels(served.content) == pixels(original)
    # And A uses the renditions B made (the same rows and files for both servers).
    renditions = query(database, "SELECT count(*) FROM wagtailimages_rendition WHERE image_id = %s", [image_id])
    assert rendition_url.split("?")[0] in editor.get(a, reverse("wagtailimages:edit", args=[image_id])).text
    assert query(database, "SELECT count(*) FROM wagtailimages_rendition WHERE image_id = %s", [image_id]) == renditions


def _import_previewed_on_a_is_confirmed_on_b(a, b, database):
    analyst = Browser()
    analyst.log_in(b, site_data.ANALYST, "rahasia-uji-123")
    csv = f"nik,nama,jenis,kecamatan,desa,jumlah_anggota\n3513000000009901,Koperasi Dua Server,konsumen,{site_data.KECAMATAN},Sumberanyar,25\n"
    url = reverse("koperasi:import")
    preview = analyst.post(a, url, files={"file": ("koperasi.csv", csv.encode(), "text/csv")})
    assert preview.status_code == 200
    token = re.search(r'name="token" value="([^"]+)"', preview.text).group(1)
    assert query(database, "SELECT count(*) FROM cooperatives_cooperative WHERE nik = %s", ["3513000000009901"]) == [
        (0,)
    ]

    confirmed = analyst.post(b, url, {"token": token})
    assert confirmed.status_code == 302 and confirmed.headers["Location"] == reverse("koperasi:index")
    listing = analyst.get(a, confirmed.headers["Location"])
    assert "Impor koperasi.csv selesai: 1 dibuat" in html.unescape(listing.text)
    assert query(database, "SELECT nama FROM cooperatives_cooperative WHERE nik = %s", ["3513000000009901"]) == [
        ("Koperasi Dua Server",)
    ]
    # Confirming again (on either server) imports nothing twice.
    again = analyst.post(a, url, {"token": token})
    assert again.status_code == 302 and again.headers["Location"] == url
    assert query(database, "SELECT count(*) FROM base_stagedimport") == [(0,)]


def _exports_built_by_the_workers_download_from_both(a, b, s3_endpoint, database, processes):
    analyst = Browser()
    analyst.log_in(a, site_data.ANALYST, "rahasia-uji-123")
    jobs = {}
    for server, kind in ((a, "readiness"), (b, "report_cards")):
        response = analyst.post(server, reverse("reports:export_request"), {"kind": kind, "putaran": site_data.ROUND})
        assert response.status_code == 302, response.text[-2000:]
        jobs[kind] = int(re.search(r"/ekspor/(\d+)/$", response.headers["Location"]).group(1))

    def finished():
        states = {}
        for index, (kind, pk) in enumerate(jobs.items()):
            answer = analyst.get((a, b)[index % 2], reverse("reports:export_status", args=[pk])).json()
            assert answer["status"] != "failed", answer
            states[kind] = answer
        return states if all(state["status"] == "done" for state in states.values()) else None

    states = until(finished, "the workers to build both exports", [processes["w1"], processes["w2"]])
    files = {}
    for kind, pk in jobs.items():
        downloads = [analyst.get(server, states[kind]["download_url"]) for server in (a, b)]
        assert [response.status_code for response in downloads] == [200, 200]
        assert downloads[0].content == downloads[1].content
        files[kind] = downloads[0].content
        [(name,)] = query(database, "SELECT file FROM reports_exportjob WHERE id = %s", [pk])
        assert bucket_client(s3_endpoint).get_object(Bucket=BUCKET, Key=name)["Body"].read() == files[kind]
    sheet = load_workbook(io.BytesIO(files["readiness"])).active
    assert sheet.title == site_data.ROUND and sheet.cell(row=1, column=1).value
    assert zipfile.ZipFile(io.BytesIO(files["report_cards"])).testzip() is None
    workers = query(
        database,
        f"SELECT worker_ids FROM {TASKS_TABLE} WHERE task_path = %s",
        ["reports.tasks.run_export_job"],
    )
    assert len(workers) == 2 and all(set(ids) <= {"w1", "w2"} and ids for (ids,) in workers), workers
