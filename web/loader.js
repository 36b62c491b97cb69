// Loads the app: checks the browser can run it, shows download progress over
// the wasm and the data file (content + font), and shows a clear message when
// something is missing. The app talks back through window.anxinShell.
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var progress = { wasm: [0, 0], data: [0, 0] };

  function showProgress() {
    var done = progress.wasm[0] + progress.data[0];
    var total = progress.wasm[1] + progress.data[1];
    if (!total) return;
    var pct = Math.min(100, Math.floor((100 * done) / total));
    $("loading-bar").style.width = pct + "%";
    $("loading-percent").textContent = pct + "%";
  }

  var shell = window.anxinShell = {
    ready: function () { $("loading").hidden = true; },
    fail: function (text) {
      $("loading").hidden = true;
      $("problem-text").textContent = text;
      $("problem").hidden = false;
      $("problem-retry").focus();
    },
    contextLost: function (lost) { $("context-lost").hidden = !lost; }
  };
  $("problem-retry").addEventListener("click", function () { window.location.reload(); });

  // ---- Can this browser run the app? ----
  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
    shell.fail("这个浏览器太旧了，不能运行安心（不支持 WebAssembly）。请换用新版的 Chrome、Edge、Firefox 或 Safari。");
    return;
  }
  // Asked on the app's own canvas with the app's attributes: the app then gets this very
  // context (a canvas has one), instead of the browser setting up WebGL twice.
  var probe = $("canvas").getContext("webgl2", { alpha: false, antialias: false, depth: false, stencil: false });
  if (!probe) {
    shell.fail("这台设备的浏览器不能显示图形（WebGL2 不可用）。请换用新版的 Chrome、Edge、Firefox 或 Safari，或打开浏览器的“硬件加速”。");
    return;
  }

  // ---- Emscripten module configuration ----
  window.Module = {
    canvas: $("canvas"),
    // Data file progress arrives as "Downloading data... (done/total)".
    setStatus: function (text) {
      var m = /\((\d+(?:\.\d+)?)\/(\d+)\)/.exec(text || "");
      if (m) { progress.data = [Number(m[1]), Number(m[2])]; showProgress(); }
    },
    // Fetch the wasm ourselves to count its bytes for the progress bar, and still
    // compile it while it downloads (streaming), as fast as the default loader.
    instantiateWasm: function (imports, done) {
      fetch("anxin.wasm").then(function (response) {
        if (!response.ok) throw new Error("anxin.wasm: HTTP " + response.status);
        progress.wasm = [0, Number(response.headers.get("Content-Length")) || 0];
        var counted = response.body.pipeThrough(new TransformStream({
          transform: function (chunk, controller) {
            progress.wasm[0] += chunk.length;
            showProgress();
            controller.enqueue(chunk);
          }
        }));
        var stream = new Response(counted, { headers: { "Content-Type": "application/wasm" } });
        if (WebAssembly.instantiateStreaming) return WebAssembly.instantiateStreaming(stream, imports);
        return stream.arrayBuffer().then(function (bytes) { return WebAssembly.instantiate(bytes, imports); });
      }).then(function (result) {
        done(result.instance, result.module);
      }).catch(function (err) {
        console.error(err);
        shell.fail("网络不太好，安心没有下载完整。请检查网络后点“再试一次”。");
      });
      return {};
    },
    onAbort: function (what) {
      console.error("anxin aborted:", what);
      shell.fail("安心出了点问题，请点“再试一次”。");
    },
    printErr: function (text) { console.warn(text); }
  };

  // A new device pixel ratio (moved to another screen, browser zoom) means re-rasterising text.
  function watchPixelRatio() {
    var mq = window.matchMedia("(resolution: " + window.devicePixelRatio + "dppx)");
    mq.addEventListener("change", function () {
      if (window.Module._anxin_request_frame) window.Module._anxin_request_frame();
      watchPixelRatio();
    }, { once: true });
  }
  watchPixelRatio();

  // Browsers list their voices late; remember once they have, so "no voice" can be told apart from "not yet".
  if ("speechSynthesis" in window) {
    window.speechSynthesis.addEventListener("voiceschanged", function () { window.anxinVoicesListed = true; });
    setTimeout(function () { window.anxinVoicesListed = true; }, 3000);  // none listed by now: none there
  }

  var script = document.createElement("script");
  script.src = "anxin.js";
  script.onerror = function () { shell.fail("网络不太好，安心没有下载完整。请检查网络后点“再试一次”。"); };
  document.body.appendChild(script);
})();
