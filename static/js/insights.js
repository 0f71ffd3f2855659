// Notes: select a passage in an answer box → the "Make an insight" form is prefilled with it.
// Without JavaScript, people type or paste the passage into that form themselves.
(() => {
  const note = document.querySelector("[data-note]");
  const form = document.querySelector("[data-insight-form]");
  if (!note || !form) return;
  const quote = form.querySelector("[data-insight-quote]");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "quote-selection";
  button.textContent = "Make an insight from the selection";
  button.hidden = true;
  note.appendChild(button);
  let selected = "";

  const pick = (event) => {
    const box = event.target;
    if (!(box instanceof HTMLTextAreaElement)) return;
    const text = box.value.substring(box.selectionStart, box.selectionEnd).trim();
    if (text.length >= 3) {
      selected = text;
      button.hidden = false;
      box.insertAdjacentElement("afterend", button);
    } else {
      button.hidden = true;
    }
  };
  note.addEventListener("select", pick);
  note.addEventListener("mouseup", pick);
  note.addEventListener("keyup", pick);
  note.addEventListener("touchend", pick);

  button.addEventListener("click", () => {
    quote.value = selected;
    button.hidden = true;
    form.scrollIntoView({ behavior: "smooth", block: "start" });
    const type = form.querySelector("select[name=type]");
    if (type) type.focus({ preventScroll: true });
  });
})();
