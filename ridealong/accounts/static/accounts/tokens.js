// The API tokens page: copy a new token to the clipboard (no inline script: the CSP forbids it).
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const field = document.getElementById(button.dataset.copy);
  field.select();
  try {
    await navigator.clipboard.writeText(field.value);
  } catch {
    document.execCommand("copy"); // older browsers, or a page served without HTTPS
  }
  button.textContent = button.dataset.copied;
});
