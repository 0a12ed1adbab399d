// Projector mode (nerveroot.present): a presentation clicker or the keyboard steps through the quiz.
// The keys press the projector's hidden "next step" / "previous step" buttons, so each step runs the
// same Python as a click. No text here: the page's strings come from the course's string files.
(function () {
  "use strict";
  var FORWARD = ["ArrowRight", "ArrowDown", "PageDown", " "];
  var BACK = ["ArrowLeft", "ArrowUp", "PageUp"];
  var PAGING = ["PageDown", "PageUp"]; // what clickers send: always a step, wherever the focus is

  function ownsKey(el, key) {
    // Form controls keep the keys they use themselves (arrows move between options, Space ticks).
    if (!el || el === document.body || PAGING.indexOf(key) >= 0) return false;
    if (el.isContentEditable) return true;
    var tag = el.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return true;
    return key === " " && tag === "BUTTON";
  }

  function press(name) {
    var button = document.querySelector(".nr-projector ." + name);
    if (!button) return false;
    button.click();
    return true;
  }

  function toggleFullScreen() {
    var root = document.documentElement;
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else if (root.requestFullscreen) {
      root.requestFullscreen().catch(function () { /* refused (e.g. no user gesture): stay as is */ });
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    if (!document.querySelector(".nr-projector") || ownsKey(event.target, event.key)) return;
    var done = false;
    if (FORWARD.indexOf(event.key) >= 0) done = press("nr-present-forward");
    else if (BACK.indexOf(event.key) >= 0) done = press("nr-present-back");
    else if (event.key === "f" || event.key === "F") { toggleFullScreen(); done = true; }
    if (done) event.preventDefault();
  });

  // When an answer is revealed (or the question changes), bring it into view: on a small screen
  // the answer sits below the question, and the person at the clicker cannot scroll.
  var seen = null;
  new MutationObserver(function () {
    var shown = document.querySelector(".nr-projector .nr-live-revealed .nr-live-feedback");
    if (shown && shown !== seen && shown.textContent.trim()) {
      seen = shown;
      shown.scrollIntoView({block: "nearest"});
    } else if (!shown) {
      seen = null;
    }
  }).observe(document.documentElement, {subtree: true, childList: true, attributes: true,
                                         attributeFilter: ["class"], characterData: true});

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest(".nr-present-fullscreen")) toggleFullScreen();
  });
})();
