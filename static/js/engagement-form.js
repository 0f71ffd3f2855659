// Pickers (customer, contacts, people: pick by typing) and quick durations, for the
// log-an-engagement form and the engagements list's filters (forms marked data-pickers).
// Without this file both still work: typed text is resolved by the server on submit.
document.documentElement.classList.add("js");

const setUpPickers = (form) => {
  "use strict";

  // "Find" buttons exist for browsers without JavaScript; here they would steal the Enter key.
  form.querySelectorAll("[data-nojs]").forEach((el) => el.remove());

  const pickerOf = (el) => el.closest("[data-picker]");
  const searchOf = (picker) => picker.querySelector(".picker-search input");
  const suggestionsOf = (picker) => picker.querySelector("[data-suggestions]");
  const pickedOf = (picker) => picker.querySelector("[data-picked]");

  const clearSuggestions = (picker) => {
    const box = suggestionsOf(picker);
    if (box) box.replaceChildren();
  };

  const pickedIds = (picker) =>
    new Set(
      [...pickedOf(picker).querySelectorAll("input:checked")].map((input) => input.value),
    );

  const hideAlreadyPicked = (picker) => {
    const ids = pickedIds(picker);
    suggestionsOf(picker)
      .querySelectorAll("[data-pick]")
      .forEach((button) => {
        button.closest("li").classList.toggle("hidden", ids.has(button.dataset.id));
      });
  };

  const changed = (picker) => {
    picker.pickEpoch = (picker.pickEpoch || 0) + 1;
    notify(picker);
  };
  const notify = (picker) => picker.dispatchEvent(new CustomEvent("picker:change", { bubbles: true }));

  const addChip = (picker, id, label) => {
    const single = picker.dataset.picker === "single";
    const list = pickedOf(picker);
    if (single) {
      list.replaceChildren();
    } else if (pickedIds(picker).has(id)) {
      return;
    }
    // An ambiguous match offered by the server for the same id gives way to the chip.
    list.querySelectorAll(".chip-match").forEach((chip) => {
      if (single || chip.querySelector("input").value === id) chip.remove();
    });
    const chip = picker.querySelector("template[data-chip]").content.firstElementChild.cloneNode(true);
    chip.dataset.id = id;
    chip.querySelectorAll("input, select").forEach((field) => {
      field.name = field.name.replace("__id__", id);
      if (field.tagName === "INPUT") field.value = id;
    });
    chip.querySelector("[data-label]").textContent = label;
    chip.querySelectorAll("[aria-label]").forEach((el) => {
      if (el.matches("[data-unpick]") && !single) el.setAttribute("aria-label", `Remove ${label}`);
      if (el.tagName === "SELECT") el.setAttribute("aria-label", `Part of ${label}`);
    });
    list.append(chip);
    picker.classList.add("has-pick");
    const search = searchOf(picker);
    search.value = "";
    search.removeAttribute("aria-invalid");
    clearSuggestions(picker);
    if (single) search.blur();
    changed(picker);
  };

  form.addEventListener("click", (event) => {
    const pick = event.target.closest("[data-pick]");
    if (pick) {
      event.preventDefault();
      addChip(pickerOf(pick), pick.dataset.id, pick.dataset.label);
      return;
    }
    const unpick = event.target.closest("[data-unpick]");
    if (unpick) {
      event.preventDefault();
      const picker = pickerOf(unpick);
      unpick.closest(".chip").remove();
      if (!pickedOf(picker).querySelector(".chip:not(.chip-match)")) {
        picker.classList.remove("has-pick");
      }
      if (picker.dataset.picker === "single") searchOf(picker).focus();
      changed(picker);
      return;
    }
    const preset = event.target.closest("[data-minutes]");
    if (preset) {
      event.preventDefault();
      const minutes = form.querySelector("[name=duration_minutes]");
      minutes.value = preset.dataset.minutes;
      markPreset();
    }
  });

  // Enter in a search box picks the first suggestion instead of submitting the form.
  form.addEventListener("keydown", (event) => {
    const search = event.target.closest(".picker-search input");
    if (!search) return;
    const picker = pickerOf(search);
    if (event.key === "Enter") {
      event.preventDefault();
      const first = suggestionsOf(picker).querySelector("li:not(.hidden) [data-pick]");
      if (first) first.click();
    } else if (event.key === "Escape") {
      clearSuggestions(picker);
    }
  });

  // Suggestions close when the user moves on to another part of the form.
  form.addEventListener("focusin", (event) => {
    const here = pickerOf(event.target);
    form.querySelectorAll("[data-picker]").forEach((picker) => {
      if (picker !== here) clearSuggestions(picker);
    });
  });

  // A search answered after a pick is stale: it would reopen the list under the user's finger.
  form.addEventListener("htmx:beforeRequest", (event) => {
    const picker = pickerOf(event.detail.elt);
    if (picker && event.detail.xhr) event.detail.xhr.pickEpoch = picker.pickEpoch || 0;
  });
  form.addEventListener("htmx:beforeSwap", (event) => {
    const picker = pickerOf(event.detail.target);
    if (!picker || !picker.contains(event.detail.target) || !event.detail.xhr) return;
    const stale = event.detail.xhr.pickEpoch !== (picker.pickEpoch || 0);
    const closed = picker.dataset.picker === "single" && picker.classList.contains("has-pick");
    if (stale || closed) event.detail.shouldSwap = false;
  });

  form.addEventListener("htmx:afterSwap", (event) => {
    const picker = pickerOf(event.target);
    if (picker && picker.dataset.picker === "multiple") hideAlreadyPicked(picker);
  });

  // Contacts belong to the customer: a new customer empties them and offers the new ones.
  form.addEventListener("picker:change", (event) => {
    if (event.target.dataset.name !== "customer") return;
    form.querySelectorAll("[data-depends-on=customer]").forEach((picker) => {
      pickedOf(picker).replaceChildren();
      picker.classList.remove("has-pick");
      clearSuggestions(picker);
      const customerPicked = pickedIds(event.target).size > 0;
      picker.classList.toggle("waiting", !customerPicked);
      if (customerPicked && window.htmx) window.htmx.trigger(searchOf(picker), "refresh");
    });
  });

  // Quick durations: the one matching the minutes field looks pressed.
  const markPreset = () => {
    const minutes = form.querySelector("[name=duration_minutes]");
    if (!minutes) return;
    form.querySelectorAll("[data-minutes]").forEach((button) => {
      button.setAttribute("aria-pressed", String(button.dataset.minutes === minutes.value));
    });
  };
  form.addEventListener("input", (event) => {
    if (event.target.name === "duration_minutes") markPreset();
  });
  markPreset();

  // A second tap on Save while the first is on its way would log the contact twice.
  const save = form.method === "post" && form.querySelector(".form-actions button[type=submit]");
  if (save) {
    form.addEventListener("submit", (event) => {
      if (save.getAttribute("aria-busy") === "true") {
        event.preventDefault();
        return;
      }
      save.setAttribute("aria-busy", "true");
    });
    window.addEventListener("pageshow", () => save.removeAttribute("aria-busy"));
  }
};

document.querySelectorAll("form[data-pickers]").forEach(setUpPickers);
