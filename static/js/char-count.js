// A character counter under a text box with data-char-max (the signal's summary). Without JavaScript the
// limit stands in the hint (data-char-hint); with it, a count under the box says how many are left as the
// member types. Screen readers hear it (politely, once typing pauses) only near the limit or over it.
(() => {
  const NEAR = 0.1; // speak when a tenth of the room is left
  const PAUSE = 800; // ms after the last key before speaking

  // As the server counts: without the spaces around the text, a new line as two characters (\r\n).
  const length = (text) => {
    const trimmed = text.trim();
    return [...trimmed].length + (trimmed.match(/\n/g) || []).length;
  };

  const setUp = (box) => {
    const max = Number(box.dataset.charMax);
    const hint = document.getElementById(box.dataset.charHint);
    const lang = document.documentElement.lang || undefined;
    const counter = document.createElement("p");
    counter.className = "form-text mb-0";
    counter.dataset.charCounter = "";
    counter.setAttribute("aria-hidden", "true"); // the spoken copy below says it at the right moment
    const spoken = document.createElement("p");
    spoken.className = "visually-hidden";
    spoken.dataset.charSpoken = "";
    spoken.setAttribute("aria-live", "polite");
    box.after(counter, spoken);
    if (hint) hint.classList.add("visually-hidden"); // the counter says it now; screen readers still hear it
    let timer;

    const update = (speak) => {
      const left = max - length(box.value);
      const count = Math.abs(left);
      const key = (left >= 0 ? "charLeft" : "charOver") + (count === 1 ? "One" : "Other");
      const text = box.dataset[key].replace("%s", count.toLocaleString(lang));
      counter.textContent = text;
      counter.classList.toggle("text-danger", left < 0);
      counter.classList.toggle("fw-bold", left < 0);
      clearTimeout(timer);
      if (!speak) return;
      timer = setTimeout(() => {
        spoken.textContent = left <= max * NEAR ? text : "";
      }, PAUSE);
    };
    box.addEventListener("input", () => update(true));
    update(false); // nothing to say when the page opens
  };

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("textarea[data-char-max]").forEach(setUp);
  });
})();
