// Access keys that work alike in every browser: Alt+<key> activates the element whose
// accesskey is <key> (Chromium and Firefox differ in the modifiers they expect, and some
// headless and kiosk set-ups ignore accesskey). The page works without this script.
document.addEventListener("keydown", function (event) {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.key.length !== 1) {
    return;
  }
  var key = event.key.toLowerCase();
  var target = document.querySelector('[accesskey="' + key + '"]');
  if (target && !target.disabled) {
    event.preventDefault();
    target.click();
  }
});
