// Draws every chart on the page from its JSON data block (see templates/_macros.html).
// Kept in a file so the Content-Security-Policy can forbid inline script.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("div.chart[data-figure]").forEach(function (el) {
    var source = document.getElementById(el.dataset.figure);
    if (!source || typeof Plotly === "undefined") {
      return;
    }
    var fig = JSON.parse(source.textContent);
    Plotly.newPlot(el, fig.data, fig.layout, {displaylogo: false, responsive: true})
      .then(function () { el.dataset.rendered = "true"; });
  });
});
