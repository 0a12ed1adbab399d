/* nerveroot: the course's plotly figures, drawn only when the reader comes to them.
 *
 * Loaded (deferred) on pages whose HTML declares data-nr-needs="plotly"; small, and it loads
 * nothing by itself. Each figure arrives as a picture of its first state (an inline SVG made by
 * nerveroot.svgplot while the book builds) and its native controls (buttons with aria-pressed,
 * <input type=range>). Its spec is inert JSON in the face, which the book build moves into a file of
 * its own (_static/figures/<id>.js, calling nerveroot.figureSpec). plotly.js (1.2 MB, the vendored
 * bundle beside this file) and the spec are loaded, and the figure drawn in place of its picture, the
 * first time the reader
 *   - scrolls the page with the figure within DRAW_MARGIN of the viewport (IntersectionObserver), or
 *   - points at, touches or focuses the figure, or focuses or operates one of its controls.
 * Arriving at a page draws nothing: a figure visible on arrival stays a picture until the reader
 * scrolls or reaches for it. A control operated before the figure is drawn takes effect as soon as
 * it is. The picture and the plot fill the same reserved height, so nothing on the page moves.
 *
 * Signals (nr-core.js; ARCHITECTURE.md, "Readiness"): the face is ready for "plotly" once its figures
 * are armed (picture shown, controls bound, loader waiting). Each figure element carries
 * data-nr-state="picture" | "loading" | "drawn" | "failed"; "nr:drawn" bubbles from the plot when it
 * is drawn, and "nr:updated" each time a control's change has been drawn (tests wait for these). */
(function () {
  "use strict";

  var nr = window.nerveroot;
  /* How near the viewport (px, above and below) a figure is drawn once the reader scrolls. */
  var DRAW_MARGIN = "400px 0px";

  // plotly.js sits beside this script in _static: js/nr-plotly.js -> vendor/.../plotly-basic.min.js
  var self = document.currentScript && document.currentScript.src;
  var PLOTLY_SRC = self ? self.replace(/js\/nr-plotly\.js(\?.*)?$/, "vendor/plotly.js-basic-dist-min/plotly-basic.min.js")
                        : null;
  var plotlyLoading = null;

  /* Figure specs that live in files of their own: the file calls nerveroot.figureSpec(id, spec). */
  var specs = {};
  var waiting = {};
  nr.figureSpec = function (id, spec) {
    specs[id] = spec;
    if (waiting[id]) waiting[id].resolve(spec);
  };

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.async = true;
      s.onload = resolve;
      s.onerror = function () { reject(new Error(src + " could not be loaded")); };
      document.head.appendChild(s);
    });
  }

  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!plotlyLoading) {
      plotlyLoading = new Promise(function (resolve, reject) {
        if (!PLOTLY_SRC) { reject(new Error("cannot tell where plotly.js is")); return; }
        var s = document.createElement("script");
        s.src = PLOTLY_SRC;
        s.async = true;
        s.onload = function () {
          if (window.Plotly) resolve(window.Plotly);
          else reject(new Error("plotly.js loaded but defined no Plotly"));
        };
        s.onerror = function () {
          plotlyLoading = null;  // a later attempt may succeed (the reader came back online)
          reject(new Error("plotly.js could not be loaded from " + PLOTLY_SRC));
        };
        document.head.appendChild(s);
      });
    }
    return plotlyLoading;
  }

  function run(div, method, args) {
    var P = window.Plotly;
    if (method === "skip") return Promise.resolve();
    if (method === "animate") {
      return P.animate(div, args[0], args[1] || { mode: "immediate", frame: { duration: 0 }, transition: { duration: 0 } });
    }
    if (typeof P[method] !== "function") return Promise.reject(new Error("unknown plotly method " + method));
    return P[method].apply(P, [div].concat(args));
  }

  // Plotly.animate rejects its promise (with no reason) when a newer animation interrupts
  // it, as when a slider is dragged or a button pressed mid-animation. That is expected, not
  // an error; anything with a reason is a real error and is reported.
  function settle(promise) {
    return promise.catch(function (err) {
      if (err !== undefined) console.error("nerveroot figure:", err);
    });
  }

  function emit(el, name, detail) {
    el.dispatchEvent(new CustomEvent(name, { bubbles: true, detail: detail || {} }));
  }

  /* One figure: its picture, controls and spec, and the promise of it drawn. */
  function Figure(specEl) {
    this.specEl = specEl;
    this.div = document.getElementById(specEl.getAttribute("data-for"));
    if (!this.div) throw new Error("no element #" + specEl.getAttribute("data-for") + " for a figure");
    this.fig = this.div.closest("figure") || this.div.parentNode;
    this.drawn = null;
    this._spec = null;
  }

  /* The figure's spec: inert JSON in the page, or its own file (loaded once). */
  Figure.prototype.loadSpec = function () {
    var f = this;
    if (f._spec) return f._spec;
    var id = f.div.id;
    var src = f.specEl.getAttribute("data-src");
    if (!src) {
      f._spec = Promise.resolve().then(function () { return JSON.parse(f.specEl.textContent); });
    } else if (specs[id]) {
      f._spec = Promise.resolve(specs[id]);
    } else {
      f._spec = new Promise(function (resolve, reject) {
        waiting[id] = { resolve: resolve };
        loadScript(src).then(function () {
          if (!specs[id]) reject(new Error(src + " did not give the spec of " + id));
        }, reject);
      });
      f._spec.catch(function () { f._spec = null; });  // a later attempt may succeed
    }
    return f._spec;
  };

  Figure.prototype.state = function (state) {
    this.fig.setAttribute("data-nr-state", state);
    if (state === "loading") this.div.setAttribute("aria-busy", "true");
    else this.div.removeAttribute("aria-busy");
  };

  Figure.prototype.draw = function () {
    if (this.drawn) return this.drawn;
    var f = this;
    f.state("loading");
    f.drawn = Promise.all([loadPlotly(), f.loadSpec()]).then(function (got) {
      var P = got[0], spec = got[1];
      return P.newPlot(f.div, spec.data, spec.layout || {}, spec.config || {}).then(function () {
        if (spec.frames && spec.frames.length) return P.addFrames(f.div, spec.frames);
      }).then(function () {
        f.div.querySelectorAll(".nr-picture").forEach(function (picture) { picture.remove(); });
        f.followAnimations(spec);
        f.state("drawn");
        emit(f.div, "nr:drawn");
      });
    }).catch(function (err) {
      f.state("failed");
      f.drawn = null;  // operating a control later tries again
      var note = f.fig.querySelector(".nr-load-failed");
      if (!note) {
        note = document.createElement("p");
        note.className = "nr-load-failed";
        note.setAttribute("role", "status");
        f.div.parentNode.insertBefore(note, f.div.nextSibling);
      }
      note.textContent = f.fig.getAttribute("data-nr-failed") || String(err);
      console.error("nerveroot figure:", err);
      throw err;
    });
    return f.drawn;
  };

  /* After the figure is drawn (now, or once drawn): a control's plotly call, then its captions.
   * pick(spec) gives the control (a button or a slider step) from the spec. */
  Figure.prototype.apply = function (pick, detail) {
    var f = this;
    var control;
    return f.draw().then(function () { return f.loadSpec(); }).then(function (spec) {
      control = pick(spec);
      return settle(run(f.div, control.method, control.args));
    }).then(function () {
      f.setCaptions(control.captions);
      emit(f.div, "nr:updated", detail);
    }, function () { /* drawing failed: reported by draw() */ });
  };

  // The caption is text beside the plot, in one or more parts (p.nr-caption[data-part]);
  // the page is rendered with each part's first text, and a control sets the parts it changes.
  Figure.prototype.setCaptions = function (captions) {
    var fig = this.fig;
    Object.keys(captions || {}).forEach(function (part) {
      fig.querySelectorAll("p.nr-caption").forEach(function (el) {
        if (el.getAttribute("data-part") === part) el.textContent = captions[part];
      });
    });
  };

  Figure.prototype.bindControls = function () {
    var f = this;
    var host = f.fig.querySelector(".nr-controls");
    if (!host) return;
    host.querySelectorAll(".nr-buttons").forEach(function (group) {
      var buttons = Array.prototype.slice.call(group.querySelectorAll("button[data-button]"));
      buttons.forEach(function (btn) {
        btn.addEventListener("click", function () {
          var m = Number(btn.getAttribute("data-menu")), b = Number(btn.getAttribute("data-button"));
          if (btn.hasAttribute("aria-pressed")) {  // a choice (which root), not an action (Play)
            buttons.forEach(function (o) { o.setAttribute("aria-pressed", o === btn ? "true" : "false"); });
          }
          f.apply(function (spec) { return spec.controls.menus[m].buttons[b]; }, { button: btn.textContent });
        });
      });
    });
    host.querySelectorAll("input[data-slider]").forEach(function (input) {
      var k = Number(input.getAttribute("data-slider"));
      var out = input.parentNode.querySelector("output");
      var labels = JSON.parse(input.getAttribute("data-labels") || "[]");
      input.addEventListener("input", function () {
        var i = Number(input.value);
        if (out) out.textContent = labels[i];  // at once, before the figure is drawn
        input.setAttribute("aria-valuetext", (input.getAttribute("data-prefix") || "") + labels[i]);
        f.apply(function (spec) { return spec.controls.sliders[k].steps[i]; }, { slider: k, step: i });
      });
    });
  };

  // Follow an animation played by a button: a slider step that animates to one named frame
  // moves the slider when that frame is shown (as plotly's own slider would).
  Figure.prototype.followAnimations = function (spec) {
    var f = this;
    var sliders = (spec.controls || {}).sliders || [];
    sliders.forEach(function (s, k) {
      var input = f.fig.querySelector('input[data-slider="' + k + '"]');
      if (!input || !f.div.on) return;
      var out = input.parentNode.querySelector("output");
      var byFrame = {};
      s.steps.forEach(function (step, i) {
        if (step.method === "animate" && step.args[0] && step.args[0].length === 1) byFrame[step.args[0][0]] = i;
      });
      if (!Object.keys(byFrame).length) return;
      f.div.on("plotly_animatingframe", function (ev) {
        var i = byFrame[ev && ev.name];
        if (i === undefined) return;
        input.value = String(i);
        if (out) out.textContent = s.steps[i].label;
        input.setAttribute("aria-valuetext", (s.prefix || "") + s.steps[i].label);
      });
    });
  };

  /* Drawing when the reader comes near: IntersectionObserver with a margin, but only once the page
   * has been scrolled (arriving draws nothing), and whenever the reader points at or touches a figure. */
  var near = new Set();
  var scrolled = window.scrollY > 0 || window.location.hash.length > 1;
  var figures = new WeakMap();

  function drawNear() {
    near.forEach(function (el) {
      var f = figures.get(el);
      if (f) f.draw().catch(function () {});
    });
  }

  var observer = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (e.isIntersecting) near.add(e.target); else near.delete(e.target);
    });
    if (scrolled) drawNear();
  }, { rootMargin: DRAW_MARGIN }) : null;

  if (!scrolled) {
    window.addEventListener("scroll", function first() {
      window.removeEventListener("scroll", first);
      scrolled = true;
      drawNear();
    }, { passive: true });
  }

  function arm(f) {
    f.bindControls();
    figures.set(f.fig, f);
    ["pointerenter", "pointerdown", "touchstart", "focusin"].forEach(function (type) {
      f.fig.addEventListener(type, function () { f.draw().catch(function () {}); }, { passive: true, once: true });
    });
    if (observer) observer.observe(f.fig);
    else f.draw().catch(function () {});  // no IntersectionObserver: draw as before
  }

  /* Every figure of the face armed: the face is ready for "plotly" (nr-core.js). */
  nr.init("plotly", function (face) {
    face.querySelectorAll("script.nr-plotly-spec").forEach(function (specEl) { arm(new Figure(specEl)); });
  });

  /* For scripts and tests: draw a figure now (returns a promise of it drawn). */
  nr.drawFigure = function (el) {
    var fig = el.closest ? el.closest("figure") : el;
    var f = figures.get(fig);
    return f ? f.draw() : Promise.reject(new Error("not a course figure"));
  };
})();
