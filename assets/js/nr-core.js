/* nerveroot: the small runtime that every course script shares. Loaded (deferred) first on
 * any page with an interactive element (src/nerveroot/sphinxext.py, ASSET_GROUPS).
 *
 * - window.nerveroot.format: "{name}" placeholders, for the strings that travel in each face's JSON.
 * - window.nerveroot.init(group, setup): run setup(face) once for every static face that needs the
 *   asset group (data-nr-needs="... group ..."), then mark the face ready.
 * - The readiness signal, one for every script: a face's attribute data-nr-ready lists the groups
 *   whose script has initialised it (data-nr-ready="plotly slr"), and an "nr:ready" event (detail:
 *   {group}) bubbles from the face each time. A face is ready when data-nr-ready lists every group
 *   of its data-nr-needs; the browser tests wait for exactly that (ARCHITECTURE.md, "Readiness").
 * - Every evaluator that repeats a Python rule is exposed on window.nerveroot (quiz.grade,
 *   triage, localize, triageLevels), so tests feed the same cases to both.
 * No network, no text of its own. */
(function () {
  "use strict";

  var nr = window.nerveroot = window.nerveroot || {};

  nr.format = function (template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (m, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : m;
    });
  };

  function groupsOf(face, attr) {
    return (face.getAttribute(attr) || "").split(/\s+/).filter(Boolean);
  }

  nr.isReady = function (face, group) {
    return groupsOf(face, "data-nr-ready").indexOf(group) >= 0;
  };

  nr.markReady = function (face, group) {
    var have = groupsOf(face, "data-nr-ready");
    if (have.indexOf(group) < 0) {
      have.push(group);
      face.setAttribute("data-nr-ready", have.join(" "));
    }
    face.dispatchEvent(new CustomEvent("nr:ready", { bubbles: true, detail: { group: group } }));
  };

  /* A promise that resolves once the face is ready for the group (at once if it already is). */
  nr.whenReady = function (face, group) {
    if (nr.isReady(face, group)) return Promise.resolve(face);
    return new Promise(function (resolve) {
      face.addEventListener("nr:ready", function on(ev) {
        if (ev.target !== face || ev.detail.group !== group) return;
        face.removeEventListener("nr:ready", on);
        resolve(face);
      });
    });
  };

  /* setup(face) may return a promise (plotly draws asynchronously); the face is marked ready for
   * the group when it resolves. A face already ready for the group is left alone. */
  nr.init = function (group, setup) {
    function run() {
      document.querySelectorAll('[data-nr-needs~="' + group + '"]').forEach(function (face) {
        if (nr.isReady(face, group)) return;
        Promise.resolve()
          .then(function () { return setup(face); })
          .then(function () { nr.markReady(face, group); },
                function (err) { console.error("nerveroot " + group + ":", err); });
      });
    }
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
    else run();
  };
})();
