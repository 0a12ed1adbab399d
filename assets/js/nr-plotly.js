/* nerveroot: draw every plotly figure of the page from its embedded JSON spec.
 *
 * Loaded (deferred) only on pages whose HTML declares data-nr-needs="plotly",
 * after the local plotly.js bundle. No network access and no inline scripts.
 *
 * plotly draws its own buttons and sliders in SVG, out of reach of a keyboard
 * or a screen reader. nerveroot.display.web_spec moves them into spec.controls;
 * here they become native <button>s (with aria-pressed) and <input type=range>,
 * and the figure's caption parts are updated as text in aria-live regions. When every figure
 * of a face is drawn, the face is marked ready (data-nr-ready="plotly", nr-core.js). */
(function () {
  "use strict";

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

  /* A control's change is drawn (and its captions set): "nr:updated" bubbles from the plot, for
   * scripts that follow the figure and for tests, which wait for it instead of sleeping. */
  function updated(div, detail) {
    div.dispatchEvent(new CustomEvent("nr:updated", { bubbles: true, detail: detail }));
  }

  // The caption is text beside the plot, in one or more parts (p.nr-caption[data-part]);
  // the page is rendered with each part's first text, and a control sets the parts it changes.
  function setCaptions(fig, captions) {
    Object.keys(captions || {}).forEach(function (part) {
      fig.querySelectorAll("p.nr-caption").forEach(function (el) {
        if (el.getAttribute("data-part") === part) el.textContent = captions[part];
      });
    });
  }

  function buildMenus(fig, div, menus) {
    var host = fig.querySelector(".nr-controls");
    menus.forEach(function (menu) {
      var group = document.createElement("div");
      group.className = "nr-buttons";
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", div.getAttribute("aria-label") ? "Figure controls" : "Controls");
      var buttons = [];
      menu.buttons.forEach(function (b, i) {
        var btn = document.createElement("button");
        btn.type = "button";
        btn.className = "nr-button";
        btn.textContent = b.label;
        var toggle = menu.toggle !== false;  // a choice (which root) rather than actions (Play)
        if (toggle) btn.setAttribute("aria-pressed", i === menu.active ? "true" : "false");
        btn.addEventListener("click", function () {
          if (toggle) buttons.forEach(function (o) { o.setAttribute("aria-pressed", o === btn ? "true" : "false"); });
          settle(run(div, b.method, b.args)).then(function () {
            setCaptions(fig, b.captions);
            updated(div, { button: b.label });
          });
        });
        buttons.push(btn);
        group.appendChild(btn);
      });
      host.appendChild(group);
    });
  }

  function buildSliders(fig, div, sliders) {
    var host = fig.querySelector(".nr-controls");
    sliders.forEach(function (s, k) {
      var id = div.id + "-slider-" + k;
      var wrap = document.createElement("div");
      wrap.className = "nr-slider";
      var label = document.createElement("label");
      label.setAttribute("for", id);
      label.textContent = s.prefix || "Value";
      var input = document.createElement("input");
      input.type = "range";
      input.id = id;
      input.min = "0";
      input.max = String(s.steps.length - 1);
      input.step = "1";
      input.value = String(s.active || 0);
      var out = document.createElement("output");
      out.setAttribute("for", id);
      function show(i) {
        var step = s.steps[i];
        out.textContent = step.label;
        input.setAttribute("aria-valuetext", (s.prefix || "") + step.label);
      }
      input.addEventListener("input", function () {
        var i = Number(input.value);
        show(i);
        var step = s.steps[i];
        settle(run(div, step.method, step.args)).then(function () {
          setCaptions(fig, step.captions);
          updated(div, { slider: k, step: i });
        });
      });
      show(Number(input.value));
      // Follow an animation played by a button: a step that animates to one named frame
      // moves the slider when that frame is shown (as plotly's own slider would).
      var byFrame = {};
      s.steps.forEach(function (step, i) {
        if (step.method === "animate" && step.args[0] && step.args[0].length === 1) byFrame[step.args[0][0]] = i;
      });
      if (Object.keys(byFrame).length && div.on) {
        div.on("plotly_animatingframe", function (ev) {
          var i = byFrame[ev && ev.name];
          if (i === undefined) return;
          input.value = String(i);
          show(i);
        });
      }
      wrap.appendChild(label);
      wrap.appendChild(input);
      wrap.appendChild(out);
      host.appendChild(wrap);
    });
  }

  function draw(specEl) {
    var div = document.getElementById(specEl.getAttribute("data-for"));
    if (!div) return Promise.reject(new Error("no element #" + specEl.getAttribute("data-for") + " for a figure"));
    var fig = div.closest("figure") || div.parentNode;
    var spec;
    try {
      spec = JSON.parse(specEl.textContent);
    } catch (err) {
      div.textContent = "This figure could not be read: " + err.message;
      return Promise.reject(err);
    }
    var promise = window.Plotly.newPlot(div, spec.data, spec.layout || {}, spec.config || {});
    if (spec.frames && spec.frames.length) {
      promise = promise.then(function () { return window.Plotly.addFrames(div, spec.frames); });
    }
    return promise.then(function () {
      var controls = spec.controls || {};
      buildMenus(fig, div, controls.menus || []);
      buildSliders(fig, div, controls.sliders || []);
    });
  }

  /* Every figure of a face drawn: the face is ready for "plotly" (nr-core.js). */
  window.nerveroot.init("plotly", function (face) {
    if (!window.Plotly) {
      face.querySelectorAll(".nr-plotly").forEach(function (div) {
        div.textContent = "The interactive figure needs plotly.js, which did not load.";
      });
      throw new Error("plotly.js did not load");
    }
    return Promise.all(Array.prototype.map.call(face.querySelectorAll("script.nr-plotly-spec"), draw));
  });
})();
