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

  function fmt(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (m, k) {
      return Object.prototype.hasOwnProperty.call(values, k) ? String(values[k]) : m;
    });
  }

  function el(tag, cls, html) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (html !== undefined) e.innerHTML = html; // HTML rendered by Python from Markdown with raw HTML disabled
    return e;
  }

  function parseNumber(text) {
    var t = String(text || "").trim().replace(/\u2212/g, "-").replace(/%$/, "").trim();
    if (/^[-+]?\d+,\d+$/.test(t)) t = t.replace(",", ".");
    if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return null;
    return parseFloat(t);
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

      function clearState() {
        li.classList.remove("nr-quiz-is-ok", "nr-quiz-is-no");
        inputs.forEach(function (i) { i.removeAttribute("aria-invalid"); });
      }

      function check() {
        var nodes = [], ok;
        clearState();
        fb.textContent = "";
        if (q.type === "numeric") {
          var raw = inputs[0].value;
          var value = parseNumber(raw);
          if (value === null) {
            fb.appendChild(el("p", "nr-quiz-prompt-msg")).textContent = raw.trim() ? S.not_a_number : S.no_answer;
            inputs[0].focus();
            return;
          }
          ok = Math.abs(value - q.answer) <= q.tolerance + 1e-9;
          nodes.push(verdict(ok, ok ? S.correct : S.incorrect));
          var msg = ok ? q.feedback_correct : q.feedback_incorrect;
          if (!ok) {
            for (var k = 0; k < q.near.length; k++) {
              if (Math.abs(value - q.near[k].value) <= q.near[k].tolerance + 1e-9) { msg = q.near[k].feedback; break; }
            }
          }
          nodes.push(el("div", "nr-quiz-option-fb", msg));
          if (!ok) inputs[0].setAttribute("aria-invalid", "true");
        } else {
          var chosen = inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
          if (!chosen.length) {
            fb.appendChild(el("p", "nr-quiz-prompt-msg")).textContent = S.no_answer;
            return;
          }
          var right = q.correct;
          var nRight = chosen.filter(function (c) { return right.indexOf(c) >= 0; }).length;
          ok = nRight === right.length && chosen.length === right.length;
          if (q.type === "multiple" && !ok) {
            nodes.push(verdict(false, fmt(S.partly, { right: nRight, total: right.length, wrong: chosen.length - nRight })));
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
    section.classList.add("nr-quiz-ready");
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("section.nr-quiz"), setupQuiz);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
