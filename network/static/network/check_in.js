// Check-in at the door: filter the list as one types (the server search works without it).
(function () {
  var input = document.getElementById("id_q");
  var list = document.getElementById("checkin-list");
  if (!input || !list) return;
  var items = Array.prototype.slice.call(list.querySelectorAll("li[data-search]"));
  function digits(text) { return text.replace(/\D+/g, "").replace(/^(62|0)/, ""); }
  input.addEventListener("input", function () {
    var text = input.value.trim().toLowerCase();
    var number = digits(text);
    items.forEach(function (item) {
      var haystack = item.getAttribute("data-search");
      var phone = item.getAttribute("data-phone") || "";
      var match = !text || haystack.indexOf(text) !== -1 || (number.length >= 3 && phone.indexOf(number) !== -1);
      item.hidden = !match;
    });
  });
})();
