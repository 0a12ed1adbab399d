/* nerveroot: the course's shared browser-side rules, written once.
 *
 * The red-flag triage rule of nerveroot.red_flags.triage(), applied to the rule data that
 * nerveroot.red_flags.rule_data() exports as JSON. It holds no clinical content of its own.
 * Loaded (deferred) before the scripts that use it: the triage aid (nr-triage.js) and the
 * root localiser (nr-localiser.js); see ASSET_GROUPS in src/nerveroot/sphinxext.py.
 * Their browser tests check, case by case, that the page agrees with Python. */
(function () {
  "use strict";

  var UP = { watch: "urgent", urgent: "emergency", emergency: "emergency" };

  /* rule: {flags: {id: {level, group, escalate_with}}, levels: {...}}; ids: present flag ids.
   * Returns {level, levels: {id: effective level}}:
   *   a flag with escalate_with G counts one level higher when another flag of group G is present;
   *   any emergency -> emergency; else any urgent -> urgent; else routine (watch flags alone). */
  function triageLevels(rule, ids) {
    var levels = {};
    ids.forEach(function (id) {
      var f = rule.flags[id];
      var lvl = f.level;
      if (f.escalate_with) {
        var partner = ids.some(function (o) { return o !== id && rule.flags[o].group === f.escalate_with; });
        if (partner) lvl = UP[lvl];
      }
      levels[id] = lvl;
    });
    var values = ids.map(function (id) { return levels[id]; });
    var level = values.indexOf("emergency") >= 0 ? "emergency" : values.indexOf("urgent") >= 0 ? "urgent" : "routine";
    return { level: level, levels: levels };
  }

  window.nerveroot.triageLevels = triageLevels;  /* window.nerveroot: assets/js/nr-core.js */
})();
