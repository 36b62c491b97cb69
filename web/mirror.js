// The DOM mirror: the app draws into a canvas, which screen readers cannot see,
// so every node of its semantics tree is kept here as a real, invisible HTML
// element over the place it is drawn — <button>, <h1>, <input type=checkbox>,
// <main>, role=dialog… — the approach of Flutter's web semantics.
//
//  - apply(update): the app sends only what changed each frame (removed / added /
//    updated nodes, focus to move); nothing is touched when nothing changed.
//  - Activation (click, Enter, Space) and focus on an element are sent back to the
//    app as action requests, exactly like a tap; arrow keys move within a group.
//  - announce(text, assertive): aria-live regions, without moving focus.
(function () {
  "use strict";
  var PRESS = 1, FOCUS = 2, INCREMENT = 4, DECREMENT = 8;
  var root, live = {}, nodes = new Map(), echoFocus = false;
  var userFocusSeq = 0;  // bumped whenever the user (keyboard, screen reader) moves focus
  var lastCanvasTap = { t: -1e9, x: 0, y: 0, id: 0 };
  var downAt = { x: -1e9, y: -1e9 };
  var stats = { syncMs: [], announced: [] };

  function send(id, action) {
    if (window.Module && Module._anxin_action) Module._anxin_action(id, action);
  }

  function init() {
    root = document.getElementById("a11y");
    ["polite", "assertive"].forEach(function (kind) {
      live[kind] = { next: 0, regions: [0, 1].map(function () {
        var r = document.createElement("div");
        r.className = "live";
        r.setAttribute("role", kind === "polite" ? "status" : "alert");
        r.setAttribute("aria-live", kind);
        r.setAttribute("aria-atomic", "true");
        document.getElementById("a11y-live").appendChild(r);
        return r;
      }) };
    });
    // A finger or mouse on the canvas already pressed what is there: a click that a
    // screen reader sends to the mirror element at the same spot right after is the same tap.
    var canvas = document.getElementById("canvas");
    ["pointerup", "touchend"].forEach(function (type) {
      canvas.addEventListener(type, function (e) {
        var p = e.changedTouches ? e.changedTouches[0] : e;
        // Which control was under the finger, before the app moves anything: a control that stays
        // (the step bar's 下一步) may be elsewhere by the time a screen reader's click arrives.
        var under = 0;
        nodes.forEach(function (rec) {
          var r = rec.rect;
          if (rec.control && p.clientX >= r[0] && p.clientX <= r[0] + r[2] && p.clientY >= r[1] && p.clientY <= r[1] + r[3]) under = rec.id;
        });
        lastCanvasTap = { t: performance.now(), x: p.clientX, y: p.clientY, id: under };
      }, { passive: true });
    });
    canvas.addEventListener("pointerdown", function (e) { downAt = { x: e.clientX, y: e.clientY }; }, { passive: true });
    canvas.addEventListener("pointerup", onCanvasTapForText, { passive: true });
    root.addEventListener("keydown", onArrowKey);
  }

  // ---- Elements -------------------------------------------------------------------

  function create(n) {
    var el, control;
    switch (n.role) {
      case "main": el = document.createElement("main"); break;
      case "dialog": el = document.createElement("div"); el.setAttribute("role", "dialog"); break;
      case "heading": el = document.createElement("h" + Math.min(Math.max(n.level || 1, 1), 3)); el.tabIndex = -1; break;
      case "button": el = control = document.createElement("button"); el.type = "button"; break;
      case "link": el = control = document.createElement("a"); el.href = "#"; break;
      case "checkbox":
      case "radio":
        el = document.createElement("label");
        control = document.createElement("input");
        control.type = n.role;
        el.appendChild(control);
        el.appendChild(document.createElement("span"));
        break;
      case "slider": el = control = document.createElement("input"); el.type = "range"; break;
      // A text box is the browser's own <input>, over the box the canvas draws: typing,
      // Chinese input methods and screen readers all work there; each change goes back whole.
      case "textbox":
        el = control = document.createElement("input");
        el.type = "text";
        el.className = "text";
        el.maxLength = 100;  // far above any field's limit; the app names what is too long
        el.autocomplete = "off";  // the browser must not offer what someone else typed (kiosks)
        break;
      case "img": el = document.createElement("div"); el.setAttribute("role", "img"); break;
      case "progressbar": el = document.createElement("div"); el.setAttribute("role", "progressbar"); break;
      default:  // text; outside main/dialog it is the app bar's name: a banner landmark
        el = document.createElement(n.container ? "p" : "header");
    }
    var rec = { id: n.id, role: n.role, el: el, control: control, container: n.container || 0, rect: n.rect, clipped: !!n.clipped };
    el.dataset.id = n.id;
    if (control) {
      control.dataset.id = n.id;
      control.addEventListener("click", function (e) { onActivate(rec, e); });
      control.addEventListener("focus", function () {
        if (echoFocus) return;
        userFocusSeq++;
        send(rec.id, FOCUS);
      });
      if (n.role === "slider") control.addEventListener("keydown", function (e) { onSliderKey(rec, e); });
      if (n.role === "textbox") {
        // While an input method composes (pinyin before the characters are chosen), wait for the result.
        control.addEventListener("input", function (e) { if (!e.isComposing) sendText(rec.id, control.value); });
        control.addEventListener("compositionend", function () { sendText(rec.id, control.value); });
      }
    }
    return rec;
  }

  function fill(rec, n) {
    var el = rec.el;
    rec.rect = n.rect;
    rec.clipped = !!n.clipped;
    el.dataset.group = n.parent;
    switch (n.role) {
      case "main":
      case "dialog":
      case "img":
        el.setAttribute("aria-label", n.name);
        break;
      case "checkbox":
      case "radio":
        el.lastChild.textContent = n.name;
        rec.control.checked = !!n.checked;
        break;
      case "slider":
        rec.control.setAttribute("aria-label", n.name);
        rec.control.setAttribute("aria-valuetext", n.value || "");
        break;
      case "textbox":
        rec.control.setAttribute("aria-label", n.name);
        rec.control.setAttribute("inputmode", n.phone ? "tel" : "text");
        rec.control.setAttribute("aria-invalid", n.invalid ? "true" : "false");
        // The app's text is the truth, but never overwrite what is being typed (or composed).
        if (document.activeElement !== rec.control && rec.control.value !== (n.value || "")) rec.control.value = n.value || "";
        break;
      case "progressbar": {
        var parts = (n.value || "0/1").split("/");
        el.setAttribute("aria-valuemin", "0");
        el.setAttribute("aria-valuemax", parts[1]);
        el.setAttribute("aria-valuenow", parts[0]);
        el.setAttribute("aria-label", n.name);
        el.textContent = n.name;
        break;
      }
      case "button":
        el.textContent = n.name;
        if (n.value) el.setAttribute("aria-description", n.value); else el.removeAttribute("aria-description");
        break;
      default:
        el.textContent = n.name;
    }
    if (rec.control) rec.control.disabled = !!n.disabled;
    place(rec);
  }

  // Over the drawn rect, in CSS pixels; inside a main/dialog, relative to it (which clips
  // what is scrolled out of view, so touch exploration finds only what is on screen).
  function place(rec) {
    var r = rec.rect, c = nodes.get(rec.container), ox = c ? c.rect[0] : 0, oy = c ? c.rect[1] : 0;
    var s = rec.el.style;
    s.left = (r[0] - ox) + "px";
    s.top = (r[1] - oy) + "px";
    s.width = r[2] + "px";
    s.height = r[3] + "px";
  }

  // ---- Updates from the app ------------------------------------------------------

  // Updates are applied just after the frame that made them, not inside it: the
  // picture reaches the screen first, the elements follow a moment later, in order.
  var queue = [], flushing = false;
  function enqueue(json, cppMs) {
    queue.push([json, cppMs, userFocusSeq]);
    if (!flushing) { flushing = true; setTimeout(flush, 0); }
  }
  function flush() {
    flushing = false;
    var q = queue;
    queue = [];
    // A focus move the app asked for before the user moved focus again is stale: skip it.
    q.forEach(function (u) { apply(u[0], u[1], u[2] !== userFocusSeq); });
  }

  function apply(json, cppMs, staleFocus) {
    var t0 = performance.now();
    var u = JSON.parse(json);
    u.remove.forEach(function (id) {
      var rec = nodes.get(id);
      if (!rec) return;
      rec.el.remove();
      nodes.delete(id);
    });
    u.add.forEach(function (n) {
      var rec = create(n);
      fill(rec, n);
      nodes.set(n.id, rec);
      var parent = n.container ? nodes.get(n.container).el : root;
      parent.insertBefore(rec.el, parent.children[n.index] || null);
    });
    u.update.forEach(function (n) {
      var rec = nodes.get(n.id);
      if (!rec) return;
      fill(rec, n);
      if (rec.role === "main" || rec.role === "dialog")  // children are placed relative to it
        nodes.forEach(function (child) { if (child.container === rec.id) place(child); });
    });
    if (u.focus && !staleFocus) {
      var target = nodes.get(u.focus);
      var el = target && (target.control || target.el);
      if (el && document.activeElement !== el) {
        echoFocus = true;
        el.focus({ preventScroll: true });
        echoFocus = false;
      }
    }
    stats.syncMs.push(cppMs + performance.now() - t0);
    if (stats.syncMs.length > 2000) stats.syncMs.shift();
  }

  // ---- Input from assistive technology and the keyboard ----------------------------

  // A tap on a text box drawn in the canvas focuses its <input> here, inside the tap's own
  // event, so the phone opens its keyboard (the boxes themselves let wheel and drags reach
  // the canvas). A tap anywhere else ends the typing.
  function onCanvasTapForText(e) {
    if (Math.abs(e.clientX - downAt.x) > 10 || Math.abs(e.clientY - downAt.y) > 10) return;  // a drag
    var hit = null;
    nodes.forEach(function (rec) {
      var r = rec.rect;
      if (rec.role === "textbox" && !rec.clipped && e.clientX >= r[0] && e.clientX < r[0] + r[2] && e.clientY >= r[1] && e.clientY < r[1] + r[3]) hit = rec;
    });
    var active = document.activeElement;
    if (hit) { if (active !== hit.control) hit.control.focus({ preventScroll: true }); }
    else if (active && active.classList && active.classList.contains("text") && root.contains(active)) active.blur();
  }

  function sendText(id, text) {
    if (window.Module && Module.ccall) Module.ccall("anxin_set_text", null, ["number", "string"], [id, text]);
  }

  function onActivate(rec, e) {
    e.preventDefault();
    var r = rec.rect, t = lastCanvasTap;
    var sameTap = performance.now() - t.t < 500 &&
                  (t.id === rec.id || (t.x >= r[0] && t.x <= r[0] + r[2] && t.y >= r[1] && t.y <= r[1] + r[3]));
    if (!sameTap) send(rec.id, PRESS);
  }

  function onSliderKey(rec, e) {
    var up = e.key === "ArrowUp" || e.key === "ArrowRight", down = e.key === "ArrowDown" || e.key === "ArrowLeft";
    if (!up && !down) return;
    e.preventDefault();
    e.stopPropagation();
    send(rec.id, up ? INCREMENT : DECREMENT);
  }

  // Arrow keys move between the controls of one group (a row of choices, the simulated
  // phone's buttons); outside a group, to the next or previous control.
  function onArrowKey(e) {
    var next = e.key === "ArrowDown" || e.key === "ArrowRight", prev = e.key === "ArrowUp" || e.key === "ArrowLeft";
    if ((!next && !prev) || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.target.type === "text") return;  // arrows move the caret in a text box
    if (window.anxinKioskKeys) return;      // a kiosk: Up/Down are the app's own (EZ Access)
    var all = Array.prototype.slice.call(root.querySelectorAll("button, a, input"));
    var i = all.indexOf(document.activeElement);
    if (i < 0) return;
    var group = all[i].closest("[data-group]").dataset.group;
    var same = all.filter(function (el) { return el.closest("[data-group]").dataset.group === group; });
    var list = same.length > 1 ? same : all;
    var j = list.indexOf(all[i]) + (next ? 1 : -1);
    if (j < 0 || j >= list.length) return;
    e.preventDefault();
    list[j].focus();
  }

  // ---- Announcements -------------------------------------------------------------

  // Two regions per kind, used in turn: the same message twice is still announced.
  // A short delay lets the focused control be read first.
  function announce(text, assertive) {
    var kind = live[assertive ? "assertive" : "polite"];
    var region = kind.regions[kind.next], other = kind.regions[1 - kind.next];
    kind.next = 1 - kind.next;
    other.textContent = "";
    stats.announced.push({ text: text, assertive: !!assertive });
    if (stats.announced.length > 50) stats.announced.shift();
    setTimeout(function () { region.textContent = text; }, 150);
  }

  window.anxinMirror = {
    apply: enqueue,
    announce: announce,
    stats: stats,
    nodeCount: function () { return root.querySelectorAll("*").length; },
    focusInMirror: function () { return !!(document.activeElement && root.contains(document.activeElement)); },
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
