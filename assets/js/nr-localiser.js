/* nerveroot: the root localiser's checklist, evaluated in the browser.
 *
 * Loaded (deferred) only on pages whose HTML declares data-nr-needs="localiser".
 * The weights, thresholds, red-flag rule and every string come from the page's JSON
 * (nerveroot.localize.rule_data(), built from src/nerveroot/data/findings.yaml and
 * red_flags.yaml). This file holds no clinical data and no text: it only applies the
 * shared algorithm, step for step as nerveroot.localize.localize does:
 *   1. red-flag findings -> the triage rule (escalation included); emergency/urgent = "urgent" first;
 *   2. score per root = sum of the ticked findings' weights;
 *   3. rank by score, ties in anatomical order;
 *   4. localised if best >= min_score and best - second >= min_margin, else "not localising".
 * tests/test_diagnosis_browser.py checks, vignette by vignette, that the page agrees with Python, and
 * tests/test_browser_parity.py feeds many more cases to window.nerveroot.localize and to Python. */
(function () {
  "use strict";

  var nr = window.nerveroot;  /* assets/js/nr-core.js */
  var format = nr.format;

  /* The triage rule is shared with the triage aid: assets/js/nr-rules.js. */
  function triage(rd, ids) {
    var level = nr.triageLevels(rd, ids).level;
    return { level: level, label: rd.levels[level].label, action: rd.levels[level].action };
  }

  function localize(D, ticked) {
    var s = D.strings;
    var seen = {};
    var ids = ticked.filter(function (id) {
      if (!D.findings[id]) throw new Error("unknown finding " + id);
      if (seen[id]) return false;
      seen[id] = true;
      return true;
    });
    ids.sort(function (a, b) { return D.order.indexOf(a) - D.order.indexOf(b); });
    var flags = ids.filter(function (id) { return D.findings[id].red_flag; });
    var scored = ids.filter(function (id) { return !D.findings[id].red_flag; });
    var tri = flags.length ? triage(D.triage, flags) : null;
    var urgent = tri !== null && D.urgent_levels.indexOf(tri.level) >= 0;
    function w(id, root) { return D.findings[id].weights[root] || 0; }
    function hasWeights(id) { return Object.keys(D.findings[id].weights).length > 0; }

    var ranking = D.roots.map(function (root, k) {
      var support = scored.filter(function (id) { return w(id, root); }).map(function (id) { return [id, w(id, root)]; });
      var against = scored.filter(function (id) { return hasWeights(id) && !w(id, root); });
      var score = support.reduce(function (a, p) { return a + p[1]; }, 0);
      return { root: root, score: score, support: support, against: against, order: k };
    });
    ranking.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    var best = ranking[0], second = ranking[1], rule = D.rule;
    var root = null, why = null, verdict;
    if (!scored.some(hasWeights)) {
      why = "none";
      verdict = s.verdict_none;
    } else if (best.score < rule.min_score) {
      why = "weak";
      verdict = format(s.verdict_weak, { root: best.root, score: best.score, min_score: rule.min_score });
    } else if (best.score - second.score < rule.min_margin) {
      why = "conflicting";
      verdict = format(s.verdict_conflicting, { root: best.root, score: best.score, second: second.root,
        second_score: second.score, min_margin: rule.min_margin });
    } else {
      root = best.root;
      verdict = format(s.verdict_localised, { root: best.root, score: best.score, second: second.root,
        second_score: second.score });
    }
    var status = urgent ? "urgent" : root ? "localised" : "not_localising";
    if (urgent) verdict = format(s.verdict_urgent, { level: tri.label, action: tri.action }) + " " + s.urgent_then + " " + verdict;

    var reasons = [];
    if (urgent) flags.forEach(function (id) { reasons.push(format(s.reason_flag, { label: D.findings[id].label })); });
    ranking.forEach(function (r) {
      var parts = [format(s.reason_root, { root: r.root, score: r.score })];
      if (r.support.length) {
        parts.push(format(s.reason_support, { findings: r.support.map(function (p) {
          return D.findings[p[0]].short + " (+" + p[1] + ")"; }).join("; ") }));
      } else {
        parts.push(s.reason_nothing);
      }
      if (r.against.length) {
        parts.push(format(s.reason_against, { findings: r.against.map(function (id) {
          var others = D.roots.filter(function (k) { return w(id, k); }).join("/");
          return format(s.points_to, { finding: D.findings[id].short, roots: others }); }).join("; ") }));
      }
      reasons.push(parts.join(" "));
    });
    var neutral = scored.filter(function (id) { return !hasWeights(id); });
    if (neutral.length) {
      reasons.push(format(s.reason_neutral, { findings: neutral.map(function (id) { return D.findings[id].short; }).join("; ") }));
    }
    return { status: status, root: root, why: why, verdict: verdict, reasons: reasons,
             ranking: ranking.map(function (r) { return { root: r.root, score: r.score }; }),
             triage: tri ? tri.level : null };
  }

  function setup(section) {
    var dataEl = section.querySelector("script.nr-localiser-data");
    if (!dataEl) return;
    var D = JSON.parse(dataEl.textContent);
    var boxes = Array.prototype.slice.call(section.querySelectorAll("input[type=checkbox][data-finding]"));
    var result = section.querySelector(".nr-loc-result");
    var verdictEl = section.querySelector(".nr-loc-verdict");
    var list = section.querySelector(".nr-loc-reasons");

    function update() {
      var ticked = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.getAttribute("data-finding"); });
      var r = localize(D, ticked);
      verdictEl.textContent = r.verdict;
      list.textContent = "";
      r.reasons.forEach(function (text) {
        var li = document.createElement("li");
        li.textContent = text;
        list.appendChild(li);
      });
      result.setAttribute("data-status", r.status);
      result.setAttribute("data-root", r.root || "");
      result.setAttribute("data-scores", r.ranking.map(function (x) { return x.root + ":" + x.score; }).join(","));
    }
    boxes.forEach(function (b) { b.addEventListener("change", update); });
    var reset = section.querySelector(".nr-loc-reset");
    if (reset) reset.addEventListener("click", function () { boxes.forEach(function (b) { b.checked = false; }); update(); });
    update();
  }

  /* window.nerveroot.localize(data, ids): the evaluator alone, for the parity tests */
  nr.localize = localize;
  nr.init("localiser", function (face) { face.querySelectorAll("section.nr-localiser").forEach(setup); });
})();
