// The site's script (no inline script: the Content-Security-Policy forbids it).
// Copy a problem's text with its citation line.
document.addEventListener("click", function (event) {
  var button = event.target.closest("button.copy");
  if (!button) return;
  var source = document.getElementById(button.getAttribute("data-copy-target"));
  if (!source) return;
  var text = source.value;
  var done = function () {
    button.textContent = "已复制";
    button.setAttribute("data-copied", "true");
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
  } else {
    fallbackCopy(text);
    done();
  }
});

function fallbackCopy(text) {
  var area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  try { document.execCommand("copy"); } catch (e) { /* the button still says what it tried */ }
  document.body.removeChild(area);
}

// Lists of places that follow the place chosen above them (/advanced, /draft): choosing a province
// offers its cities, a city its counties, as the search API counts them; without a script the
// page offers them once the form is sent.
document.addEventListener("change", function (event) {
  var chosen = event.target.closest("[data-fills]");
  if (!chosen) return;
  var list = document.getElementById(chosen.getAttribute("data-fills"));
  if (!list || !list.getAttribute("data-source")) return;
  var url = list.getAttribute("data-source") + "&" + encodeURIComponent(chosen.name) + "=" +
    encodeURIComponent(chosen.value);
  fetch(url, { headers: { Accept: "application/json" } })
    .then(function (answer) { return answer.ok ? answer.json() : null; })
    .then(function (result) { if (result) offer(list, result.facets[list.getAttribute("data-facet")] || []); });
});

function offer(list, rows) {
  var isSelect = list.tagName === "SELECT";
  var all = isSelect ? list.querySelector("option[value='']") : null;
  list.textContent = "";
  if (all) list.appendChild(all);
  rows.forEach(function (row) {
    var option = document.createElement("option");
    option.value = row.value;
    if (isSelect) option.textContent = row.value + "（" + row.count + "）";
    list.appendChild(option);
  });
  list.setAttribute("data-offered", String(rows.length));
}
