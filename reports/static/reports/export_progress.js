// Poll an export job's progress every 2 seconds; reload once it has finished so the
// page shows the download link (without JS, a meta refresh does the same more slowly).
(function () {
  "use strict";
  var box = document.getElementById("export-job");
  if (!box || !window.fetch) return;
  var url = box.getAttribute("data-status-url");
  function field(name) { return box.querySelector('[data-field="' + name + '"]'); }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { window.setTimeout(poll, 5000); return; }
        field("status_label").textContent = data.status_label;
        field("done").textContent = data.done;
        field("total").textContent = data.total;
        field("progress").value = data.percent;
        if (data.status === "done" || data.status === "failed") { window.location.reload(); return; }
        window.setTimeout(poll, 2000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 2000);
})();
