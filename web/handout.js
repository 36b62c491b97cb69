// 打印讲义: a guide as a large-print A4 handout. The app drew every picture (each step's
// phone, as the guide shows it, and a QR code that opens the guide) and the page captured
// them from the canvas; the words come from the guide (src/core/handout.cpp). Printed from
// the browser (or saved as PDF); handout.css holds the print layout.
(function () {
  "use strict";

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text) e.textContent = text;
    return e;
  }

  function picture(src, alt, className) {
    var img = el("img", className);
    img.src = src;
    img.alt = alt;
    return img;
  }

  function stepSection(step, src) {
    var section = el("section", "step");
    var words = el("div", "words");
    words.appendChild(el("h2", "", step.heading));
    words.appendChild(el("p", "", step.text));
    if (step.warning) words.appendChild(el("p", "warning", step.warning));
    step.terms.forEach(function (t) { words.appendChild(el("p", "term", t)); });
    step.tips.forEach(function (t) { words.appendChild(el("p", "tip", t)); });
    section.appendChild(words);
    if (step.picture && src) section.appendChild(picture(src, step.picture, "phone"));
    return section;
  }

  // doc: the JSON from handout_document(); pictures[i]: step i's picture (a PNG data
  // address), pictures[steps.length]: the QR code; fontUrl: the app's own font, if read.
  function show(doc, pictures, fontUrl) {
    document.title = doc.title;
    if (fontUrl) {
      var face = el("style");
      face.textContent = '@font-face { font-family: "Anxin SC"; src: url(' + fontUrl + ') format("opentype"); }';
      document.head.appendChild(face);
    }
    var main = el("main", "handout");
    main.id = "handout";
    main.lang = doc.lang;

    var tools = el("div", "handout-tools");
    var print = el("button", "", doc.print);
    print.type = "button";
    print.addEventListener("click", function () { window.print(); });
    tools.appendChild(print);
    main.appendChild(tools);

    var intro = el("header", "intro");
    var about = el("div", "words");
    var h1 = el("h1", "", doc.title);
    h1.tabIndex = -1;
    about.appendChild(h1);
    about.appendChild(el("p", "", doc.summary));
    about.appendChild(el("p", "tip", doc.app_note));
    intro.appendChild(about);
    var qr = el("figure", "qr");
    var qrSrc = pictures[doc.steps.length];
    if (qrSrc) qr.appendChild(picture(qrSrc, doc.qr_name, ""));
    qr.appendChild(el("figcaption", "", doc.qr));
    intro.appendChild(qr);
    main.appendChild(intro);

    doc.steps.forEach(function (step, i) { main.appendChild(stepSection(step, pictures[i])); });
    document.body.appendChild(main);
    document.body.classList.add("handout-page");
    var sheet = el("link");
    sheet.rel = "stylesheet";
    sheet.href = "handout.css";
    sheet.onload = function () { h1.focus(); main.dataset.ready = "1"; };
    document.head.appendChild(sheet);
  }

  window.anxinHandout = { show: show };
})();
