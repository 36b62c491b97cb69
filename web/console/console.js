// The helpers' console: log in, see the live queue (server-sent events), claim a
// request, see everything the senior already told the app, promise a call-back
// time, record the outcome; answer reports about guides; see a senior's screen (coview.js);
// one's own password and, for admins, accounts and records (accounts.js).
(function () {
  "use strict";
  var csrf = "", role = "helper", me = {}, guides = {}, view = "queue", events = null;
  var $ = function (id) { return document.getElementById(id); };

  function api(method, path, body) {
    var opts = { method: method, headers: {}, credentials: "same-origin" };
    if (body !== undefined) { opts.headers["Content-Type"] = "application/json"; opts.body = JSON.stringify(body); }
    if (method !== "GET") opts.headers["X-CSRF-Token"] = csrf;
    return fetch(path, opts).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (j) {
        if (!r.ok) { var e = new Error(j.error || ("HTTP " + r.status)); e.status = r.status; throw e; }
        return j;
      });
    });
  }

  var el = window.anxinDom.el;

  function time(ms) {
    var d = new Date(ms);
    return d.getHours() + ":" + String(d.getMinutes()).padStart(2, "0");
  }

  function say(text) { $("live").textContent = text; }

  // ---- Log in ---------------------------------------------------------------------

  function showLogin(why) {
    if (events) events.close();
    events = null;
    $("login-error").textContent = typeof why === "string" ? why : "";
    $("login").hidden = false;
    $("desk").hidden = true;
    $("who").hidden = $("logout").hidden = true;
    $("username").focus();
  }

  function showDesk(who) {
    csrf = who.csrf;
    role = who.role;
    me = who;
    $("login").hidden = true;
    $("desk").hidden = false;
    $("who").hidden = $("logout").hidden = false;
    $("who").textContent = "您好，" + who.name;
    // Volunteers teach classes; the help desk's pages (phone numbers) are for helpers and admins.
    var desk = role !== "volunteer";
    document.querySelectorAll("nav button").forEach(function (b) { b.hidden = !desk && b.dataset.view !== "classes" && b.dataset.view !== "account"; });
    document.querySelector('nav button[data-view="classes"]').hidden = role === "helper" || role === "author";
    document.querySelector('nav button[data-view="editor"]').hidden = role !== "author" && role !== "admin";
    adminViews.forEach(function (v) { document.querySelector('nav button[data-view="' + v + '"]').hidden = role !== "admin"; });
    if (!desk && view !== "account") choose("classes");
    else if (view === "editor" && role !== "author" && role !== "admin") choose("queue");
    else if (adminViews.indexOf(view) >= 0 && role !== "admin") choose("queue");
    if (editor) { editor = null; $("editor").textContent = ""; }  // another person's draft is not theirs
    Object.keys(accountPages).forEach(function (v) { $(v).textContent = ""; });  // nor another person's account pages
    accountPages = {};
    fetch("/api/guides").then(function (r) { return r.json(); }).then(function (list) {
      list.guides.forEach(function (g) { guides[g.id] = g; });
      refresh();
    });
    if (events) events.close();
    events = null;
    if (!desk) return;
    events = new EventSource("/api/console/events");
    events.addEventListener("change", refresh);
    // The stream ends when this login does (logged out elsewhere, a new password, the account disabled).
    events.addEventListener("error", function () {
      if (events && events.readyState === EventSource.CLOSED) api("GET", "/api/console/me").catch(onError);
    });
  }

  $("login").addEventListener("submit", function (e) {
    e.preventDefault();
    api("POST", "/api/console/login", { username: $("username").value, password: $("password").value })
      .then(showDesk)
      .catch(function (err) {
        $("login-error").textContent = err.status === 401 ? "用户名或密码不对。" : err.status === 403 ? err.message : "登录没成功：" + err.message;
      });
  });

  $("logout").addEventListener("click", function () {
    api("POST", "/api/console/logout").finally(function () { if (events) events.close(); showLogin(); });
  });

  var classes = null;  // the classes page, while it is shown
  var editor = null;   // 改指南, mounted once (a draft survives moving between pages)
  var accountPages = {};  // 我的账号 and the admins' pages (accounts.js), each mounted once, reloaded when chosen
  var adminViews = ["accounts", "people", "audit"];
  function choose(next) {
    view = next;
    document.querySelectorAll("nav button").forEach(function (o) { o.setAttribute("aria-pressed", String(o.dataset.view === view)); });
    ["queue", "history", "reports", "coview", "kiosks", "classes", "editor", "account"].concat(adminViews).forEach(function (v) { $(v).hidden = v !== view; });
    if (view !== "classes" && classes) { classes.stop(); classes = null; $("classes").textContent = ""; }
  }
  document.querySelectorAll("nav button").forEach(function (b) {
    b.addEventListener("click", function () {
      choose(b.dataset.view);
      if (accountPages[view]) accountPages[view].reload();
      refresh();
    });
  });

  // ---- Requests ------------------------------------------------------------------

  function contextLines(r) {
    var c = r.context || {}, g = guides[c.guide], lines = [];
    if (g) {
      var step = c.step && g.steps[c.step - 1];
      lines.push("在学：" + g.title + (c.step ? "，第 " + c.step + " 步" + (step ? "（" + step + "）" : "") : ""));
    } else {
      lines.push("从首页或设置里求助");
    }
    if (c.steps_done) lines.push("已经看过 " + c.steps_done + " 步");
    if (c.practice_misses) lines.push("练习时点错 " + c.practice_misses + " 次");
    var how = [];
    if (c.senior) how.push("老年人");
    if (c.screen_reader) how.push("用读屏软件（看不见屏幕）");
    how.push(c.lang === "zh-HK" ? "说粤语" : "说普通话");
    if (c.text_size && c.text_size !== "standard") how.push("大字");
    if (c.device && c.device.indexOf("kiosk:") === 0) {  // "kiosk:<id>|<place>"
      var kiosk = c.device.slice(6), bar = kiosk.indexOf("|");
      how.push("自助机：" + (bar >= 0 ? kiosk.slice(bar + 1) + "（" + kiosk.slice(0, bar) + "）" : kiosk));
    }
    else if (c.device) how.push("设备：" + ({ phone: "手机", "tablet or computer": "平板或电脑" }[c.device] || c.device));
    lines.push(how.join("，"));
    return lines;
  }

  var statusWords = { waiting: "等人接", accepted: "已接单", calling: "正在打电话", done: "已完成" };

  function requestCard(r, history) {
    var card = el("article", { class: "card" + (r.overdue ? " overdue" : ""), "aria-label": "求助 " + (r.phone || r.id) });
    var number = el("h3", {}, [el("span", { class: "phone", text: r.phone || "（号码已按规定删除）" })]);
    // Only the helper who has the request sees the whole number; 接单 shows it (and is recorded).
    if (r.phone_hidden) number.appendChild(el("span", { class: "hint", text: "接单后显示完整号码" }));
    card.appendChild(number);
    var tags = el("p");
    tags.appendChild(el("span", { class: "tag", text: statusWords[r.status] || r.status }));
    if (r.helper) tags.appendChild(el("span", { class: "tag", text: (r.mine ? "我" : r.helper) + " 在处理" }));
    if (r.returning_to_me) tags.appendChild(el("span", { class: "tag", text: "老朋友：您以前帮过 TA" }));
    else if (r.previous_helper) tags.appendChild(el("span", { class: "tag", text: "以前由 " + r.previous_helper + " 帮过" }));
    if (r.escalated) tags.appendChild(el("span", { class: "tag", text: "超时，请空闲的人接手" }));
    card.appendChild(tags);
    contextLines(r).forEach(function (line) { card.appendChild(el("p", { text: line })); });
    if (history) {
      card.appendChild(el("p", { text: "结果：" + r.outcome }));
      return card;
    }
    card.appendChild(el("p", { class: "when", text: (r.overdue ? "已超时！答应 " : "答应 ") + time(r.promised_at) + " 前回电" }));
    var row = el("div", { class: "row" });
    var act = function (key, label, fn, primary) {
      row.appendChild(el("button", { type: "button", class: primary ? "primary" : "", text: label, "data-keep": key + "-" + r.id, onclick: function () {
        fn().then(refresh).catch(function (err) { say("没成功：" + err.message); });
      } }));
    };
    if (!r.mine) {
      act("claim", r.helper ? "接手" : "接单", function () { return api("POST", "/api/console/requests/" + r.id + "/claim"); }, true);
    } else {
      var minutes = el("select", { "aria-label": "多少分钟内回电", "data-keep": "minutes-" + r.id });
      [5, 10, 15, 30, 60].forEach(function (m) { minutes.appendChild(el("option", { value: m, text: m + " 分钟内" })); });
      row.appendChild(minutes);
      act("promise", "答应回电时间", function () { return api("POST", "/api/console/requests/" + r.id + "/promise", { minutes: Number(minutes.value) }); });
      act("calling", "正在打电话", function () { return api("POST", "/api/console/requests/" + r.id + "/status", { status: "calling", outcome: "" }); });
      var outcome = el("textarea", { rows: 2, "aria-label": "结果（必填）", placeholder: "结果：比如“已帮她关掉免密支付”", "data-keep": "outcome-" + r.id });
      card.appendChild(row);
      card.appendChild(outcome);
      row = el("div", { class: "row" });
      act("done", "完成", function () {
        return api("POST", "/api/console/requests/" + r.id + "/status", { status: "done", outcome: outcome.value.trim() })
          .then(function () { outcome.value = ""; });  // sent: not a draft to keep
      }, true);
    }
    card.appendChild(row);
    return card;
  }

  // ---- Reports -------------------------------------------------------------------

  var kindWords = { step_wrong: "步骤不对", does_not_match: "和手机上不一样", screen_reader: "读屏软件用不了", other: "其他" };

  function reportCard(r) {
    var g = guides[r.guide];
    var card = el("article", { class: "card", "aria-label": "反馈 " + r.id });
    card.appendChild(el("h3", { text: (g ? g.title : r.guide) + " 第 " + r.step + " 步：" + (kindWords[r.kind] || r.kind) }));
    if (r.text) card.appendChild(el("p", { text: "“" + r.text + "”" }));
    card.appendChild(el("p", { text: (r.source === "helper" ? "帮忙的人报告" : "用户报告") + "，状态：" + ({ new: "新的，等回答", answered: "已回答", fixed: "已改好" }[r.status] || r.status) }));
    if (r.answer) card.appendChild(el("p", { text: "回答：" + r.answer }));
    var answer = el("textarea", { rows: 2, "aria-label": "回答", "data-keep": "answer-" + r.id });
    var row = el("div", { class: "row" });
    var author = role === "admin" || role === "author";
    if (author) row.appendChild(el("button", { type: "button", text: "在编辑器里改这一步", "data-keep": "edit-" + r.id, onclick: function () {
      choose("editor");
      refresh();
      editor.openStep({ id: r.id, guide: r.guide, step: r.step });
    } }));
    (author ? ["answered", "fixed"] : ["answered"]).forEach(function (status) {
      row.appendChild(el("button", { type: "button", text: status === "fixed" ? "已改好，回答" : "回答", "data-keep": status + "-" + r.id, onclick: function () {
        api("POST", "/api/console/reports/" + r.id + "/answer", { answer: answer.value.trim(), status: status })
          .then(function () { answer.value = ""; refresh(); }).catch(function (err) { say("没成功：" + err.message); });
      } }));
    });
    card.appendChild(answer);
    card.appendChild(row);
    return card;
  }

  // A helper reports a step from what a senior said on the phone.
  function reportForm() {
    var guide = el("select", { "aria-label": "哪个指南", "data-keep": "report-guide" });
    Object.keys(guides).forEach(function (id) { guide.appendChild(el("option", { value: id, text: guides[id].title })); });
    var step = el("select", { "aria-label": "第几步", "data-keep": "report-step" });
    var fillSteps = function () {
      step.textContent = "";
      (guides[guide.value] || { steps: [] }).steps.forEach(function (t, i) { step.appendChild(el("option", { value: i + 1, text: "第 " + (i + 1) + " 步：" + t })); });
    };
    guide.addEventListener("change", fillSteps);
    fillSteps();
    var kind = el("select", { "aria-label": "什么问题", "data-keep": "report-kind" });
    Object.keys(kindWords).forEach(function (k) { kind.appendChild(el("option", { value: k, text: kindWords[k] })); });
    var text = el("textarea", { rows: 2, "aria-label": "说明", "data-keep": "report-text" });
    var form = el("form", { class: "card", "aria-label": "报告一个问题" }, [el("h3", { text: "报告一个问题" }), guide, step, kind, text,
      el("div", { class: "row" }, [el("button", { type: "submit", class: "primary", text: "发送报告", "data-keep": "report-send" })])]);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      api("POST", "/api/console/reports", { guide: guide.value, step: Number(step.value), kind: kind.value, text: text.value.trim() })
        .then(function () { text.value = ""; say("报告已发送。"); refresh(); }).catch(function (err) { say("没成功：" + err.message); });
    });
    return form;
  }

  // ---- Refresh -------------------------------------------------------------------

  // A kiosk: where it is, whether it called in lately, and today's requests from it.
  function kioskCard(k) {
    var card = el("article", { class: "card" + (k.online ? "" : " overdue") });
    card.appendChild(el("h3", { text: "自助机：" + k.place }));
    card.appendChild(el("p", { text: (k.online ? "在线" : "离线") + (k.last_seen ? "，最后联系 " + time(k.last_seen) : "，还没联系过") }));
    card.appendChild(el("p", { text: "今天的求助：" + k.requests_today }));
    return card;
  }

  // A refresh draws the list again. What a helper was typing or choosing, and where the
  // keyboard was, are carried over (elements with data-keep): on a busy desk the list changes
  // every few seconds, and a half-written outcome must not be lost. `first` goes on top.
  function fill(id, items, make, empty, first) {
    var box = $(id);
    var kept = keepDrafts(box);
    box.textContent = "";
    if (first) box.appendChild(first);
    if (!items.length) box.appendChild(el("p", { text: empty }));
    items.forEach(function (it) { box.appendChild(make(it)); });
    restoreDrafts(box, kept);
  }

  function keepDrafts(box) {
    var kept = { values: {}, focus: null, start: 0, end: 0 };
    box.querySelectorAll("textarea[data-keep], select[data-keep], input[data-keep]").forEach(function (e) { kept.values[e.dataset.keep] = e.value; });
    var a = document.activeElement;
    if (a && box.contains(a) && a.dataset.keep) {
      kept.focus = a.dataset.keep;
      if (a.tagName === "TEXTAREA") { kept.start = a.selectionStart; kept.end = a.selectionEnd; }
    }
    return kept;
  }

  function restoreDrafts(box, kept) {
    box.querySelectorAll("textarea[data-keep], select[data-keep], input[data-keep]").forEach(function (e) {
      var v = kept.values[e.dataset.keep];
      if (v === undefined || e.value === v) return;
      e.value = v;
      if (e.tagName === "SELECT") e.dispatchEvent(new Event("change"));  // a chosen guide fills its steps before the step is set
    });
    var f = kept.focus && box.querySelector('[data-keep="' + kept.focus + '"]');
    if (!f) return;
    f.focus();
    if (f.tagName === "TEXTAREA") f.setSelectionRange(kept.start, kept.end);
  }

  function refresh() {
    if (view === "account" || adminViews.indexOf(view) >= 0) {  // never redrawn by the queue's refreshes: a form may be half filled
      if (!accountPages[view]) accountPages[view] = window.anxinAccounts[view]($(view), api, { me: me, describe: contextLines, onError: onError });
      return;
    }
    if (view === "classes") {  // waits on the server by itself; mounted once
      if (!classes) classes = window.anxinClasses.mount($("classes"), api, guides, role === "admin");
      return;
    }
    if (view === "editor") {  // a draft in progress is never redrawn by the queue's refreshes
      if (!editor) editor = window.anxinEditor.mount($("editor"), api, say);
      return;
    }
    if (view === "coview") {  // a screen being watched is never redrawn by the queue's refreshes
      if (!$("coview").firstChild) window.anxinCoView.mount($("coview"), {});
      return;
    }
    if (view === "kiosks") {
      api("GET", "/api/console/kiosks").then(function (j) {
        fill("kiosks", j.kiosks, kioskCard, "还没有自助机联系过。");
      }).catch(onError);
      return;
    }
    if (view === "queue") {
      api("GET", "/api/console/queue").then(function (j) {
        $("queue-count").textContent = "(" + j.total + ")";
        fill("queue", j.requests, function (r) { return requestCard(r, false); }, "现在没有人在等。");
        // The server lists the first ones in order (and my own): say how many more are waiting.
        if (j.total > j.requests.length)
          $("queue").appendChild(el("p", { text: "还有 " + (j.total - j.requests.length) + " 个在等，没有列出。先处理上面的，处理完会自动补上。" }));
      }).catch(onError);
    } else if (view === "history") {
      api("GET", "/api/console/history").then(function (j) {
        fill("history", j.requests, function (r) { return requestCard(r, true); }, "还没有记录。");
      }).catch(onError);
    } else {
      api("GET", "/api/console/reports").then(function (j) {
        fill("reports", j.reports, reportCard, "没有反馈。", reportForm());
      }).catch(onError);
    }
  }

  function onError(err) {
    if (err.status === 401) showLogin("您的登录已经结束（可能在别处退出、改了密码，或账号已停用）。请重新登录。");
    else say("刷新没成功：" + err.message);
  }

  api("GET", "/api/console/me").then(showDesk).catch(showLogin);
})();
