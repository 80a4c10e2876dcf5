// The theme suggestions in the signal form (learning/suggestions): a suggestion's button ticks its theme
// here on the page instead of submitting the form. Only on a click: nothing is ticked by itself.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-tick-theme]");
  if (!button || !button.form) return;
  const box = button.form.querySelector(`input[name="themes"][value="${button.dataset.tickTheme}"]`);
  if (!box) return; // not offered in this form: let the button submit
  event.preventDefault();
  box.checked = true;
  box.dispatchEvent(new Event("change", { bubbles: true })); // the picker counts it (theme-picker.js)
  const group = box.closest("details");
  if (group) group.open = true; // the ticked theme in sight, as the page shows it after a reload
  button.setAttribute("aria-pressed", "true");
  const status = document.querySelector("#thema-voorstellen [data-tick-status]");
  const label = box.labels && box.labels[0] ? box.labels[0].textContent.trim() : "";
  if (status) status.textContent = button.form.dataset.tickedText.replace("%s", label);
});
