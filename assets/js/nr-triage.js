/* nerveroot: the red-flag triage aid of the built book (static face of
 * nerveroot.figures.triage.TriageAid).
 *
 * Loaded (deferred) only on pages whose HTML declares data-nr-needs="triage".  The
 * checklist is already in the page as native checkboxes in fieldsets, with the
 * "nothing ticked" result rendered by Python.  This script reads the aid's
 * <script type="application/json" class="nr-triage-data"> - the rule exported by
 * nerveroot.red_flags.rule_data() and the sentence templates - and re-applies the same
 * rule as nerveroot.red_flags.triage() whenever a box changes, writing the level, the
 * action and the reasons into the aria-live result region.  No network, no inline
 * script.  A teaching aid, not a clinical decision tool.
 */
(function () {
  "use strict";

  var nr = window.nerveroot;  /* assets/js/nr-core.js */
  var fmt = nr.format;

  /* nerveroot.red_flags.triage(): the levels come from the shared rule (nr-rules.js);
   * this adds the reasons in the aid's own words. ids: in checklist order.
   * Exposed as window.nerveroot.triage(rule, strings, ids) for the parity tests. */
  function triage(rule, S, ids) {
    var flags = rule.flags;
    var result = nr.triageLevels(rule, ids);  /* assets/js/nr-rules.js */
    var levels = result.levels;
    var level = result.level;
    var reasons = ids.map(function (id) {
      var f = flags[id];
      var group = rule.groups[f.group].label.toLowerCase();
      var lvl = levels[id];
      if (lvl === "watch") return fmt(S.reason_watch, { label: f.label, group: group });
      /* the level in the aid's words ("emergency", Danish "akut") */
      var word = S["level_word_" + lvl];
      if (lvl !== f.level) return fmt(S.reason_escalated, { label: f.label, group: group, level: word });
      return fmt(S.reason_flag, { label: f.label, group: group, level: word });
    });
    if (!ids.length) reasons.push(S.reason_none);
    return { level: level, label: rule.levels[level].label, action: rule.levels[level].action, reasons: reasons };
  }

  function render(region, S, result) {
    var doc = region.ownerDocument;
    var frag = doc.createDocumentFragment();
    var head = doc.createElement("p");
    head.className = "nr-triage-level";
    head.setAttribute("data-level", result.level);
    var icon = doc.createElement("span");
    icon.className = "nr-triage-icon";
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = S["icon_" + result.level];
    var label = doc.createElement("strong");
    label.className = "nr-triage-label";
    label.textContent = result.label;
    head.appendChild(icon);
    head.appendChild(doc.createTextNode(" "));
    head.appendChild(label);
    var action = doc.createElement("p");
    action.className = "nr-triage-action";
    action.textContent = result.action;
    var why = doc.createElement("p");
    why.className = "nr-triage-why";
    why.textContent = S.reasons_heading;
    var list = doc.createElement("ul");
    list.className = "nr-triage-reasons";
    result.reasons.forEach(function (r) {
      var li = doc.createElement("li");
      li.textContent = r;
      list.appendChild(li);
    });
    frag.appendChild(head);
    frag.appendChild(action);
    frag.appendChild(why);
    frag.appendChild(list);
    region.replaceChildren(frag);
  }

  function setup(section) {
    var dataEl = section.querySelector("script.nr-triage-data");
    var region = section.querySelector(".nr-triage-result");
    if (!dataEl || !region) return;
    var data = JSON.parse(dataEl.textContent);
    var boxes = Array.prototype.slice.call(section.querySelectorAll('input[type="checkbox"][name="flag"]'));
    function ticked() {
      var on = {};
      boxes.forEach(function (b) { if (b.checked) on[b.value] = true; });
      return data.flag_order.filter(function (id) { return on[id]; });
    }
    function update() {
      var result = triage(data.rule, data.strings, ticked());
      section.setAttribute("data-nr-level", result.level);
      render(region, data.strings, result);
      var sticky = section.querySelector(".nr-triage-sticky");
      if (sticky) {
        sticky.setAttribute("data-level", result.level);
        sticky.querySelector(".nr-triage-icon").textContent = data.strings["icon_" + result.level];
        sticky.querySelector(".nr-triage-sticky-label").textContent = result.label;
      }
    }
    boxes.forEach(function (b) { b.addEventListener("change", update); });
    var clear = section.querySelector(".nr-triage-clear");
    if (clear) {
      clear.addEventListener("click", function () {
        boxes.forEach(function (b) { b.checked = false; });
        update();
        if (boxes.length) boxes[0].focus();
      });
    }
    var form = section.querySelector("form");
    if (form) form.addEventListener("submit", function (e) { e.preventDefault(); });
    update(); // boxes may be ticked already (the browser restores them on "back")
  }

  nr.triage = triage;
  nr.init("triage", function (face) { face.querySelectorAll("section.nr-triage").forEach(setup); });
})();
