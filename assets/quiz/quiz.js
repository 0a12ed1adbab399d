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

  /* q: a question of the quiz's JSON; answer: the typed text (numeric) or the chosen option
   * id(s). Returns {status: correct|incorrect|no_answer|not_a_number, value, near, right, wrong, total}. */
  function grade(q, answer) {
    var v = { status: "", value: null, near: null, right: 0, wrong: 0, total: 0 };
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

  nr.quiz = { parseNumber: parseNumber, grade: grade };

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

      function clearState() {
        li.classList.remove("nr-quiz-is-ok", "nr-quiz-is-no");
        inputs.forEach(function (i) { i.removeAttribute("aria-invalid"); });
      }

      function check() {
        var nodes = [], ok;
        clearState();
        fb.textContent = "";
        var chosen = q.type === "numeric" ? inputs[0].value
          : inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
        var v = grade(q, chosen);
        if (v.status === "no_answer" || v.status === "not_a_number") {
          fb.appendChild(el("p", "nr-quiz-prompt-msg")).textContent = v.status === "no_answer" ? S.no_answer : S.not_a_number;
          if (q.type === "numeric") inputs[0].focus();
          return;
        }
        ok = v.status === "correct";
        if (q.type === "numeric") {
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
          var answer = q.type === "numeric" ? q.answer_text
            : q.correct.map(function (c) { return q.options[c].label; }).join("; ");
          nodes.push(el("p", "nr-quiz-answer", fmt(S.answer_was, { answer: answer })));
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
