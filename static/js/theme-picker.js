// The theme picker (templates/signals/_theme_choices.html): the list narrows as the member types in the
// filter box, and the counts of ticked themes follow the boxes. The server does the same without
// JavaScript (signals/picker.py). A theme the filter leaves out is hidden, never unticked: it is still sent.
(() => {
  const PAUSE = 400; // ms after the last key before the number found is said

  // As signals.picker.searchable: without accents, in small letters.
  const searchable = (text) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

  const setUp = (picker) => {
    const box = picker.querySelector("[data-picker-filter]");
    const applied = picker.querySelector("[data-picker-applied]");
    const status = picker.querySelector("[data-picker-status]");
    const chosen = picker.querySelector("[data-picker-chosen]");
    const groups = [...picker.querySelectorAll("details.theme-group")];
    let timer;
    let filtering = Boolean(box && box.value.trim());

    const ticked = (element) => [...element.querySelectorAll("input[type=checkbox]:checked")];

    const counts = () => {
      for (const group of groups) {
        const n = ticked(group).length;
        group.querySelector("[data-ticked-count]").textContent = n ? picker.dataset.countText.replace("%s", n) : "";
      }
      const labels = ticked(picker).map((input) => input.labels[0].textContent.trim());
      chosen.textContent = labels.length ? picker.dataset.chosenText.replace("%s", labels.join(", ")) : picker.dataset.noneText;
    };

    const filter = () => {
      const words = searchable(box.value).split(/\s+/).filter(Boolean);
      applied.value = box.value.trim(); // what the page shows: saving now saves (signals.forms.SignalForm)
      if (words.length && !filtering) {
        for (const group of groups) group.dataset.wasOpen = group.open ? "1" : "";
      }
      let found = 0;
      for (const group of groups) {
        let matched = 0;
        for (const option of group.querySelectorAll("[data-theme-search]")) {
          const match = words.every((word) => option.dataset.themeSearch.includes(word));
          option.hidden = !match;
          matched += match;
        }
        found += matched;
        group.hidden = !matched;
        if (words.length) group.open = matched > 0;
        else if (filtering) group.open = group.dataset.wasOpen === "1" || ticked(group).length > 0;
      }
      filtering = words.length > 0;
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (!filtering) status.textContent = "";
        else if (!found) status.textContent = status.dataset.foundNone;
        else status.textContent = status.dataset[found === 1 ? "foundOne" : "foundOther"].replace("%s", found);
      }, PAUSE);
    };

    picker.addEventListener("change", (event) => {
      if (event.target.matches("input[type=checkbox]")) counts();
    });
    if (!box) return;
    picker.querySelector("[data-picker-filter-button]").hidden = true; // the list narrows by itself
    box.addEventListener("input", filter);
    box.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault(); // Enter would press the form's first button: save
    });
  };

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-theme-picker]").forEach(setUp);
  });
})();
