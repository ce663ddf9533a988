/* Learning without a steady connection: registers the service worker, saves a course
   on the phone (Cache API), keeps lesson completions and quiz answers made offline in a
   queue (IndexedDB) and sends each when the connection returns. Each queued action has
   an id made here; the server accepts an id once, so sending again is always safe.
   Texts and URLs come from #offline-text (translated by the server). */
(function () {
  "use strict";
  var T = document.getElementById("offline-text");
  if (!T || !("serviceWorker" in navigator) || !window.caches || !window.indexedDB || !window.fetch) return;
  var USER = T.getAttribute("data-user");
  var SYNC = T.getAttribute("data-sync");
  var STATUS = T.getAttribute("data-status");
  var COURSE = "ksd-kursus-";
  var APP = "ksd-app";
  var ANY = { ignoreVary: true };
  var lang = document.documentElement.lang || "id";

  function t(name, value) {
    var text = T.getAttribute("data-" + name) || "";
    return value === undefined ? text : text.replace("%s", value);
  }

  navigator.serviceWorker.register(T.getAttribute("data-sw"), { scope: "/" }).catch(function () {});

  // --- the phone's database (the same as the service worker's) ---
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
  function all(name) { return tx(name, "readonly", function (s) { return s.getAll(); }); }
  function put(name, value) { return tx(name, "readwrite", function (s) { return s.put(value); }); }
  function remove(name, id) { return tx(name, "readwrite", function (s) { return s["delete"](id); }); }
  function mine(item) { return String(item.user) === USER; }

  function uuid() {
    if (window.crypto.randomUUID) return window.crypto.randomUUID();
    var b = window.crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function size(bytes) {
    var kb = bytes / 1024;
    if (kb < 1000) return Math.max(1, Math.round(kb)) + " KB";
    return (kb / 1024).toLocaleString(lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 }) + " MB";
  }
  function when(ms) {
    return new Date(ms).toLocaleString(lang, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
  }
  function ok(response) {
    if (!response.ok) { var error = new Error(String(response.status)); error.status = response.status; throw error; }
    return response;
  }
  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  if (USER) put("meta", { id: "user", value: Number(USER) });

  // --- saving a course ---
  function pick(candidates) {
    // The rendition this screen shows (the page's srcset offers 360, 720 and 1080 pixels).
    var need = Math.min(window.innerWidth, 928) * (window.devicePixelRatio || 1);
    var sorted = candidates.slice().sort(function (a, b) { return a.width - b.width; });
    var found = sorted.find(function (c) { return c.width >= need; });
    return (found || sorted[sorted.length - 1]).url;
  }
  function assetsOf(html, into) {
    var pattern = /(?:href|src)="(\/static\/[^"]+)"/g;
    var match;
    while ((match = pattern.exec(html))) into[match[1].replace(/&amp;/g, "&")] = true;
  }
  function storeAll(cache, urls, progress) {
    var bytes = 0;
    var assets = {};
    function one(i) {
      if (i >= urls.length) return Promise.resolve();
      progress(i + 1, urls.length);
      return fetch(urls[i], { credentials: "same-origin" }).then(ok).then(function (response) {
        var copy = response.clone();
        var html = (response.headers.get("Content-Type") || "").indexOf("text/html") === 0;
        return response.blob().then(function (blob) {
          bytes += blob.size;
          return html ? blob.text().then(function (text) { assetsOf(text, assets); }) : null;
        }).then(function () { return cache.put(urls[i], copy); });
      }).then(function () { return one(i + 1); });
    }
    return one(0).then(function () { return { bytes: bytes, assets: Object.keys(assets) }; });
  }
  function saveCourse(box) {
    var id = Number(box.getAttribute("data-offline-course"));
    var state = box.querySelector(".offline-state");
    var name = COURSE + id;
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {});
    box.setAttribute("aria-busy", "true");
    return fetch(T.getAttribute("data-files").replace("987654321", id), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(ok).then(function (r) { return r.json(); }).then(function (files) {
        var urls = files.pages.map(function (p) { return p.url; }).concat(files.images.map(pick));
        return caches.open(name).then(function (cache) {
          return storeAll(cache, urls, function (n, total) { state.textContent = t("saving", n + "/" + total); });
        }).then(function (stored) {
          // Shared files (style sheets, scripts) and the saved-courses page go to one cache.
          return caches.open(APP).then(function (app) {
            return Promise.all(stored.assets.concat([STATUS]).map(function (url) {
              return app.match(url, ANY).then(function (hit) {
                return hit && url !== STATUS ? null : fetch(url, { credentials: "same-origin" }).then(ok).then(function (r) { return app.put(url, r); });
              });
            }));
          }).then(function () {
            return put("courses", { id: id, title: files.course.title, url: files.course.url, bytes: stored.bytes, saved_at: Date.now(), pages: files.pages });
          });
        });
      }).then(function () {
        box.removeAttribute("aria-busy");
        return render();
      }, function (error) {
        box.removeAttribute("aria-busy");
        caches["delete"](name);
        state.textContent = error && error.name === "QuotaExceededError" ? t("no-space") : t("failed");
      });
  }
  function removeCourse(id) {
    return caches["delete"](COURSE + id).then(function () { return remove("courses", id); }).then(render);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-offline-save], [data-offline-remove]");
    if (!button) return;
    var box = button.closest("[data-offline-course]");
    var id = Number(box.getAttribute("data-offline-course"));
    if (button.hasAttribute("data-offline-save")) {
      button.disabled = true;
      saveCourse(box).then(function () { button.disabled = false; });
    } else if (window.confirm(t("remove-confirm"))) {
      removeCourse(id);
    }
  });

  // Logging out: the saved pages belong to this account (waiting items keep their owner).
  document.addEventListener("submit", function (event) {
    if (event.target.getAttribute("action") !== T.getAttribute("data-logout")) return;
    caches.keys().then(function (names) {
      names.forEach(function (n) { if (n.indexOf(COURSE) === 0 || n === APP) caches["delete"](n); });
    });
    tx("courses", "readwrite", function (s) { return s.clear(); });
  });

  // --- the queue ---
  var flushing = false;
  var retry = null;
  var loginNeeded = false;
  function send(item, csrf) {
    item.sent_at = Date.now(); // the server corrects the phone's clock with it
    return fetch(SYNC, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(item)
    }).then(function (response) {
      if (response.status !== 200 && response.status !== 400) throw Object.assign(new Error(), { status: response.status });
      return response.json().then(function (body) {
        var entry = {
          id: item.id, kind: item.kind, title: item.title, made_at: item.made_at, user: item.user, sent_at: Date.now(),
          status: response.status === 200 ? body.status : "rejected", message: body.message || body.error || "", url: body.url || ""
        };
        return put("history", entry).then(function () { return remove("queue", item.id); });
      });
    });
  }
  function flush() {
    if (flushing || !USER) return Promise.resolve();
    flushing = true;
    window.clearTimeout(retry);
    return all("queue").then(function (items) {
      items = items.filter(mine).sort(function (a, b) { return a.made_at - b.made_at; });
      if (!items.length) return null;
      return fetch(SYNC, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(ok)
        .then(function (r) { return r.json(); }).then(function (auth) {
          loginNeeded = false;
          return items.reduce(function (chain, item) {
            return chain.then(function () { return send(item, auth.csrf); });
          }, Promise.resolve());
        });
    }).catch(function (error) {
      loginNeeded = error && error.status === 401;
      retry = window.setTimeout(flush, 20000);
    }).then(function () {
      flushing = false;
      return render();
    });
  }
  function queue(item) {
    item.user = Number(USER);
    return put("queue", item).then(render).then(flush);
  }

  window.addEventListener("online", flush);
  navigator.serviceWorker.addEventListener("message", function (event) {
    if (event.data === "ksd-queued") render().then(flush);
  });

  // --- what the page shows ---
  function label(item) { return t(item.kind === "lesson_done" ? "lesson" : "quiz", item.title || ""); }
  function render() {
    return Promise.all([all("courses"), all("queue"), all("history")]).then(function (found) {
      var saved = {};
      found[0].forEach(function (c) { saved[c.id] = c; });
      var waiting = found[1].filter(mine);
      var history = found[2].filter(mine).sort(function (a, b) { return b.sent_at - a.sent_at; });
      history.slice(30).forEach(function (old) { remove("history", old.id); });
      Array.prototype.forEach.call(document.querySelectorAll("[data-offline-course]"), function (box) {
        var course = saved[box.getAttribute("data-offline-course")];
        var state = box.querySelector(".offline-state");
        var actions = box.querySelector(".offline-actions");
        if (box.getAttribute("aria-busy")) return;
        state.textContent = course ? t("saved", size(course.bytes)) : "";
        if (actions) {
          actions.hidden = !USER;
          actions.querySelector("[data-offline-save]").hidden = Boolean(course);
          actions.querySelector("[data-offline-remove]").hidden = !course;
        }
      });
      var badge = document.getElementById("offline-queue");
      if (badge) {
        badge.hidden = !waiting.length;
        badge.firstElementChild.textContent = t("waiting", waiting.length) + (loginNeeded ? " " + t("login") : "");
      }
      var form = document.querySelector("form[data-auto-done]");
      if (form && !form.hasAttribute("data-done") && waiting.some(function (i) { return i.kind === "lesson_done" && String(i.page) === form.getAttribute("data-lesson"); })) {
        var button = form.querySelector("button");
        var status = form.querySelector(".done");
        if (button) button.hidden = true;
        if (status) { status.hidden = false; status.textContent = status.textContent.replace(/\s*$/, "") + " " + t("queued"); }
        form.setAttribute("data-done", "");
      }
      renderStatus(found[0], waiting, history.slice(0, 30));
    });
  }
  function renderStatus(courses, waiting, history) {
    var root = document.querySelector("[data-offline-status]");
    if (!root) return;
    var missing = root.querySelector("[data-offline-missing]");
    if (location.pathname !== STATUS) { missing.hidden = false; missing.textContent = t("not-saved"); }
    var list = root.querySelector("[data-offline-saved]");
    list.textContent = "";
    courses.forEach(function (course) {
      var li = el("li");
      li.appendChild(el("a", course.title, { href: course.url }));
      li.appendChild(document.createTextNode(" · " + t("saved", size(course.bytes)) + " · "));
      var button = el("button", t("remove"), { type: "button", "class": "link-button" });
      button.addEventListener("click", function () { if (window.confirm(t("remove-confirm"))) removeCourse(course.id); });
      li.appendChild(button);
      list.appendChild(li);
    });
    root.querySelector("[data-offline-none]").hidden = courses.length > 0;
    var queued = root.querySelector("[data-offline-waiting]");
    queued.textContent = "";
    waiting.forEach(function (item) { queued.appendChild(el("li", label(item) + " · " + t("made", when(item.made_at)))); });
    root.querySelector("[data-offline-nothing-waiting]").hidden = waiting.length > 0;
    var sent = root.querySelector("[data-offline-history]");
    sent.textContent = "";
    history.forEach(function (item) {
      var li = el("li", label(item) + " · " + (item.status === "accepted" ? t("sent", when(item.sent_at)) : t("rejected", item.message)) + " ");
      if (item.url) li.appendChild(el("a", t("see"), { href: item.url }));
      sent.appendChild(li);
    });
  }

  // --- a quiz answered offline ---
  function paper(form) {
    var quiz = Number(form.getAttribute("data-offline-quiz"));
    var key = "ksd-kertas-" + quiz;
    var status = form.querySelector("[data-offline-quiz-status]");
    var draft = null;
    try { draft = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { draft = null; }
    if (!draft) draft = { id: uuid(), started_at: Date.now(), answers: {} };
    function keep() { try { localStorage.setItem(key, JSON.stringify(draft)); } catch (e) { /* private mode */ } }
    keep();
    Array.prototype.forEach.call(form.elements, function (input) {
      var saved = draft.answers[(input.name || "").slice(2)];
      if (!saved || input.name.indexOf("q-") !== 0) return;
      if (input.type === "radio" || input.type === "checkbox") input.checked = [].concat(saved.v).indexOf(input.value) !== -1;
      else input.value = saved.v;
    });
    function record(event) {
      var input = event.target;
      if (!input.name || input.name.indexOf("q-") !== 0) return;
      var inputs = form.querySelectorAll('[name="' + input.name + '"]');
      var value;
      if (input.type === "checkbox") value = Array.prototype.filter.call(inputs, function (i) { return i.checked; }).map(function (i) { return i.value; });
      else if (input.type === "radio") value = (Array.prototype.find.call(inputs, function (i) { return i.checked; }) || {}).value || "";
      else value = input.value;
      draft.answers[input.name.slice(2)] = { v: value, t: Date.now() };
      keep();
    }
    form.addEventListener("change", record);
    form.addEventListener("input", record);
    var done = false;
    function finish() {
      if (done) return;
      done = true;
      var order = Array.prototype.map.call(form.querySelectorAll("[data-question]"), function (f) { return f.getAttribute("data-question"); });
      queue({
        id: draft.id, kind: "quiz_attempt", page: quiz, paper: form.getAttribute("data-paper"), title: form.getAttribute("data-title"),
        started_at: draft.started_at, answers: draft.answers, order: order, made_at: Date.now()
      }).then(function () {
        try { localStorage.removeItem(key); } catch (e) { /* private mode */ }
        Array.prototype.forEach.call(form.elements, function (input) { input.disabled = true; });
        status.textContent = t("queued") + " ";
        status.appendChild(el("a", t("see"), { href: STATUS }));
      });
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); finish(); });
    var clock = document.querySelector("[data-offline-timer]");
    var limit = Number(form.getAttribute("data-limit")) * 60000;
    var closes = Number(form.getAttribute("data-closes") || 0) * 1000;
    var ends = Math.min(limit ? draft.started_at + limit : Infinity, closes || Infinity);
    if (clock && ends !== Infinity) {
      clock.hidden = false;
      var value = clock.querySelector(".quiz-timer-value");
      (function tick() {
        var left = Math.max(0, Math.round((ends - Date.now()) / 1000));
        value.textContent = Math.floor(left / 60) + ":" + ("0" + (left % 60)).slice(-2);
        if (left <= 0) { status.textContent = t("time-up"); finish(); return; }
        if (!done) window.setTimeout(tick, 1000);
      })();
    }
  }
  var paperForm = document.querySelector("form[data-offline-quiz]");
  if (paperForm) paper(paperForm);

  render().then(flush);
})();
