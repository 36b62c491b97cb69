// The console pages' one way to make an element: el("button", {type: "button", text: "回答",
// onclick: f, "aria-label": …}, [children]). Children are elements or text; "text" sets the
// text, "class" the class, "on…" adds a listener, anything else is an attribute.
(function () {
  "use strict";
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k];
      else if (k === "class") e.className = attrs[k];
      else if (k.indexOf("on") === 0) e.addEventListener(k.slice(2), attrs[k]);
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }
  window.anxinDom = { el: el };
})();
