// The error summary above a form (templates/_error_summary.html) takes the focus when the page opens, so a
// keyboard or screen-reader user starts at the list of problems, each linking to its field (the GOV.UK
// pattern). A page opened at a fragment that is there (a guard button's #guard-...) stays where it is.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (!summary) return;
  const target = location.hash.length > 1 && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target) return;
  summary.focus();
});
