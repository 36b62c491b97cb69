// "看着我的屏幕教我", the viewer's side: enter the code the senior reads out, wait for
// their 好的, then see a live replica of their screen, drawn from the semantics tree
// the app streams (the same nodes its screen reader mirror gets: role, name, rect —
// never pixels), and point at things. Used by the console and by view.html (family).
(function () {
  "use strict";

  var joinErrors = {
    400: "号码是 6 位数字。", 404: "没有找到这个号码，请让对方再念一次。",
    410: "这个号码已经过期或者用过了，请让对方重新要一个。", 429: "试得太多了，请过一分钟再试。", 409: "这个屏幕已经有人在看了。",
  };
  var endings = {
    refused: "对方没有同意，什么也没有看到。", viewer: "已经结束。", app: "对方结束了。",
    time: "时间到了，已经结束。", closed: "对方关掉了安心，已经结束。", lost: "连接断了，已经结束。",
  };

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function post(path, body) {
    return fetch(path, { method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json" },
                         body: JSON.stringify(body || {}) })
      .then(function (r) { return r.json().catch(function () { return {}; }).then(function (j) { return { status: r.status, body: j }; }); });
  }

  // options.askName: family members say who they are (helpers are named by their account).
  function mount(box, options) {
    options = options || {};
    box.textContent = "";
    var form = el("form", { class: "coview-join" });
    form.appendChild(el("p", {}, "请对方在安心里点“找人帮忙” → “让对方看我的屏幕”，再把屏幕上的 6 位数字念给您。"));
    var code = el("input", { id: "coview-code", inputmode: "numeric", maxlength: "6", autocomplete: "off", pattern: "[0-9]{6}", required: "" });
    var codeLabel = el("label", {}, "对方念的 6 位数字 ");
    codeLabel.appendChild(code);
    form.appendChild(codeLabel);
    var name = null;
    if (options.askName) {
      name = el("input", { id: "coview-name", maxlength: "12", required: "" });
      var nameLabel = el("label", {}, "您的称呼（对方会看到“小芳想看您的屏幕”）");
      nameLabel.appendChild(name);
      form.appendChild(nameLabel);
    }
    form.appendChild(el("button", { type: "submit", class: "primary" }, "连接"));
    var status = el("p", { id: "coview-status", role: "status", "aria-live": "polite" });
    var about = el("h3", { id: "coview-about" });
    var frame = el("div", { id: "coview-replica", class: "replica", role: "group", "aria-label": "对方的屏幕" });
    var end = el("button", { type: "button", id: "coview-end" }, "结束看屏幕");
    end.hidden = true;
    frame.hidden = true;
    box.appendChild(form);
    box.appendChild(status);
    box.appendChild(about);
    box.appendChild(frame);
    box.appendChild(end);

    var viewer = "", source = null, nodes = new Map(), order = [], viewport = [360, 640];
    var say = function (text) { status.textContent = text; };

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      say("正在连接…");
      post("/api/coview/join", { code: code.value.trim(), name: name ? name.value.trim() : "" }).then(function (r) {
        if (r.status !== 201) {
          var badName = r.status === 400 && /name/.test(r.body.error || "");
          say(badName ? "称呼请写短一点（最多 12 个字），不要用 < > & 这样的符号。" : joinErrors[r.status] || ("没连上：" + (r.body.error || r.status)));
          return;
        }
        viewer = r.body.viewer;
        form.hidden = true;
        end.hidden = false;
        say("已经连上。等对方在手机上点“好的”……");
        listen();
      }).catch(function () { say("连不上帮助服务器。"); });
    });

    end.addEventListener("click", function () {
      post("/api/coview/view/" + viewer + "/end").then(function () { finish("viewer"); });
    });

    function finish(why) {
      if (source) source.close();
      source = null;
      nodes.clear();
      order = [];
      frame.textContent = "";
      frame.hidden = true;
      about.textContent = "";
      end.hidden = true;
      say(endings[why] || endings.viewer);
    }

    function listen() {
      source = new EventSource("/api/coview/view/" + viewer + "/events");
      // A stream that cannot be (re)opened: the session is gone (ended and forgotten, or the server restarted).
      source.onerror = function () { if (source && source.readyState === EventSource.CLOSED) finish("lost"); };
      source.addEventListener("state", function (e) {
        var s = JSON.parse(e.data);
        if (s.state === "live") say("正在看对方的屏幕。点一下上面的东西，对方的屏幕上就会圈出来。");
        if (s.state === "ended") finish(s.why);
      });
      source.addEventListener("snapshot", function (e) {
        var s = JSON.parse(e.data);
        nodes.clear();
        order = [];
        s.nodes.forEach(function (n) { nodes.set(n.id, n); order.push(n.id); });
        show(s.context);
      });
      source.addEventListener("update", function (e) {
        var u = JSON.parse(e.data), d = u.diff;
        if (d.reset) { nodes.clear(); order = []; }
        (d.remove || []).forEach(function (id) { nodes.delete(id); order = order.filter(function (x) { return x !== id; }); });
        (d.add || []).concat(d.update || []).forEach(function (n) { if (!nodes.has(n.id)) order.push(n.id); nodes.set(n.id, n); });
        show(u.context);
      });
    }

    // The replica: each node where the senior's screen has it, scaled to fit.
    function show(context) {
      context = context || {};
      if (context.viewport) viewport = context.viewport;
      about.textContent = context.guide ? context.guide + " · 第 " + context.step + " 步 / 共 " + context.steps + " 步" : "";
      var room = Math.min(420, box.clientWidth - 20);  // the frame has 10 px borders
      var scale = Math.min(1, room / viewport[0]);
      frame.hidden = false;
      frame.style.width = viewport[0] * scale + "px";
      frame.style.height = viewport[1] * scale + "px";
      frame.textContent = "";
      order.forEach(function (id) {
        var n = nodes.get(id);
        if (!n || n.role === "main" || n.role === "dialog") return;
        var pressable = n.actions && n.actions.length > 0;
        var e = el(pressable ? "button" : "div", { class: "node " + n.role, "data-id": String(n.id) }, n.name);
        if (pressable) {
          e.type = "button";
          e.setAttribute("aria-label", "指给对方看：" + n.name);
          e.addEventListener("click", function () { point(n); });
        }
        if (n.checked) e.classList.add("checked");
        // Scrolled partly under the senior's fixed bars: shown faintly, behind the bars' buttons.
        if (n.clipped) e.classList.add("clipped");
        var r = n.rect;
        e.style.left = r[0] * scale + "px";
        e.style.top = r[1] * scale + "px";
        e.style.width = r[2] * scale + "px";
        e.style.height = r[3] * scale + "px";
        if (n.fontPx) e.style.fontSize = n.fontPx * scale + "px";
        frame.appendChild(e);
      });
    }

    function point(n) {
      post("/api/coview/view/" + viewer + "/point", { id: n.id }).then(function (r) {
        say(r.status === 200 ? "已经圈给对方看：" + n.name : "没圈上：这个已经不在对方屏幕上了。");
      });
    }
  }

  window.anxinCoView = { mount: mount };
})();
