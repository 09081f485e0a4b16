// Kiosk mode: back to the start screen after a while without a touch, a key or a scan.
(function () {
  "use strict";
  var body = document.body;
  var seconds = parseInt(body.getAttribute("data-idle-seconds"), 10) || 90;
  var start = body.getAttribute("data-start-url") || "/kiosk/";
  var timer = null;
  function reset() {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(function () {
      if (window.location.pathname !== start) { window.location.assign(start); }
    }, seconds * 1000);
  }
  ["pointerdown", "keydown", "input", "touchstart"].forEach(function (name) {
    document.addEventListener(name, reset, { passive: true });
  });
  reset();
})();
