// 改指南: authors fix a guide the day an app changes, and publish it without a rebuild.
// Every field is a form field (not JSON): the guide, its steps, each step's simulated
// phone (elements, the one to tap), the glossary entries its steps use. Each change is
// checked by the server with the app's own validator (its file/step/field messages are
// listed), and shown at once in the real app in a phone-sized frame (/#preview). Drafts
// are kept in this browser; publishing makes a new version that every app fetches;
// any earlier version can be published again (回到这一版).
(function () {
  "use strict";

  // ---- Small helpers -------------------------------------------------------------

  var el = window.anxinDom.el;
  var uid = 0;
  // A labelled field bound to obj[key]; `kind`: "text", "area", "lines" (a list, one per line), "list" (、-separated).
  function field(label, obj, key, kind, onChange, hint) {
    var id = "ed-f" + (++uid);
    var value = obj[key];
    var input = kind === "area" || kind === "lines" ? el("textarea", { id: id, rows: kind === "lines" ? 3 : 2 }) : el("input", { id: id, type: "text" });
    if (hint) input.setAttribute("aria-describedby", id + "-hint");
    input.value = kind === "lines" ? (value || []).join("\n") : kind === "list" ? (value || []).join("、") : (value || "");
    input.addEventListener("input", function () {
      var v = input.value;
      if (kind === "lines") v = v.split("\n").map(function (s) { return s.trim(); }).filter(Boolean);
      else if (kind === "list") v = v.split(/[、,，]/).map(function (s) { return s.trim(); }).filter(Boolean);
      if ((Array.isArray(v) && !v.length) || v === "") delete obj[key]; else obj[key] = v;
      onChange();
    });
    return el("div", { class: "ed-field" }, [el("label", { for: id, text: label }), hint ? el("small", { id: id + "-hint", text: hint }) : null, input]);
  }
  function select(label, options, value, onPick) {
    var id = "ed-s" + (++uid);
    var s = el("select", { id: id });
    options.forEach(function (o) { s.appendChild(el("option", { value: o[0], text: o[1] })); });
    s.value = value;
    s.addEventListener("change", function () { onPick(s.value); });
    return el("div", { class: "ed-field" }, [el("label", { for: id, text: label }), s]);
  }
  function month() { var d = new Date(); return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0"); }

  var ELEMENT_TYPES = [["button", "按钮"], ["list_row", "列表的一行"], ["toggle", "开关"], ["search", "搜索框"], ["icon_grid", "一排图标"],
                       ["tab_bar", "底部标签栏"], ["card", "卡片"], ["qr", "二维码"], ["text", "一段字（不能点）"]];
  var ICONS = ["bus", "car", "hospital", "health_code", "pill", "payment", "money", "shield", "pension", "food", "video", "text_size", "wifi", "mobile", "phone"];

  // ---- The editor ----------------------------------------------------------------

  // api(method, path, body) → Promise of JSON (the console's); say(text) → the console's live line.
  function mount(box, api, say) {
    var files = null, base = 0, guideId = "", stepIx = 0, fixes = [], checkTimer = 0, problems = [], shownProblems = null, loading = null;
    var preview = el("iframe", { class: "ed-preview", title: "预览：真实的安心，用的是草稿", src: "/#preview" });
    var previewReady = false;
    window.addEventListener("message", function (e) {  // the app in the frame has started: show it the draft
      if (e.origin !== location.origin || e.source !== preview.contentWindow || !e.data || e.data.type !== "anxin-preview-ready") return;
      previewReady = true;
      showPreview();
    });
    var problemBox = el("div", { class: "ed-problems", role: "status", "aria-live": "polite" });
    var form = el("div", { class: "ed-form" });
    var versionsBox = el("section", { class: "ed-versions", "aria-label": "版本记录" });
    var top = el("p", { class: "ed-top" });
    box.textContent = "";
    box.appendChild(el("h2", { text: "改指南" }));
    box.appendChild(top);
    box.appendChild(el("div", { class: "ed-layout" }, [el("div", { class: "ed-main" }, [problemBox, form]),
                                                        el("div", { class: "ed-side" }, [preview, versionsBox])]));

    var guide = function () { return files && files["guides/" + guideId + ".json"]; };
    var index = function () { return files["guides/index.json"]; };
    var glossary = function () { return files["glossary.json"].terms; };

    function load() {
      loading = api("GET", "/api/content").then(function (b) {
        files = b.files;
        base = b.version;  // publishing over a newer version someone else made is refused
        var ids = allIds();
        if (ids.indexOf(guideId) < 0) guideId = ids[0];
        stepIx = 0;
        draw();
        changed();
      }).catch(function (e) { say("指南没读到：" + e.message); });
      return loading;
    }
    function allIds() {
      var ix = index();
      return ix.groups ? [].concat.apply([], ix.groups.map(function (g) { return g.guides; })) : ix.guides;
    }

    function loadVersions() {
      api("GET", "/api/console/content").then(function (j) {
        versionsBox.textContent = "";
        versionsBox.appendChild(el("h3", { text: "版本记录" }));
        var v0 = j.versions[0];
        top.textContent = v0 ? "大家用的是第 " + v0.version + " 版（" + v0.author + "，" + new Date(v0.created_at).toLocaleString("zh-CN") + "：" + v0.note + "）" : "";
        var list = el("ol", { reversed: "" });
        j.versions.forEach(function (v, i) {
          var item = el("li", {}, ["第 " + v.version + " 版 · " + v.author + " · " + new Date(v.created_at).toLocaleString("zh-CN") + " · " + v.note]);
          if (i > 0) item.appendChild(el("button", { type: "button", text: "回到这一版", "aria-label": "回到第 " + v.version + " 版", onclick: function () {
            if (!confirm("把第 " + v.version + " 版重新发布给所有人？还没发布的改动会丢掉（先保存草稿就不会）。")) return;
            api("POST", "/api/console/content/rollback", { version: v.version }).then(function (r) {
              say("已经发布第 " + r.version + " 版：" + r.note + "。");
              loadVersions();
              load();
            }).catch(function (e) { say("没成功：" + e.message); });
          } }));
          list.appendChild(item);
        });
        versionsBox.appendChild(list);
      }).catch(function (e) { say("版本记录没读到：" + e.message); });
    }

    // Each change: checked by the server (the app's validator) and shown in the preview.
    function changed() {
      clearTimeout(checkTimer);
      checkTimer = setTimeout(function () {
        api("POST", "/api/console/content/check", { files: files }).then(function (r) {
          problems = r.problems;
          drawProblems();
        }).catch(function (e) { problems = ["检查没成功：" + e.message]; drawProblems(); });
        showPreview();
      }, 300);
    }
    function showPreview() {
      if (!previewReady || !files) return;
      preview.contentWindow.postMessage({ type: "anxin-preview", bundle: JSON.stringify({ version: 1, files: files }), guide: guideId, step: stepIx + 1 },
                                        location.origin);
    }
    function drawProblems() {
      var publish = form.querySelector(".ed-publish");
      if (publish) publish.disabled = problems.length > 0;
      if (shownProblems === problems.join("\n")) return;  // a live region: said again only when it changes
      shownProblems = problems.join("\n");
      problemBox.textContent = "";
      problemBox.classList.toggle("bad", problems.length > 0);
      if (!problems.length) { problemBox.appendChild(el("p", { text: "检查过了，没有问题，可以发布。" })); }
      else {
        problemBox.appendChild(el("p", { text: "有 " + problems.length + " 个问题，改好才能发布：" }));
        var ul = el("ul");
        problems.forEach(function (p) { ul.appendChild(el("li", { text: p })); });
        problemBox.appendChild(ul);
      }
    }

    // ---- Drawing the forms ---------------------------------------------------------

    // Redrawn whole after a structural change; the focused control keeps focus (ids are made in order).
    function draw() {
      var focused = document.activeElement && form.contains(document.activeElement) ? document.activeElement.id : "";
      uid = 0;
      form.textContent = "";
      if (!files) return;
      drawForms();
      var again = focused && document.getElementById(focused);
      if (again) again.focus();
    }
    function drawForms() {
      var g = guide();
      var titles = allIds().map(function (id) { var x = files["guides/" + id + ".json"]; return [id, x ? x.title : id]; });
      form.appendChild(el("div", { class: "row" }, [
        select("要改的指南", titles, guideId, function (id) { guideId = id; stepIx = 0; draw(); changed(); }),
        el("button", { type: "button", text: "新建指南", onclick: newGuide }),
      ]));
      if (!g) return;
      var f = el("fieldset", {}, [el("legend", { text: "指南：" + g.title })]);
      f.appendChild(field("标题（首页的大字，最多 10 个字）", g, "title", "text", changed));
      f.appendChild(field("第二行（最多 12 个字）", g, "subtitle", "text", changed));
      f.appendChild(field("简介（开始前看到的一两句话）", g, "summary", "area", changed));
      f.appendChild(field("讲的是哪个App", g, "app", "text", changed));
      f.appendChild(field("根据公开教程整理的月份（如 2026-11）", g, "written", "text", changed));
      f.appendChild(field("学完时说的话", g, "done", "area", changed));
      f.appendChild(select("图标", ICONS.map(function (i) { return [i, i]; }), g.icon, function (v) { g.icon = v; changed(); }));
      form.appendChild(f);
      drawSteps(g);
      drawGlossary(g);
      drawPublish();
      drawProblems();
    }

    function drawSteps(g) {
      var nav = el("div", { class: "ed-steps", role: "group", "aria-label": "步骤" });
      g.steps.forEach(function (s, i) {
        nav.appendChild(el("button", { type: "button", "aria-pressed": String(i === stepIx), text: "第 " + (i + 1) + " 步：" + s.title,
                                       onclick: function () { stepIx = i; draw(); showPreview(); } }));
      });
      nav.appendChild(el("button", { type: "button", text: "加一步", onclick: function () {
        g.steps.splice(stepIx + 1, 0, { title: "新的一步", text: "点屏幕上的“确定”。" });
        stepIx++;
        draw(); changed();
      } }));
      form.appendChild(nav);
      var s = g.steps[stepIx];
      if (!s) return;
      var f = el("fieldset", {}, [el("legend", { text: "第 " + (stepIx + 1) + " 步" })]);
      f.appendChild(field("这一步做什么（最多 16 个字）", s, "title", "text", changed));
      f.appendChild(field("说明（最多 120 个字：要点的按钮叫什么、在哪儿）", s, "text", "area", changed));
      f.appendChild(field("朗读时的说法（不填就读说明）", s, "speak", "area", changed));
      f.appendChild(field("小提示（一行一条）", s, "tips", "lines", changed));
      f.appendChild(field("注意（安全提醒）", s, "warning", "text", changed));
      f.appendChild(field("难词（用“、”分开，每个要在词典里）", s, "terms", "list", changed));
      var others = [["", "（没有）"]].concat(allIds().filter(function (id) { return id !== guideId; }).map(function (id) {
        return [id, (files["guides/" + id + ".json"] || { title: id }).title];
      }));
      f.appendChild(select("另一课（这一步提到的别的指南）", others, s.see || "", function (v) { if (v) s.see = v; else delete s.see; changed(); }));
      var moves = el("div", { class: "row" }, [
        stepIx > 0 ? el("button", { type: "button", text: "往前移", onclick: function () { var t = g.steps[stepIx - 1]; g.steps[stepIx - 1] = s; g.steps[stepIx] = t; stepIx--; draw(); changed(); } }) : null,
        el("button", { type: "button", text: "删掉这一步", onclick: function () { g.steps.splice(stepIx, 1); stepIx = Math.max(0, stepIx - 1); draw(); changed(); } }),
      ]);
      f.appendChild(moves);
      form.appendChild(f);
      drawScreen(s);
    }

    function drawScreen(s) {
      var f = el("fieldset", {}, [el("legend", { text: "模拟手机画面" })]);
      var has = el("input", { type: "checkbox", id: "ed-has-screen" });
      has.checked = !!s.screen;
      has.addEventListener("change", function () {
        if (has.checked) s.screen = { title: "", elements: [{ type: "button", id: "ok", text: "确定" }], target: "ok" };
        else delete s.screen;
        draw(); changed();
      });
      f.appendChild(el("div", { class: "ed-check" }, [has, el("label", { for: "ed-has-screen", text: "这一步有手机画面（要点一个地方）" })]));
      if (s.screen) {
        var scr = s.screen;
        // 这一步要点的: a choice among the elements' ids, drawn again when an id changes.
        var targetBox = el("div");
        var drawTarget = function () {
          targetBox.textContent = "";
          var ids = [];
          scr.elements.forEach(function (e) { if (e.id) ids.push([e.id, e.text || e.id]); (e.items || []).forEach(function (it) { if (it.id) ids.push([it.id, it.text || it.id]); }); });
          targetBox.appendChild(select("这一步要点的", [["", "（不用点）"]].concat(ids), scr.target || "", function (v) {
            if (v) scr.target = v; else delete scr.target;
            changed();
          }));
        };
        f.appendChild(field("画面顶上的标题", scr, "title", "text", changed));
        var table = el("div", { class: "ed-elements" });
        scr.elements.forEach(function (e, i) {
          var row = el("fieldset", { class: "ed-element" }, [el("legend", { text: "第 " + (i + 1) + " 个东西" })]);
          row.appendChild(select("类型", ELEMENT_TYPES, e.type, function (v) {
            e.type = v;
            if ((v === "icon_grid" || v === "tab_bar") && !e.items) e.items = [{ id: "item1", text: "图标一" }];
            draw(); changed();
          }));
          if (e.type === "icon_grid" || e.type === "tab_bar") {
            var id = "ed-items" + (++uid);
            var area = el("textarea", { id: id, rows: 4 });
            area.value = (e.items || []).map(function (it) { return [it.id || "", it.text || "", it.icon || ""].join(" | "); }).join("\n");
            area.addEventListener("input", function () {
              e.items = area.value.split("\n").filter(function (l) { return l.trim(); }).map(function (l) {
                var p = l.split("|").map(function (x) { return x.trim(); });
                var it = { id: p[0], text: p[1] || "" };
                if (p[2]) it.icon = p[2];
                return it;
              });
              changed(); drawTarget();
            });
            row.appendChild(el("div", { class: "ed-field" }, [el("label", { for: id, text: "每行一个图标：编号 | 文字 | 图标名（可不填）" }), area]));
          } else {
            row.appendChild(field("编号（要点它就得有）", e, "id", "text", function () { changed(); drawTarget(); }));
            row.appendChild(field("文字（照App上写的）", e, "text", "text", changed));
            if (e.type === "list_row" || e.type === "card") row.appendChild(field("第二行小字", e, "detail", "text", changed));
            if (e.type === "toggle") {
              var on = el("input", { type: "checkbox", id: "ed-on" + (++uid) });
              on.checked = !!e.on;
              on.addEventListener("change", function () { e.on = on.checked; changed(); });
              row.appendChild(el("div", { class: "ed-check" }, [on, el("label", { for: on.id, text: "开关开着" })]));
            }
          }
          row.appendChild(el("button", { type: "button", text: "删掉它", "aria-label": "删掉第 " + (i + 1) + " 个东西", onclick: function () { scr.elements.splice(i, 1); draw(); changed(); } }));
          table.appendChild(row);
        });
        f.appendChild(table);
        f.appendChild(el("button", { type: "button", text: "加一个按钮", onclick: function () {
          scr.elements.push({ type: "button", id: "new" + scr.elements.length, text: "新按钮" + scr.elements.length });
          draw(); changed();
        } }));
        f.appendChild(targetBox);
        drawTarget();
      }
      form.appendChild(f);
    }

    function drawGlossary(g) {
      var used = {};
      g.steps.forEach(function (s) { (s.terms || []).forEach(function (t) { used[t] = true; }); });
      var terms = Object.keys(used);
      var f = el("fieldset", {}, [el("legend", { text: "难词的解释（这个指南用到的）" })]);
      if (!terms.length) f.appendChild(el("p", { text: "这个指南还没有标难词。" }));
      terms.forEach(function (t) { f.appendChild(field(t, glossary(), t, "area", changed)); });
      var newTerm = el("input", { type: "text", id: "ed-new-term" });
      f.appendChild(el("div", { class: "row" }, [el("label", { for: "ed-new-term", text: "加一个难词" }), newTerm,
        el("button", { type: "button", text: "加到词典", onclick: function () {
          var t = newTerm.value.trim();
          if (!t) return;
          var s = g.steps[stepIx];
          if (!s) return;
          if (!glossary()[t]) glossary()[t] = "用大白话解释“" + t + "”。";
          s.terms = (s.terms || []).concat(s.terms && s.terms.indexOf(t) >= 0 ? [] : [t]);
          draw(); changed();
        } })]));
      form.appendChild(f);
    }

    function drawPublish() {
      var note = el("input", { type: "text", id: "ed-note", maxlength: "80" });
      var f = el("fieldset", {}, [el("legend", { text: "发布" }), el("label", { for: "ed-note", text: "改了什么（大家在版本记录里看到）" }), note]);
      fixes.forEach(function (r) {
        var cb = el("input", { type: "checkbox", id: "ed-fix-" + r.id, checked: "" });
        cb.addEventListener("change", function () { r.on = cb.checked; });
        f.appendChild(el("div", { class: "ed-check" }, [cb, el("label", { for: cb.id, text: "同时告诉提意见的人：第 " + r.step + " 步已经改好了（反馈 " + r.id + "）" })]));
      });
      var publish = el("button", { type: "button", class: "primary ed-publish", text: "发布给所有人" });
      publish.addEventListener("click", function () {
        if (!note.value.trim()) { say("请写一句改了什么。"); note.focus(); return; }
        var ids = fixes.filter(function (r) { return r.on !== false; }).map(function (r) { return r.id; });
        api("POST", "/api/console/content", { note: note.value.trim(), files: files, base: base, fixes: ids }).then(function (r) {
          say("已经发布第 " + r.version + " 版。" + (r.fixed_reports.length ? "提意见的人会看到“已经改好了”。" : ""));
          base = r.version;
          fixes = [];
          localStorage.removeItem(draftKey());
          loadVersions();
          draw();
        }).catch(function (e) {
          say(e.status === 422 ? "有问题，没有发布。"
              : e.status === 409 ? "没有发布：别人刚发布了新版本。请先保存草稿，刷新页面看最新的，再把改动加上。"
              : "没发布成：" + e.message);
        });
      });
      f.appendChild(el("div", { class: "row" }, [
        el("button", { type: "button", text: "保存草稿", onclick: function () {
          localStorage.setItem(draftKey(), JSON.stringify({ base: base, files: files }));
          say("草稿存在这台电脑上了。");
        } }),
        el("button", { type: "button", text: "打开保存的草稿", onclick: function () {
          var d = localStorage.getItem(draftKey());
          if (!d) { say("这台电脑上没有草稿。"); return; }
          var saved = JSON.parse(d);
          files = saved.files || saved; base = saved.base || 0; draw(); changed(); say("打开了保存的草稿（从第 " + base + " 版改起）。");
        } }),
        publish,
      ]));
      form.appendChild(f);
    }
    function draftKey() { return "anxin.editor.draft"; }

    // A new guide from a template: three steps to change, in the group chosen.
    function newGuide() {
      var id = (prompt("新指南的编号（小写字母、数字和 -，如 pension-2）") || "").trim();
      if (!/^[a-z0-9-]{2,40}$/.test(id) || files["guides/" + id + ".json"]) { say("编号要 2 到 40 个小写字母、数字或 -，而且不能和别的重复。"); return; }
      files["guides/" + id + ".json"] = {
        id: id, title: "新指南", subtitle: "一句话说做什么", icon: "shield", summary: "教您一步一步做一件事。", app: "微信", written: month(),
        done: "您学会了。", steps: [
          { title: "打开App", text: "在手机上找到名字叫“微信”的图标，点一下。", screen: { title: "手机桌面", elements: [{ type: "icon_grid", items: [{ id: "wechat", text: "微信" }, { id: "phone", text: "电话" }] }], target: "wechat" } },
          { title: "点右下角的“我”", text: "点屏幕右下角的“我”。", screen: { title: "微信", elements: [{ type: "tab_bar", items: [{ id: "tab-chat", text: "微信" }, { id: "tab-me", text: "我" }] }], target: "tab-me" } },
          { title: "做完了", text: "看到“成功”两个字，就做好了。" },
        ] };
      var ix = index();
      if (ix.groups) ix.groups[ix.groups.length - 1].guides.push(id); else ix.guides.push(id);
      guideId = id; stepIx = 0;
      draw(); changed();
      say("新指南已经加进草稿，放在“" + (ix.groups ? ix.groups[ix.groups.length - 1].title : "首页") + "”里。");
    }

    loadVersions();
    load();
    return {
      // From a report: open its guide at its step, and offer to tell the reporter when published.
      openStep: function (report) {
        loading.then(function () {
          if (!files || !files["guides/" + report.guide + ".json"]) { say("这个指南不在内容里。"); return; }
          guideId = report.guide;
          stepIx = Math.max(0, report.step - 1);
          if (!fixes.some(function (r) { return r.id === report.id; })) fixes.push({ id: report.id, step: report.step });
          draw(); changed();
        });
      },
    };
  }

  window.anxinEditor = { mount: mount };
})();
