// Accounts and records in the console: 我的账号 (anyone changes their own password);
// for admins 账号管理 (add, disable, enable, reset a password), 查找资料 (a person's
// requests by phone number, deleted on their request after a confirm step) and 操作记录
// (the audit log). Each page is mounted once: mount(box, api, opts) → {reload}.
// opts: {me: {id, username, role}, describe: request → lines, onError: err (401 → login)}.
(function () {
  "use strict";
  var el = window.anxinDom.el;

  var roleWords = { helper: "帮忙的人", author: "帮忙的人，也改指南", admin: "管理员", volunteer: "志愿者（只上课）" };

  function when(ms) {
    var d = new Date(ms), two = function (n) { return String(n).padStart(2, "0"); };
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate()) + " " + two(d.getHours()) + ":" + two(d.getMinutes());
  }

  // A labelled input: the label's text, then the field (labels wrap their inputs, as on the login form).
  function field(text, attrs) {
    var input = el("input", attrs);
    return { label: el("label", {}, [text + " ", input]), input: input };
  }

  // Where a form says what went wrong (read out at once), and where it says it worked.
  function messages() {
    return { alert: el("p", { role: "alert", class: "error" }), status: el("p", { role: "status", class: "ok" }) };
  }

  function heading(box, text) { box.appendChild(el("h2", { text: text })); }

  // ---- 我的账号 ----------------------------------------------------------------------

  function mine(box, api, opts) {
    heading(box, "我的账号");
    box.appendChild(el("p", { text: "登录名：" + opts.me.username + "，" + (roleWords[opts.me.role] || opts.me.role) }));
    var old = field("现在的密码", { type: "password", autocomplete: "current-password", required: "" });
    var next = field("新密码（至少 8 个字）", { type: "password", autocomplete: "new-password", required: "" });
    var again = field("再输一次新密码", { type: "password", autocomplete: "new-password", required: "" });
    var said = messages();
    var form = el("form", { class: "card", "aria-label": "改我的密码" }, [el("h3", { text: "改我的密码" }), old.label, next.label, again.label,
      el("div", { class: "row" }, [el("button", { type: "submit", class: "primary", text: "改密码" })]), said.alert, said.status]);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      said.alert.textContent = said.status.textContent = "";
      if (next.input.value.length < 8) { said.alert.textContent = "新密码至少要 8 个字。"; next.input.focus(); return; }
      if (next.input.value !== again.input.value) { said.alert.textContent = "两次输入的新密码不一样，请再输一次。"; again.input.focus(); return; }
      api("POST", "/api/console/password", { old: old.input.value, new: next.input.value }).then(function () {
        form.reset();
        said.status.textContent = "密码改好了。您在别的电脑上的登录已经结束。";
      }).catch(function (err) {
        if (err.status === 401) return opts.onError(err);
        said.alert.textContent = err.status === 403 ? "现在的密码不对，请再试一次。" : "没改成：" + err.message;
        (err.status === 403 ? old : next).input.focus();
      });
    });
    box.appendChild(form);
    return { reload: function () {} };
  }

  // ---- 账号管理 ----------------------------------------------------------------------

  function accounts(box, api, opts) {
    heading(box, "账号管理");
    var list = el("div", { "aria-label": "所有账号", role: "group" });
    var said = messages();
    box.appendChild(said.status);
    box.appendChild(said.alert);
    box.appendChild(list);
    box.appendChild(createForm());

    function done(text) {
      said.alert.textContent = "";
      said.status.textContent = text;
      reload();
    }
    function failed(err) {
      if (err.status === 401) return opts.onError(err);
      said.status.textContent = "";
      said.alert.textContent = "没成功：" + err.message;
    }

    function card(a) {
      var self = a.id === opts.me.id;
      var c = el("article", { class: "card" + (a.disabled ? " off" : ""), "aria-label": "账号 " + a.username });
      c.appendChild(el("h3", { text: a.name + "（" + a.username + "）" + (self ? " · 我自己" : "") }));
      c.appendChild(el("p", { text: (roleWords[a.role] || a.role) + " · " + (a.disabled ? "已停用" : "在用") }));
      var row = el("div", { class: "row" });
      var post = function (what, body, text) {
        return api("POST", "/api/console/accounts/" + a.id + "/" + what, body).then(function () { done(text); }).catch(failed);
      };
      if (a.disabled) row.appendChild(el("button", { type: "button", text: "重新启用", onclick: function () { post("enable", undefined, "已重新启用 " + a.username + "。"); } }));
      else if (!self) row.appendChild(el("button", { type: "button", text: "停用", onclick: function () { post("disable", undefined, "已停用 " + a.username + "，TA 的登录都已结束。"); } }));
      var reset = el("button", { type: "button", text: "重设密码", "aria-expanded": "false" });
      row.appendChild(reset);
      c.appendChild(row);
      // The new password is asked for here in the page, under the account's name.
      var pw = field("给 " + a.username + " 的新密码（至少 8 个字）", { type: "password", autocomplete: "new-password" });
      var ask = el("form", { class: "row", hidden: "" }, [pw.label, el("button", { type: "submit", class: "primary", text: "确定重设" }),
        el("button", { type: "button", text: "取消", onclick: function () { ask.hidden = true; reset.setAttribute("aria-expanded", "false"); reset.focus(); } })]);
      reset.addEventListener("click", function () {
        ask.hidden = !ask.hidden;
        reset.setAttribute("aria-expanded", String(!ask.hidden));
        if (!ask.hidden) pw.input.focus();
      });
      ask.addEventListener("submit", function (e) {
        e.preventDefault();
        if (pw.input.value.length < 8) { said.status.textContent = ""; said.alert.textContent = "新密码至少要 8 个字。"; pw.input.focus(); return; }
        post("password", { password: pw.input.value }, "已重设 " + a.username + " 的密码，TA 要用新密码重新登录。");
      });
      c.appendChild(ask);
      return c;
    }

    function createForm() {
      var user = field("登录名（小写字母、数字、. _ -）", { autocomplete: "off", required: "", maxlength: "32" });
      var name = field("名字（老人会看到）", { autocomplete: "off", required: "", maxlength: "16" });
      var role = el("select", {});
      Object.keys(roleWords).forEach(function (r) { role.appendChild(el("option", { value: r, text: roleWords[r] })); });
      var pw = field("初始密码（至少 8 个字）", { type: "password", autocomplete: "new-password", required: "" });
      var own = messages();
      var form = el("form", { class: "card", "aria-label": "添加账号" }, [el("h3", { text: "添加账号" }), user.label, name.label,
        el("label", {}, ["角色 ", role]), pw.label, el("div", { class: "row" }, [el("button", { type: "submit", class: "primary", text: "添加账号" })]),
        own.alert, own.status]);
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        own.alert.textContent = own.status.textContent = "";
        var body = { username: user.input.value.trim(), name: name.input.value.trim(), role: role.value, password: pw.input.value };
        if (!/^[a-z0-9._-]{1,32}$/.test(body.username)) { own.alert.textContent = "登录名只能用小写字母、数字和 . _ -，最多 32 个。"; user.input.focus(); return; }
        if (body.password.length < 8) { own.alert.textContent = "初始密码至少要 8 个字。"; pw.input.focus(); return; }
        api("POST", "/api/console/accounts", body).then(function (a) {
          form.reset();
          own.status.textContent = "已添加：" + a.name + "（登录名 " + a.username + "）。";
          reload();
        }).catch(function (err) {
          if (err.status === 401) return opts.onError(err);
          own.alert.textContent = err.status === 409 ? "这个登录名已经有人用了。" : "没添加成：" + err.message;
        });
      });
      return form;
    }

    function reload() {
      api("GET", "/api/console/accounts").then(function (j) {
        list.textContent = "";
        j.accounts.forEach(function (a) { list.appendChild(card(a)); });
      }).catch(failed);
    }
    reload();
    return { reload: reload };
  }

  // ---- 查找资料 ----------------------------------------------------------------------

  var statusWords = { waiting: "等人接", accepted: "已接单", calling: "正在打电话", done: "已完成" };

  function people(box, api, opts) {
    heading(box, "查找或删除某人的资料");
    box.appendChild(el("p", { text: "有人要求看或删除自己的资料时用。每次查找和删除都会记在操作记录里。" }));
    var phone = field("电话号码", { inputmode: "numeric", autocomplete: "off", required: "", maxlength: "20" });
    var said = messages();
    var results = el("div", { "aria-live": "polite" });
    var form = el("form", { class: "card", "aria-label": "查找或删除某人的资料" }, [phone.label,
      el("div", { class: "row" }, [el("button", { type: "submit", class: "primary", text: "查找" })]), said.alert, said.status]);
    box.appendChild(form);
    box.appendChild(results);

    function failed(err) {
      if (err.status === 401) return opts.onError(err);
      said.alert.textContent = "没成功：" + err.message;
    }

    function show(number, list) {
      results.textContent = "";
      results.appendChild(el("h3", { text: number + "：" + (list.length ? list.length + " 条求助" : "没有找到求助") }));
      list.forEach(function (r) {
        var c = el("article", { class: "card", "aria-label": "求助 " + r.id });
        c.appendChild(el("p", { text: when(r.created_at) + " · " + (statusWords[r.status] || r.status) + (r.helper ? " · " + r.helper + " 处理" : "") }));
        opts.describe(r).forEach(function (line) { c.appendChild(el("p", { text: line })); });
        if (r.outcome) c.appendChild(el("p", { text: "结果：" + r.outcome }));
        results.appendChild(c);
      });
      if (!list.length) return;
      // Deleting takes two steps: 删除这些资料, then 确定删除.
      var confirmBox = el("div", { class: "card warn", hidden: "" });
      var ask = el("button", { type: "button", text: "删除这些资料", onclick: function () {
        confirmBox.hidden = false;
        ask.hidden = true;
        yes.focus();
      } });
      var yes = el("button", { type: "button", class: "primary", text: "确定删除", onclick: function () {
        api("POST", "/api/console/people/delete", { phone: number }).then(function (j) {
          results.textContent = "";
          said.status.textContent = "已删除 " + j.deleted + " 条求助里的号码、情况和结果。";
          phone.input.focus();
        }).catch(failed);
      } });
      var no = el("button", { type: "button", text: "不删了", onclick: function () { confirmBox.hidden = true; ask.hidden = false; ask.focus(); } });
      confirmBox.appendChild(el("p", { text: "确定要删除 " + number + " 的 " + list.length + " 条求助里的号码、情况和结果吗？删除后不能恢复。" }));
      confirmBox.appendChild(el("div", { class: "row" }, [yes, no]));
      results.appendChild(el("div", { class: "row" }, [ask]));
      results.appendChild(confirmBox);
    }

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      said.alert.textContent = said.status.textContent = "";
      var number = phone.input.value.replace(/[\s-]/g, "");
      if (!/^\d{5,20}$/.test(number)) { said.alert.textContent = "电话号码是 5 到 20 个数字。"; phone.input.focus(); return; }
      api("GET", "/api/console/people?phone=" + encodeURIComponent(number)).then(function (j) { show(number, j.requests); }).catch(failed);
    });
    return { reload: function () {} };  // looked up only when asked: every look is recorded
  }

  // ---- 操作记录 ----------------------------------------------------------------------

  function audit(box, api, opts) {
    heading(box, "操作记录");
    box.appendChild(el("p", { text: "谁看了哪个号码，谁改了什么。最新的在最上面。" }));
    box.appendChild(el("div", { class: "row" }, [el("button", { type: "button", text: "刷新", onclick: function () { reload(); } })]));
    var table = el("table", { class: "log" });
    box.appendChild(table);
    function reload() {
      api("GET", "/api/console/audit?limit=200").then(function (j) {
        table.textContent = "";
        table.appendChild(el("caption", { text: "最近 " + j.entries.length + " 条操作" }));
        table.appendChild(el("thead", {}, [el("tr", {}, ["时间", "谁", "做了什么", "对象"].map(function (t) { return el("th", { scope: "col", text: t }); }))]));
        var body = el("tbody");
        j.entries.forEach(function (e) {
          body.appendChild(el("tr", {}, [when(e.at), e.helper, e.action, e.subject].map(function (t) { return el("td", { text: t }); })));
        });
        table.appendChild(body);
      }).catch(function (err) { if (err.status === 401) opts.onError(err); });
    }
    reload();
    return { reload: reload };
  }

  window.anxinAccounts = { account: mine, accounts: accounts, people: people, audit: audit };
})();
