// The draft page (起草参考). Choosing a province or a city clears the places below it, which the
// new choice would otherwise contradict (as the search page's facets do).
document.addEventListener("change", function (event) {
  var select = event.target.closest("select[data-resets]");
  if (!select) return;
  select.getAttribute("data-resets").split(" ").forEach(function (name) {
    var below = select.form.elements.namedItem(name);
    if (below) below.value = "";
  });
});
