/* The phone menu (issue 15): below 640 px the main menu folds behind a "Menu" button.
   Loaded right after the header, so the menu is folded before the page paints. Without
   scripts the button stays hidden and the menu wraps onto lines; every link stays
   reachable either way. */
(function () {
  "use strict";
  var bar = document.querySelector("header.topbar");
  var button = bar ? bar.querySelector(".menu-toggle") : null;
  if (!button) { return; }
  function setOpen(open) {
    bar.classList.toggle("menu-open", open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }
  bar.classList.add("collapsible");
  button.hidden = false;
  button.addEventListener("click", function () {
    setOpen(!bar.classList.contains("menu-open"));
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && bar.classList.contains("menu-open")) {
      setOpen(false);
      button.focus();
    }
  });
})();
