/* nerveroot: the self-check quizzes of the built book (static face of nerveroot.quiz.Quiz).
 *
 * Loaded (deferred) only on pages whose HTML declares data-nr-needs="quiz".  The
 * questions are already in the page as native radio buttons, checkboxes and text
 * inputs inside fieldsets (rendered by Python, so the page works and reads well
 * before this runs).  This script adds what needs answers: it reads the quiz's
 * <script type="application/json" class="nr-quiz-data"> (answers, per-option
 * feedback, explanations and every user-facing string), checks answers, writes
 * feedback into each question's aria-live region, keeps the score and resets the
 * quiz.  No network, no inline script, no randomness.
 */
(function () {
  "use strict";

  var nr = window.nerveroot;  /* assets/js/nr-core.js */
  var fmt = nr.format;

  function el(tag, cls, html) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (html !== undefined) e.innerHTML = html; // HTML rendered by Python from Markdown with raw HTML disabled
    return e;
  }

  /* How an answer is marked: the rules of nerveroot.quiz.grading (src/nerveroot/quiz/grading.py),
   * step for step; tests/test_browser_parity.py feeds the same answers to both. */
  var EPSILON = 1e-9;
  var NUMBER = /^[+\-\u2212]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)$/;
  /* spaces as grading.SPACES defines them (not String.trim: Python's and JS's whitespace differ) */
  var LEADING = /^[ \t\n\r\f\v\u00a0\u202f]+/, TRAILING = /[ \t\n\r\f\v\u00a0\u202f]+$/;

  function strip(t) { return t.replace(LEADING, "").replace(TRAILING, ""); }

  function parseNumber(text) {
    var t = strip(String(text === null || text === undefined ? "" : text));
    if (t.charAt(t.length - 1) === "%") t = t.slice(0, -1).replace(TRAILING, "");
    if (!NUMBER.test(t)) return null;
    return parseFloat(t.replace("\u2212", "-").replace(",", "."));
  }

  function within(value, target, tolerance) {
    return Math.abs(value - target) <= tolerance + EPSILON;
  }

  /* Even-odd rule, no tolerance: grading.point_in_polygon, the same arithmetic step for step. */
  function pointInPolygon(poly, pt) {
    var x = pt[0], y = pt[1], inside = false;
    for (var i = 0, j = poly.length - 1; i < poly.length; j = i++) {
      var xi = poly[i][0], yi = poly[i][1], xj = poly[j][0], yj = poly[j][1];
      if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  }

  /* A place answer: a point [x, y] (figure coordinates) or a candidate id; grading.grade_place. */
  function gradePlace(q, answer, drawing, v) {
    var chosen = null;
    if (answer === null || answer === undefined || answer === "" ||
        (Array.isArray(answer) && answer.length !== 2)) { v.status = "no_answer"; return v; }
    if (typeof answer === "string") {
      if (q.candidates.indexOf(answer) < 0) { v.status = "no_answer"; return v; }
      chosen = answer;
    } else {
      var pt = [Number(answer[0]), Number(answer[1])];
      if (!drawing.outlines.some(function (o) { return pointInPolygon(o, pt); })) { v.status = "outside"; return v; }
      if (q.kind === "area") {
        for (var k = 0; k < q.candidates.length; k++) {
          if (pointInPolygon(drawing.places[q.candidates[k]], pt)) { chosen = q.candidates[k]; break; }
        }
      } else {
        var best = null;
        q.candidates.forEach(function (c) {
          var l = drawing.landmarks[c];
          var d = Math.pow(Math.pow(pt[0] - l[0], 2) + Math.pow(pt[1] - l[1], 2), 0.5);
          if (d <= drawing.radius && (best === null || d < best[0])) best = [d, c];
        });
        chosen = best ? best[1] : null;
      }
    }
    v.place = chosen;
    if (chosen !== null && Object.prototype.hasOwnProperty.call(q.accepted, chosen)) {
      v.status = "correct";
      v.maps = q.accepted[chosen].slice();
    } else {
      v.status = "incorrect";
    }
    return v;
  }

  /* q: a question of the quiz's JSON; answer: the typed text (numeric), the chosen option id(s), or
   * a place question's point or id (with the quiz's drawing). Returns {status: correct|incorrect|
   * no_answer|not_a_number|outside, value, near, right, wrong, total, place, maps}. */
  function grade(q, answer, drawing) {
    var v = { status: "", value: null, near: null, right: 0, wrong: 0, total: 0, place: null, maps: [] };
    if (q.type === "place") return gradePlace(q, answer, drawing, v);
    if (q.type === "numeric") {
      var text = typeof answer === "string" ? answer : "";
      if (!strip(text)) { v.status = "no_answer"; return v; }
      var value = parseNumber(text);
      if (value === null) { v.status = "not_a_number"; return v; }
      v.value = value;
      if (within(value, q.answer, q.tolerance || 0)) { v.status = "correct"; return v; }
      v.status = "incorrect";
      for (var k = 0; k < q.near.length; k++) {
        if (within(value, q.near[k].value, q.near[k].tolerance)) { v.near = k; break; }
      }
      return v;
    }
    var chosen = answer === null || answer === undefined || answer === "" ? []
      : typeof answer === "string" ? [answer] : answer.filter(function (c, i) { return answer.indexOf(c) === i; });
    if (!chosen.length) { v.status = "no_answer"; return v; }
    v.right = chosen.filter(function (c) { return q.correct.indexOf(c) >= 0; }).length;
    v.wrong = chosen.length - v.right;
    v.total = q.correct.length;
    v.status = v.right === v.total && v.wrong === 0 ? "correct" : "incorrect";
    return v;
  }

  nr.quiz = { parseNumber: parseNumber, grade: grade, pointInPolygon: pointInPolygon };

  var SVG = "http://www.w3.org/2000/svg";
  function svgPath(points, closed) {
    return points.map(function (p, i) { return (i ? "L" : "M") + p[0] + " " + (-p[1]); }).join("") + (closed ? "Z" : "");
  }
  function svgEl(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  /* A place question: a point marked on the drawing and the list of named areas are one answer. */
  function setupPlace(li, q, drawing, S) {
    var svg = li.querySelector("svg.nr-place-svg");
    var mark = svg.querySelector(".nr-place-mark");
    var focusG = svg.querySelector(".nr-place-focus");
    var marked = li.querySelector(".nr-place-marked");
    var radios = Array.prototype.slice.call(li.querySelectorAll('input[type="radio"]'));
    var state = { point: null };

    function outline(g, cid, cls) {
      g.textContent = "";
      if (!cid) return;
      if (q.kind === "area") g.appendChild(svgEl("path", { d: svgPath(drawing.places[cid], true), "class": cls }));
      else {
        var l = drawing.landmarks[cid];
        g.appendChild(svgEl("circle", { cx: l[0], cy: -l[1], r: drawing.radius, "class": cls }));
      }
    }
    function drawMark(pt) {
      mark.textContent = "";
      if (!pt) return;
      var r = drawing.radius * 0.55;
      mark.appendChild(svgEl("circle", { cx: pt[0], cy: -pt[1], r: r, "class": "nr-place-marker" }));
      mark.appendChild(svgEl("path", { d: "M" + (pt[0] - r * 1.6) + " " + (-pt[1]) + "h" + (r * 3.2) +
        "M" + pt[0] + " " + (-pt[1] - r * 1.6) + "v" + (r * 3.2), "class": "nr-place-cross" }));
    }
    function showMarked(v) {
      if (v.status === "outside") marked.textContent = S.outside;
      else if (v.place) marked.textContent = fmt(S.you_marked, { place: drawing.names[v.place] });
      else marked.textContent = q.kind === "area" ? S.marked_nothing_area : S.marked_nothing_point;
    }
    svg.addEventListener("click", function (ev) {
      var m = svg.getScreenCTM();
      if (!m) return;
      var p = new DOMPoint(ev.clientX, ev.clientY).matrixTransform(m.inverse());
      var pt = [Math.round(p.x * 100) / 100, Math.round(-p.y * 100) / 100];
      var v = grade(q, pt, drawing);
      if (v.status === "outside") { showMarked(v); return; }
      state.point = pt;
      drawMark(pt);
      radios.forEach(function (r) { r.checked = r.value === v.place; });
      outline(focusG, v.place, "nr-place-chosen");
      showMarked(v);
    });
    radios.forEach(function (r) {
      r.addEventListener("change", function () {
        if (!r.checked) return;
        state.point = null;
        var l = q.kind === "area" ? drawing.label_points[r.value] : drawing.landmarks[r.value];
        drawMark(l);
        outline(focusG, r.value, "nr-place-chosen");
        marked.textContent = fmt(S.you_marked, { place: drawing.names[r.value] });
      });
    });
    return {
      answer: function () {
        if (state.point) return state.point;
        var c = radios.filter(function (r) { return r.checked; })[0];
        return c ? c.value : null;
      },
      showAnswer: function () {
        var g = svg.querySelector(".nr-place-answer");
        g.textContent = "";
        Object.keys(q.accepted).forEach(function (cid) {
          if (q.kind === "area") {
            var fill = q.full.indexOf(cid) >= 0 ? q.root : "disputed";
            g.appendChild(svgEl("path", { d: svgPath(drawing.places[cid], true), "class": "nr-place-right",
                                          fill: "url(#" + drawing.symbol + "-" + fill + ")" }));
          } else {
            var l = drawing.landmarks[cid];
            g.appendChild(svgEl("circle", { cx: l[0], cy: -l[1], r: drawing.radius, "class": "nr-place-right-point" }));
          }
        });
      },
      reset: function () {
        state.point = null;
        drawMark(null);
        focusG.textContent = "";
        svg.querySelector(".nr-place-answer").textContent = "";
        marked.textContent = "";
      }
    };
  }

  function setupQuiz(section) {
    var dataEl = section.querySelector("script.nr-quiz-data");
    if (!dataEl) return;
    var data = JSON.parse(dataEl.textContent);
    var S = data.strings;
    var scoreEl = section.querySelector(".nr-quiz-score");
    var first = {};    // question id -> right at the first check
    var attempts = {}; // question id -> number of checks
    var total = data.questions.length;

    function updateScore() {
      var answered = 0, score = 0;
      Object.keys(first).forEach(function (k) { answered += 1; if (first[k]) score += 1; });
      var template = answered === total ? S.score_done : S.score;
      scoreEl.textContent = answered ? fmt(template, { score: score, total: total, answered: answered }) : "";
    }

    function verdict(ok, text) {
      var p = el("p", "nr-quiz-verdict " + (ok ? "nr-quiz-ok" : "nr-quiz-no"));
      var icon = el("span", "nr-quiz-icon");
      icon.setAttribute("aria-hidden", "true");
      icon.textContent = ok ? "\u2713" : "\u2717";
      p.appendChild(icon);
      p.appendChild(document.createTextNode(" " + text));
      return p;
    }

    function explanation(q) {
      var box = el("div", "nr-quiz-explanation");
      box.appendChild(el("p", "nr-quiz-why", "<strong></strong>"));
      box.firstChild.firstChild.textContent = S.explanation + ":";
      box.appendChild(el("div", "", q.explanation));
      var src = el("p", "nr-quiz-sources");
      src.textContent = S.sources + ": " + q.sources;
      box.appendChild(src);
      return box;
    }

    data.questions.forEach(function (q) {
      var li = section.querySelector("#" + q.base);
      if (!li) return;
      var fb = li.querySelector(".nr-quiz-feedback");
      var button = li.querySelector(".nr-quiz-check");
      var inputs = Array.prototype.slice.call(li.querySelectorAll("input"));
      var place = q.type === "place" ? setupPlace(li, q, data.drawing, S) : null;

      function clearState() {
        li.classList.remove("nr-quiz-is-ok", "nr-quiz-is-no");
        inputs.forEach(function (i) { i.removeAttribute("aria-invalid"); });
      }

      function check() {
        var nodes = [], ok;
        clearState();
        fb.textContent = "";
        var chosen = q.type === "numeric" ? inputs[0].value : place ? place.answer()
          : inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
        var v = grade(q, chosen, data.drawing);
        if (v.status === "no_answer" || v.status === "not_a_number" || v.status === "outside") {
          fb.appendChild(el("p", "nr-quiz-prompt-msg")).textContent = v.status === "no_answer" ? S.no_answer
            : v.status === "outside" ? S.outside : S.not_a_number;
          if (q.type === "numeric") inputs[0].focus();
          return;
        }
        ok = v.status === "correct";
        if (place) {
          nodes.push(verdict(ok, ok ? S.correct : S.incorrect));
          var said = el("p", "nr-quiz-choice");
          said.textContent = v.place ? fmt(S.you_marked, { place: data.drawing.names[v.place] })
            : q.kind === "area" ? S.marked_nothing_area : S.marked_nothing_point;
          nodes.push(said);
          nodes.push(el("div", "nr-quiz-option-fb", ok ? q.feedback_correct : q.feedback_incorrect));
          if (ok && q.full.indexOf(v.place) < 0) {
            var on = el("p", "nr-place-accepted");
            on.textContent = fmt(S.accepted_on, { maps: v.maps.map(function (m) { return data.drawing.map_names[m]; }).join(", "),
                                                  root: q.root });
            nodes.push(on);
          }
          if (v.place && data.drawing.notes[v.place]) { var note = el("p", "nr-place-note"); note.textContent = data.drawing.notes[v.place]; nodes.push(note); }
        } else if (q.type === "numeric") {
          nodes.push(verdict(ok, ok ? S.correct : S.incorrect));
          var msg = ok ? q.feedback_correct : v.near !== null ? q.near[v.near].feedback : q.feedback_incorrect;
          nodes.push(el("div", "nr-quiz-option-fb", msg));
          if (!ok) inputs[0].setAttribute("aria-invalid", "true");
        } else {
          var right = q.correct;
          if (q.type === "multiple" && !ok) {
            nodes.push(verdict(false, fmt(S.partly, { right: v.right, total: v.total, wrong: v.wrong })));
          } else {
            nodes.push(verdict(ok, ok ? S.correct : S.incorrect));
          }
          chosen.forEach(function (c) {
            var opt = q.options[c];
            var box = el("div", "nr-quiz-option-fb");
            var head = el("p", "nr-quiz-choice");
            var mark = el("span", "nr-quiz-icon");
            mark.setAttribute("aria-hidden", "true");
            mark.textContent = right.indexOf(c) >= 0 ? "\u2713 " : "\u2717 ";
            head.appendChild(mark);
            head.appendChild(el("span", "", fmt(S.your_choice, { option: opt.label })));
            box.appendChild(head);
            box.appendChild(el("div", "", opt.feedback));
            nodes.push(box);
          });
        }
        attempts[q.id] = (attempts[q.id] || 0) + 1;
        if (!(q.id in first)) first[q.id] = ok;
        if (!ok && attempts[q.id] >= 2) {
          // After two tries, show the answer rather than frustrate.
          var answer = q.type === "numeric" || place ? q.answer_text
            : q.correct.map(function (c) { return q.options[c].label; }).join("; ");
          nodes.push(el("p", "nr-quiz-answer", fmt(place ? S.the_area : S.answer_was, { answer: answer })));
        }
        if (place && (ok || attempts[q.id] >= 2)) {
          place.showAnswer();
          if (q.feedback_disputed) nodes.push(el("div", "nr-place-disputed", q.feedback_disputed));
          if (q.caveat) { var cav = el("p", "nr-place-caveat"); cav.textContent = q.caveat; nodes.push(cav); }
        }
        if (ok || attempts[q.id] >= 2) nodes.push(explanation(q));
        li.classList.add(ok ? "nr-quiz-is-ok" : "nr-quiz-is-no");
        nodes.forEach(function (n) { fb.appendChild(n); });
        updateScore();
      }

      button.addEventListener("click", check);
      // Enter in a number field checks it (there is no form to submit).
      inputs.forEach(function (i) {
        if (i.type === "text") {
          i.addEventListener("keydown", function (ev) {
            if (ev.key === "Enter") { ev.preventDefault(); check(); }
          });
        }
      });
      li._nrReset = function () {
        clearState();
        fb.textContent = "";
        if (place) place.reset();
        inputs.forEach(function (i) { if (i.type === "text") i.value = ""; else i.checked = false; });
      };
    });

    var reset = section.querySelector(".nr-quiz-reset");
    if (reset) {
      reset.addEventListener("click", function () {
        Array.prototype.forEach.call(section.querySelectorAll(".nr-quiz-q"), function (li) {
          if (li._nrReset) li._nrReset();
        });
        Object.keys(first).forEach(function (k) { delete first[k]; });
        Object.keys(attempts).forEach(function (k) { delete attempts[k]; });
        updateScore();
        var firstInput = section.querySelector(".nr-quiz-q input");
        if (firstInput) firstInput.focus();
      });
    }
  }

  /* every quiz of a face set up: the face is ready for "quiz" (nr-core.js) */
  nr.init("quiz", function (face) {
    face.querySelectorAll("section.nr-quiz").forEach(setupQuiz);
  });
})();
