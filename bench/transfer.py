"""Transfer size (gzip) of key pages: HTML, CSS and JS on a first and a repeat visit.

First visit = the page's HTML plus every same-host stylesheet and script it references
(and CSS ``@import``s), each gzipped at level 9 as whitenoise precompresses them.
Repeat visit = the HTML only: static files have hashed names and are cached for a year.
Content images are left out, as the target says, except the catalogue's course covers,
which have their own budget (``cover_weight``).
"""

import gzip
import re
from urllib.parse import urljoin, urlsplit

from django.conf import settings

from .measure import client_for

STYLESHEET = re.compile(rb"<link\b[^>]*>", re.IGNORECASE)
SCRIPT = re.compile(rb"<script\b[^>]*\bsrc=[\"']([^\"']+)[\"']", re.IGNORECASE)
HREF = re.compile(rb"\bhref=[\"']([^\"']+)[\"']", re.IGNORECASE)
CSS_IMPORT = re.compile(rb"@import\s+(?:url\()?[\"']?([^\"')\s;]+)", re.IGNORECASE)


def gzip_size(data):
    return len(gzip.compress(data, compresslevel=9))


def _same_host(url):
    parts = urlsplit(url)
    return not parts.netloc or parts.hostname in ("127.0.0.1", "localhost", "testserver")


def _assets(html):
    """Same-host stylesheet and script URLs referenced by ``html``."""
    urls = []
    for tag in STYLESHEET.findall(html):
        if re.search(rb"rel=[\"']?(?:stylesheet|preload|modulepreload)", tag, re.IGNORECASE):
            href = HREF.search(tag)
            if href:
                urls.append(href.group(1).decode())
    urls += [src.decode() for src in SCRIPT.findall(html)]
    return [url for url in dict.fromkeys(urls) if _same_host(url)]


def _fetch(client, url):
    path = urlsplit(url).path
    static_url = settings.STATIC_URL
    if path.startswith(static_url):
        file = settings.STATIC_ROOT / path[len(static_url) :]
        if file.is_file():
            return file.read_bytes()
    response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    return b"".join(response.streaming_content) if response.streaming else response.content


def page_weight(client, path):
    response = client.get(path)
    if response.status_code != 200:
        return {"path": path, "status": response.status_code}
    html = response.content
    assets = {}
    queue = _assets(html)
    while queue:
        url = queue.pop(0)
        if url in assets:
            continue
        body = _fetch(client, url)
        assets[url] = gzip_size(body)
        if urlsplit(url).path.endswith(".css"):
            queue += [urljoin(url, found.decode()) for found in CSS_IMPORT.findall(body) if _same_host(found.decode())]
    html_gzip = gzip_size(html)
    covers = cover_weight(html)
    return {
        "covers": covers,
        "path": path,
        "html_bytes": len(html),
        "html_gzip": html_gzip,
        "assets": assets,
        "first_visit_gzip": html_gzip + sum(assets.values()),
        "repeat_visit_gzip": html_gzip,
    }


PICTURE = re.compile(rb"<picture>(.*?)</picture>", re.IGNORECASE | re.DOTALL)
PICTURE_SOURCE = re.compile(rb'<source\b[^>]*type="image/webp"[^>]*>', re.IGNORECASE)
IMG_TAG = re.compile(rb"<img\b[^>]*>", re.IGNORECASE)
SRCSET = re.compile(rb'srcset="([^"]+)"')
# The phone the budget is for: 360 CSS pixels wide at 2x; a full-width cover needs 720 pixels.
PHONE_PIXELS = 720


def _picked(srcset):
    """The candidate of ``srcset`` a 360-pixel phone at 2x downloads for a full-width image."""
    candidates = []
    for item in srcset.decode().split(","):
        url, _, width = item.strip().rpartition(" ")
        candidates.append((int(width.rstrip("w")), url))
    candidates.sort()
    return next((url for width, url in candidates if width >= PHONE_PIXELS), candidates[-1][1])


def cover_weight(html, per_page=12):
    """The catalogue's covers as a phone downloads them: the webp candidate it picks for each
    ``<picture>``; "eager" are the covers loaded before scrolling (no ``loading="lazy"``).
    Scaled to ``per_page`` courses (a full catalogue page) from the covers shown."""
    covers = []
    for picture in PICTURE.findall(html):
        source, img = PICTURE_SOURCE.search(picture), IMG_TAG.search(picture)
        if source and img and b'class="cover"' in img.group(0):
            covers.append((source.group(0), img.group(0)))
    sizes = []
    for source, img in covers:
        url = _picked(SRCSET.search(source).group(1))
        path = settings.MEDIA_ROOT / urlsplit(url).path.removeprefix(settings.MEDIA_URL)
        sizes.append((path.stat().st_size if path.is_file() else 0, b'loading="lazy"' not in img))
    if not sizes:
        return {"covers": 0}
    all_bytes = sum(size for size, _eager in sizes)
    return {
        "covers": len(sizes),
        "eager": sum(1 for _size, eager in sizes if eager),
        "eager_bytes": sum(size for size, eager in sizes if eager),
        "all_bytes": all_bytes,
        "per_page_bytes": round(all_bytes * per_page / len(sizes)),
    }


def key_pages(probe, dashboard_path):
    """(name, path, user, is a learner page) of the pages whose weight matters most."""
    from .measure import optional_reverse, wagtail_pages

    pages = wagtail_pages(probe)
    learner_pages = [
        ("beranda", pages["beranda"]),
        ("katalog", pages.get("katalog")),
        ("kursus", pages["kursus"]),
        ("materi", pages.get("materi")),
        ("kuis", pages["kuis"]),
        ("percobaan kuis", optional_reverse("quizzes:attempt", probe.attempt_in_progress.pk)),
        ("kursus saya", optional_reverse("courses:my_courses")),
    ]
    if probe.attempt_submitted is not None:
        learner_pages.append(("hasil kuis", optional_reverse("quizzes:attempt_result", probe.attempt_submitted.pk)))
    result = [(name, path, probe.learner, True) for name, path in learner_pages if path]
    if dashboard_path:
        result.append(("dasbor laporan", dashboard_path, probe.analyst, False))
    return result


def measure_offline(probe):
    client = client_for(probe.learner)
    return {"worker": offline_weight(client), "courses": saved_course_downloads(client, probe.learner)}


def measure_transfer(probe, dashboard_path):
    clients = {}
    results = {}
    for name, path, user, learner in key_pages(probe, dashboard_path):
        client = clients.setdefault(user.pk, client_for(user))
        weight = page_weight(client, path)
        weight["learner_page"] = learner
        results[name] = weight
    return results


# --- offline learning: what the service worker and manifest add, what a saved course costs


def offline_weight(client):
    """The service worker, the manifest and its icons: fetched once by a first visit.

    A repeat visit adds nothing: the manifest and icons are cached static files, and the
    browser's update check of ``/sw.js`` is answered 304 (no body) while it is unchanged.
    """
    from django.contrib.staticfiles import finders

    worker = client.get("/sw.js")
    etag = worker["ETag"]
    again = client.get("/sw.js", HTTP_IF_NONE_MATCH=etag)
    manifest = open(finders.find("manifest.webmanifest"), "rb").read()
    icons = sum(len(open(finders.find(f"icons/icon-{size}.png"), "rb").read()) for size in (192, 512))
    parts = {"sw.js": gzip_size(worker.content), "manifest": gzip_size(manifest), "icons": icons}
    return {
        "parts": parts,
        "first_visit_gzip": sum(parts.values()),
        "repeat_visit_gzip": len(again.content) if again.status_code == 304 else gzip_size(worker.content),
        "sw_status_on_repeat": again.status_code,
    }


def saved_course_downloads(client, user):
    """Per course of the catalogue: what "Simpan untuk offline" downloads, measured and estimated.

    Measured: every page the course lists for the phone (course, lessons, quizzes and
    their offline copies) as the server sends it (HTML gzipped), plus each image at the
    rendition a 360-pixel phone at 2x picks (720 pixels wide). Shared static files are
    left out (they are already cached). Estimated: what the course card shows.
    """
    from courses.models import CoursePage
    from offline.selectors import course_download_bytes, course_offline_files, offline_course_or_none

    results = {}
    for course in CoursePage.objects.live().order_by("path"):
        if offline_course_or_none(user, course.pk) is None:
            continue
        files = course_offline_files(course)
        pages = 0
        for entry in files["pages"]:
            response = client.get(entry["url"])
            pages += gzip_size(response.content) if response.status_code == 200 else 0
        images = 0
        for candidates in files["images"]:
            wanted = [c for c in sorted(candidates, key=lambda c: c["width"]) if c["width"] >= 720] or candidates[-1:]
            path = settings.MEDIA_ROOT / urlsplit(wanted[0]["url"]).path.removeprefix(settings.MEDIA_URL)
            images += path.stat().st_size if path.is_file() else 0
        results[course.slug] = {
            "pages": len(files["pages"]),
            "images": len(files["images"]),
            "download_bytes": pages + images,
            "estimated_bytes": course_download_bytes(course),
        }
    return results
