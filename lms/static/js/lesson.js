/* Marks a lesson done when the learner reaches its end.
   Posts the "Tandai selesai" form (same CSRF-protected endpoint, idempotent on the server).
   Without JavaScript, or without IntersectionObserver, the button works as a normal form. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-auto-done]");
  var end = document.getElementById("lesson-end");
  if (!form || !end || form.hasAttribute("data-done") || !("IntersectionObserver" in window) || !window.fetch) {
    return;
  }
  var MIN_READING_MS = 8000; // a lesson whose end shows at once still needs a moment of reading
  var started = Date.now();
  var visible = false;
  var sent = false;
  var timer = null;

  // The course's progress bar on this page, in the words the server chose.
  function showProgress(result) {
    var line = document.querySelector("[data-course-progress]");
    if (!line || typeof result.percent !== "number") { return; }
    var bar = line.querySelector("progress");
    var label = line.querySelector("[data-progress-label]");
    var completed = line.querySelector("[data-progress-completed]");
    if (bar) { bar.value = result.percent; bar.textContent = result.percent + " %"; }
    if (label && result.label) { label.textContent = result.label; }
    if (completed) { completed.hidden = !result.course_completed; }
  }

  function markDone() {
    if (sent || !visible) { return; }
    sent = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.json();
    }).then(function (result) {
      showProgress(result);
      form.setAttribute("data-done", "");
      var button = form.querySelector("button");
      var status = form.querySelector(".done");
      if (button) { button.hidden = true; }
      if (status) { status.hidden = false; }
      observer.disconnect();
    }).catch(function () {
      sent = false; // the button stays; the learner can press it
    });
  }

  var observer = new IntersectionObserver(function (entries) {
    visible = entries[entries.length - 1].isIntersecting;
    if (!visible) { return; }
    var wait = MIN_READING_MS - (Date.now() - started);
    clearTimeout(timer);
    if (wait > 0) {
      timer = setTimeout(markDone, wait);
    } else {
      markDone();
    }
  });
  observer.observe(end);
})();
