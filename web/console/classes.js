// Workshop classes, the volunteer's side: 开课 with a guide → a 6-digit code (huge, for
// the projector) and the presenter view to open on the projector; the class's step,
// moved with the buttons or a presentation clicker (PageDown / PageUp); and the room:
// each senior's nickname, step, practice misses, who finished, raised hands (oldest
// first, with how long) and 已处理. The dashboard waits on the server for changes.
(function () {
  "use strict";

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function minutes(ms) {
    var m = Math.floor(ms / 60000);
    return m < 1 ? "刚刚" : m + " 分钟";
  }

  // api(method, path, body) → Promise of JSON (the console's, with its CSRF token);
  // guides: {id: {title, steps: [titles]}}.
  // An admin adds volunteers' accounts here (volunteers only run classes).
  function volunteerForm(api) {
    var form = el("form", { class: "volunteer-add", "aria-labelledby": "volunteer-add-title" });
    form.appendChild(el("h2", { id: "volunteer-add-title" }, "添加志愿者账号"));
    var fields = {};
    [["username", "登录名（字母或数字）", "text", "off"], ["name", "学员看到的称呼", "text", "off"], ["password", "密码（至少 8 位）", "password", "new-password"]]
      .forEach(function (f) {
        var label = el("label", {}, f[1] + " ");
        fields[f[0]] = el("input", { type: f[2], id: "volunteer-" + f[0], autocomplete: f[3], required: "" });
        label.appendChild(fields[f[0]]);
        form.appendChild(label);
      });
    form.appendChild(el("button", { type: "submit" }, "添加"));
    var said = el("p", { role: "status" });
    form.appendChild(said);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      api("POST", "/api/console/accounts", { username: fields.username.value.trim(), name: fields.name.value.trim(), password: fields.password.value,
                                             role: "volunteer" })
        .then(function (v) {
          said.textContent = "已添加：" + v.name + "（登录名 " + v.username + "）";
          form.reset();
        })
        .catch(function (err) {
          said.textContent = "没添加成：" + (err.status === 409 ? "这个登录名已经有人用了。"
            : err.status === 400 ? "登录名要 1 到 32 个小写字母或数字，称呼 1 到 16 个字，密码至少 8 位。"
            : err.status === 403 ? "只有管理员能添加志愿者。" : err.message);
        });
    });
    return form;
  }

  function mount(box, api, guides, isAdmin) {
    var running = null;  // the class shown: {id, code, guide, steps}
    var loop = 0;        // bumps to stop an old waiting loop

    function startForm() {
      running = null;
      ++loop;
      box.textContent = "";
      var form = el("form", { class: "class-start" });
      var pick = el("select", { id: "class-guide" });
      Object.keys(guides).forEach(function (id) { pick.appendChild(el("option", { value: id }, guides[id].title)); });
      var label = el("label", {}, "今天教 ");
      label.appendChild(pick);
      form.appendChild(label);
      form.appendChild(el("button", { type: "submit", class: "primary" }, "开课"));
      // 打印讲义: the app lays the chosen guide out for A4, large print, in a new tab.
      var handout = el("a", { href: "/#handout=" + pick.value, target: "_blank", rel: "noopener", class: "button", id: "class-handout" }, "打印讲义");
      pick.addEventListener("change", function () { handout.href = "/#handout=" + pick.value; });
      form.appendChild(handout);
      var error = el("p", { class: "error", role: "alert" });
      form.appendChild(error);
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        api("POST", "/api/console/classes", { guide: pick.value }).then(show).catch(function (err) { error.textContent = "没开成：" + err.message; });
      });
      box.appendChild(form);
      if (isAdmin) box.appendChild(volunteerForm(api));
    }

    function show(c) {
      running = c;
      box.textContent = "";
      var g = guides[c.guide] || { title: c.guide, steps: [] };
      box.appendChild(el("h2", {}, "正在上课：" + g.title));
      var code = el("p", { class: "class-code", "aria-label": "课堂号 " + c.code.split("").join(" ") }, c.code.slice(0, 3) + " " + c.code.slice(3));
      box.appendChild(code);
      var present = el("a", { href: "/#present=" + c.id, target: "_blank", rel: "noopener", class: "button primary", id: "class-present" }, "打开投影画面");
      box.appendChild(el("p", {}, "请学员在安心里点“参加课堂”，输入上面的 6 位数字，或扫投影画面上的二维码。"));
      box.appendChild(present);
      box.appendChild(el("a", { href: "/#handout=" + c.guide, target: "_blank", rel: "noopener", class: "button" }, "打印讲义"));
      var step = el("p", { class: "class-step", id: "class-step", "aria-live": "polite" });
      var prev = el("button", { type: "button", id: "class-prev" }, "上一步");
      var next = el("button", { type: "button", id: "class-next", class: "primary" }, "下一步");
      var end = el("button", { type: "button", id: "class-end" }, "结束课堂");
      var row = el("div", { class: "row" });
      [prev, next, end].forEach(function (b) { row.appendChild(b); });
      box.appendChild(step);
      box.appendChild(row);
      var people = el("section", { id: "class-people", "aria-label": "学员" });
      box.appendChild(people);
      var current = c.step || 0;
      function go(to) {
        if (to < 0 || to >= c.steps) return;
        api("POST", "/api/console/classes/" + c.id + "/step", { step: to }).catch(function (err) { step.textContent = "没翻过去：" + err.message; });
      }
      prev.addEventListener("click", function () { go(current - 1); });
      next.addEventListener("click", function () { go(current + 1); });
      end.addEventListener("click", function () {
        if (!window.confirm("结束这堂课？学员的手机会显示“这堂课结束了”。")) return;
        api("POST", "/api/console/classes/" + c.id + "/end").then(startForm).catch(function (err) { step.textContent = err.message; });
      });
      // A presentation clicker sends PageDown / PageUp to the page that has focus.
      box.onkeydown = function (e) {
        if (e.target.tagName === "INPUT" || e.target.tagName === "SELECT") return;
        if (e.key === "PageDown") { e.preventDefault(); go(current + 1); }
        if (e.key === "PageUp") { e.preventDefault(); go(current - 1); }
      };

      function render(d) {
        current = d.step;
        step.textContent = "第 " + (d.step + 1) + " / " + d.steps + " 步：" + (g.steps[d.step] || "");
        prev.disabled = d.step === 0;
        next.disabled = d.step + 1 >= d.steps;
        people.textContent = "";
        var list = d.participants.slice().sort(function (a, b) {  // raised hands first, the longest waiting first
          return (b.hand_ms === null ? -1 : b.hand_ms) - (a.hand_ms === null ? -1 : a.hand_ms) || a.number - b.number;
        });
        people.appendChild(el("h3", {}, "学员（" + list.length + " 人）"));
        if (!list.length) people.appendChild(el("p", {}, "还没有人进来。"));
        list.forEach(function (p) {
          var name = p.nickname || "学员 " + p.number;
          var card = el("article", { class: "card" + (p.hand_ms !== null ? " overdue" : ""), "data-number": String(p.number) });
          var line = [name, p.finished ? "学完了" : "第 " + (p.step + 1) + " 步"];
          if (p.hand_ms !== null) line.push("举手 " + minutes(p.hand_ms));
          card.appendChild(el("h4", {}, line.join(" · ")));
          var more = [];
          if (p.misses) more.push("练习点错 " + p.misses + " 次");
          if (!p.following && !p.finished) more.push("自己在走");
          if (p.seen_ms > 60000) more.push("一分多钟没联系了");
          if (more.length) card.appendChild(el("p", {}, more.join("，")));
          if (p.hand_ms !== null) {
            var done = el("button", { type: "button", class: "primary" }, "已处理");
            done.addEventListener("click", function () { api("POST", "/api/console/classes/" + c.id + "/handled", { number: p.number }); });
            card.appendChild(done);
          }
          people.appendChild(card);
        });
      }

      // Wait on the server for each change; on an error, wait a little and ask again.
      var mine = ++loop, since = 0;
      (function wait() {
        if (mine !== loop) return;
        api("GET", "/api/console/classes/" + c.id + "?since=" + since).then(function (d) {
          if (mine !== loop) return;
          since = d.activity;
          render(d);
          if (d.ended) return startForm();
          wait();
        }).catch(function (err) {
          if (mine !== loop) return;
          if (err.status === 404) return startForm();
          step.textContent = "连接断了，正在重新连接…";
          setTimeout(wait, 2000);
        });
      })();
    }

    // A class this volunteer already runs (after a reload) is shown again.
    api("GET", "/api/console/classes").then(function (j) {
      if (j.classes.length) show(j.classes[0]); else startForm();
    }).catch(startForm);
    return { stop: function () { ++loop; } };
  }

  window.anxinClasses = { mount: mount };
})();
