/* Koperasi Siap Digital service worker (no build step, no library).
   - Pages: network first; offline, the copy saved with a course, else a friendly page.
   - Static files and images: the saved copy first.
   - "Tandai selesai" and "Mulai kuis" offline: the completion waits in the phone's queue
     (IndexedDB, sent by offline.js), the quiz opens its offline copy.
   Served at /sw.js by offline.views.service_worker, which puts self.KSD (URLs, texts) first.
   Version: __VERSION__ */
"use strict";
var C = self.KSD;
var APP = "ksd-app";
var COURSE = "ksd-kursus-";
var ANY = { ignoreVary: true };

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

function db() {
  return new Promise(function (resolve, reject) {
    var open = indexedDB.open("ksd-luring", 1);
    open.onupgradeneeded = function () {
      ["queue", "history", "courses", "meta"].forEach(function (name) { open.result.createObjectStore(name, { keyPath: "id" }); });
    };
    open.onsuccess = function () { resolve(open.result); };
    open.onerror = function () { reject(open.error); };
  });
}

function tx(name, mode, work) {
  return db().then(function (d) {
    return new Promise(function (resolve, reject) {
      var t = d.transaction(name, mode);
      var request = work(t.objectStore(name));
      t.oncomplete = function () { d.close(); resolve(request && request.result); };
      t.onerror = function () { d.close(); reject(t.error); };
    });
  });
}

function uuid() {
  if (self.crypto.randomUUID) return self.crypto.randomUUID();
  var b = self.crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
  var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
  return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
}

function tell() {
  self.clients.matchAll().then(function (clients) {
    clients.forEach(function (client) { client.postMessage("ksd-queued"); });
  });
}

function escape(text) {
  return String(text).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
}

function fallback() {
  return caches.match(C.status, ANY).then(function (saved) {
    if (saved) return saved; // the saved-courses page: its script says this page is not saved
    return tx("courses", "readonly", function (s) { return s.getAll(); }).catch(function () { return []; }).then(function (courses) {
      var list = courses.map(function (c) { return '<li><a href="' + escape(c.url) + '">' + escape(c.title) + "</a></li>"; }).join("");
      var html = '<!DOCTYPE html><html lang="' + C.lang + '"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
        "<title>" + escape(C.text.title) + '</title><link rel="stylesheet" href="' + C.css + '"></head><body><main class="container">' +
        "<h1>" + escape(C.text.title) + "</h1><p>" + escape(C.text.body) + "</p><h2>" + escape(C.text.saved) + "</h2>" +
        (list ? "<ul>" + list + "</ul>" : "<p>" + escape(C.text.none) + "</p>") + "</main></body></html>";
      return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
    });
  });
}

function keepFresh(url, response) {
  // A saved page visited online is stored again, so its ticks and progress stay current.
  return caches.keys().then(function (names) {
    names = names.filter(function (n) { return n === APP || n.indexOf(COURSE) === 0; });
    var i = 0;
    function next() {
      if (i >= names.length) return null;
      return caches.open(names[i++]).then(function (cache) {
        return cache.match(url, ANY).then(function (hit) { return hit ? cache.put(url, response) : next(); });
      });
    }
    return next();
  });
}

function page(request) {
  return fetch(request).then(function (response) {
    if (response.ok && response.type === "basic" && request.url.indexOf("?") === -1) keepFresh(request.url, response.clone());
    return response;
  }).catch(function () {
    return caches.match(request.url, ANY).then(function (hit) { return hit || fallback(); });
  });
}

function sibling(url) {
  // Offline, another saved size of the same image (the phone turned, the screen zoomed).
  var wanted = url.pathname.replace(/width-\d+/, "width-");
  if (wanted === url.pathname) return Promise.resolve(null);
  return caches.keys().then(function (names) {
    return Promise.all(names.map(function (n) {
      return caches.open(n).then(function (cache) {
        return cache.keys().then(function (keys) {
          var key = keys.find(function (k) { return new URL(k.url).pathname.replace(/width-\d+/, "width-") === wanted; });
          return key ? cache.match(key, ANY) : null;
        });
      });
    }));
  }).then(function (hits) { return hits.find(Boolean) || null; });
}

function asset(request, url) {
  return caches.match(request, ANY).then(function (hit) {
    return hit || fetch(request).catch(function () {
      return sibling(url).then(function (other) { return other || Response.error(); });
    });
  });
}

function lessonDone(request, lessonId) {
  return tx("queue", "readonly", function (s) { return s.getAll(); }).then(function (waiting) {
    if (waiting.some(function (item) { return item.kind === "lesson_done" && item.page === lessonId; })) return null;
    return Promise.all([
      tx("courses", "readonly", function (s) { return s.getAll(); }),
      tx("meta", "readonly", function (s) { return s.get("user"); })
    ]).then(function (found) {
      var title = "";
      found[0].forEach(function (course) {
        course.pages.forEach(function (p) { if (p.kind === "lesson" && p.id === lessonId) title = p.title; });
      });
      var item = { id: uuid(), kind: "lesson_done", page: lessonId, title: title, made_at: Date.now(), user: found[1] && found[1].value };
      return tx("queue", "readwrite", function (s) { return s.put(item); });
    });
  }).then(function () {
    tell();
    if ((request.headers.get("Accept") || "").indexOf("application/json") !== -1) {
      return new Response(JSON.stringify({ done: true, queued: true }), { headers: { "Content-Type": "application/json" } });
    }
    return Response.redirect(request.referrer || C.status, 303);
  });
}

function quizOffline(quizId) {
  var copy = C.paper.replace("987654321", quizId);
  return caches.match(copy, ANY).then(function (hit) { return hit ? Response.redirect(copy, 303) : fallback(); });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (C.skip.some(function (prefix) { return url.pathname.indexOf(prefix) === 0; })) return;
  var match;
  if (request.method === "POST") {
    if ((match = url.pathname.match(new RegExp(C.lessonDone)))) {
      event.respondWith(fetch(request.clone()).catch(function () { return lessonDone(request, Number(match[1])); }));
    } else if ((match = url.pathname.match(new RegExp(C.quizStart)))) {
      event.respondWith(fetch(request.clone()).catch(function () { return quizOffline(match[1]); }));
    }
    return;
  }
  if (request.method !== "GET") return;
  if (request.mode === "navigate") {
    event.respondWith(page(request));
  } else if (url.pathname.indexOf(C.static) === 0 || url.pathname.indexOf(C.media) === 0) {
    event.respondWith(asset(request, url));
  }
});
