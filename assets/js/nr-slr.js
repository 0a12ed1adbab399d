/* nerveroot: the SLR explainer's interpretation text as HTML.
 *
 * Loaded (deferred, after nr-plotly.js) only where data-nr-needs contains "slr". The texts are
 * traces of the figure marked meta "nr-text" (drawn invisibly, from src/nerveroot/strings): after
 * every restyle (slider step or button) the visible ones are copied into an aria-live block above
 * the plot, where they wrap at any width. This file holds no text of its own. */
(function () {
  "use strict";

  function show(div, box) {
    var parts = (div.data || []).filter(function (t) {
      return t.meta === "nr-text" && t.visible !== false && t.text && t.text.length;
    }).map(function (t) { return String(t.text[0]).replace(/<br\s*\/?>/g, " "); });
    box.textContent = "";
    parts.forEach(function (text, i) {
      var p = document.createElement("p");
      p.className = i === 0 ? "nr-slr-main" : "nr-slr-note";
      p.textContent = text;
      box.appendChild(p);
    });
  }

  function attach(div) {
    if (!(div.data || []).some(function (t) { return t.meta === "nr-text"; })) return;
    var box = document.createElement("div");
    box.className = "nr-slr-text";
    box.setAttribute("aria-live", "polite");
    div.parentNode.insertBefore(box, div);
    show(div, box);
    div.on("plotly_restyle", function () { show(div, box); });
  }

  /* once the face's figure is drawn (nr-plotly.js marks it ready for "plotly") */
  window.nerveroot.init("slr", function (face) {
    return window.nerveroot.whenReady(face, "plotly").then(function () {
      face.querySelectorAll(".nr-plotly").forEach(attach);
    });
  });
})();
