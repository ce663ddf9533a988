/* Participant import: confirming answers with a file download (the generated passwords),
   so the page itself never changes. Say that the import is saved and take the button
   away, instead of leaving a "Simpan impor" that now only says "expired". */
(function () {
  "use strict";
  var form = document.querySelector("form[data-download-confirm]");
  if (!form) return;
  form.addEventListener("submit", function () {
    var done = document.getElementById("import-saved");
    window.setTimeout(function () {
      Array.prototype.forEach.call(form.querySelectorAll("button, a"), function (el) { el.hidden = true; });
      var preview = document.getElementById("import-preview");
      if (preview) preview.hidden = true;
      if (done) done.hidden = false;
    }, 0);
  });
})();
