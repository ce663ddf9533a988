/* Quiz attempt: save answers as the learner goes, survive a dropped connection or a
   closed tab, and count down the remaining time. The plain form works without this. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave-url]");
  if (!form) return;
  var url = form.getAttribute("data-autosave-url");
  var storageKey = "kuis-percobaan-" + form.getAttribute("data-attempt");
  var status = document.getElementById("autosave-status");
  var timer = null;
  var sending = false;
  var again = false;

  function say(text) { if (status) status.textContent = text; }

  function snapshot() {
    // The current answers on this screen, as {name: [values]} (kept if offline).
    var values = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name.indexOf("q-") !== 0) return;
      if (!values[el.name]) values[el.name] = [];
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) return;
      values[el.name].push(el.value);
    });
    return values;
  }

  // The copy kept on the phone carries a sequence number: every change makes a newer
  // copy, and a save that completes removes the copy only if that save covered it. A
  // save that was sent before the latest ticks never wipes them (they would be lost if
  // the page were reloaded before the next save got through).
  var seq = 0;

  function stored() {
    var saved = null;
    try { saved = JSON.parse(localStorage.getItem(storageKey) || "null"); } catch (e) { saved = null; }
    if (!saved || typeof saved !== "object") return null;
    if (!("answers" in saved)) return { seq: 0, answers: saved };  // written by an older version
    return saved;
  }

  function remember() {
    seq += 1;
    try { localStorage.setItem(storageKey, JSON.stringify({ seq: seq, answers: snapshot() })); } catch (e) { /* private mode */ }
  }

  function forget(upTo) {
    // upTo: the newest change the completed save carried; undefined: everything.
    try {
      var saved = stored();
      if (saved && upTo !== undefined && saved.seq > upTo) return;
      localStorage.removeItem(storageKey);
    } catch (e) { /* private mode */ }
  }

  function restore() {
    var saved = stored();
    if (!saved) return false;
    seq = Math.max(seq, saved.seq || 0);
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !(el.name in saved.answers)) return;
      if (el.type === "radio" || el.type === "checkbox") {
        el.checked = saved.answers[el.name].indexOf(el.value) !== -1;
      } else {
        el.value = saved.answers[el.name][0] || "";
      }
    });
    return true;
  }

  function send() {
    if (sending) { again = true; return; }
    sending = true;
    again = false;
    var covers = seq;  // this save carries every change up to now
    var data = new FormData(form);
    data.delete("go");
    say("Menyimpan…");
    fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      forget(covers);
      if (result.ok) {
        say("Tersimpan " + result.body.saved_at);
      } else {
        say(result.body.error || "Jawaban tidak tersimpan.");
        if (result.body.redirect) window.setTimeout(function () { window.location = result.body.redirect; }, 2500);
      }
    }).catch(function () {
      say("Belum tersimpan: koneksi terputus. Jawaban disimpan di HP ini dan dikirim lagi saat tersambung.");
      again = false;
      window.setTimeout(schedule, 5000);
    }).then(function () {
      sending = false;
      if (again) send();
    });
  }

  function schedule(delay) {
    window.clearTimeout(timer);
    timer = window.setTimeout(send, typeof delay === "number" ? delay : 600);
  }

  function changed(delay) {
    remember();
    schedule(delay);
  }

  // "3 dari 6 soal terjawab" follows the learner's ticks (this screen's questions only
  // change; the others keep the server's count).
  // On a slow connection the learner may tick before this script has run: the count of
  // other screens is taken from the page as the server sent it (the inputs' defaults),
  // and any tick made before now is counted and saved below.
  var progress = document.getElementById("quiz-progress");
  function answeredHere(asSent) {
    var count = 0;
    Array.prototype.forEach.call(form.querySelectorAll("fieldset.question"), function (question) {
      var filled = Array.prototype.some.call(question.querySelectorAll("input[name^='q-']"), function (el) {
        if (el.type === "radio" || el.type === "checkbox") return asSent ? el.defaultChecked : el.checked;
        return (asSent ? el.defaultValue : el.value).trim() !== "";
      });
      if (filled) count += 1;
    });
    return count;
  }
  function changedBeforeScript() {
    return Array.prototype.some.call(form.elements, function (el) {
      if (!el.name || el.name.indexOf("q-") !== 0) return false;
      if (el.type === "radio" || el.type === "checkbox") return el.checked !== el.defaultChecked;
      return el.value !== el.defaultValue;
    });
  }
  var answeredElsewhere = progress ? parseInt(progress.getAttribute("data-answered"), 10) - answeredHere(true) : 0;
  function answeredNow() { return answeredElsewhere + answeredHere(); }
  function showProgress() {
    if (progress) progress.textContent = progress.textContent.replace(/^\s*\d+/, String(answeredNow()));
  }

  form.addEventListener("change", function () { showProgress(); changed(0); });
  form.addEventListener("input", function (event) {
    if (event.target.type === "text") { showProgress(); changed(1000); }
  });
  window.addEventListener("online", function () { send(); });
  // The form itself carries every answer when it is submitted: no autosave racing it.
  form.addEventListener("submit", function (event) {
    window.clearTimeout(timer);
    forget();
  });
  if (restore()) { showProgress(); send(); } else if (changedBeforeScript()) { showProgress(); changed(0); }
  form.setAttribute("data-autosave-ready", "");

  // Remaining time: counts down every second; when it ends, the server grades what was saved.
  var clock = document.querySelector(".quiz-timer[data-remaining]");
  if (clock) {
    var value = clock.querySelector(".quiz-timer-value");
    var ends = Date.now() + parseInt(clock.getAttribute("data-remaining"), 10) * 1000;
    var tick = function () {
      var left = Math.max(0, Math.round((ends - Date.now()) / 1000));
      var minutes = Math.floor(left / 60);
      var seconds = left % 60;
      value.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
      if (left === 60) clock.setAttribute("aria-live", "assertive");
      if (left <= 0) {
        window.location = clock.getAttribute("data-expired-url");
        return;
      }
      window.setTimeout(tick, 1000);
    };
    tick();
  }
})();
