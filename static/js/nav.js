// The main menu (templates/base.html, docs/adr/0011-navigation.md). Without this file the menu still works:
// every group is a <details>, and on a phone the whole menu shows, stacked. With it, on a phone the menu
// folds behind the Menu button; one group is open at a time; Escape, a click elsewhere or leaving a group with
// Tab (on a wide screen) closes it.
(function () {
  "use strict";
  document.documentElement.classList.add("js-nav");
  var narrow = window.matchMedia("(max-width: 991.98px)");

  function groups() {
    return document.querySelectorAll(".site-nav details");
  }

  function closeGroups(except) {
    groups().forEach(function (group) {
      if (group !== except) group.open = false;
    });
  }

  function setUp() {
    var toggle = document.querySelector(".site-nav-toggle");
    var panel = document.getElementById("hoofdmenu");
    if (!toggle || !panel) return;

    function setOpen(open) {
      panel.classList.toggle("is-open", open);
      toggle.setAttribute("aria-expanded", String(open));
    }

    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    groups().forEach(function (group) {
      group.addEventListener("toggle", function () {
        if (group.open) closeGroups(group);
      });
      group.addEventListener("focusout", function (event) {
        if (!narrow.matches && event.relatedTarget && !group.contains(event.relatedTarget)) group.open = false;
      });
    });
    document.addEventListener("click", function (event) {
      if (!event.target.closest(".site-nav")) closeGroups(null);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      var open = document.querySelector(".site-nav details[open]");
      if (open) {
        open.open = false;
        open.querySelector("summary").focus();
      } else if (toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
