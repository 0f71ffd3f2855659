// The customer wall: rotate slides; refresh the feed every minute. If the network drops,
// keep showing what we have and retry (sooner at first, then every minute).
(() => {
  const body = document.body;
  const feedUrl = body.dataset.feedUrl;
  const initial = document.getElementById("wall-data");
  const photo = document.querySelector("[data-photo]");
  const quote = document.querySelector("[data-quote]");
  const customer = document.querySelector("[data-customer]");
  const status = document.querySelector("[data-status]");
  const slide = document.querySelector("[data-slide]");
  const ROTATE_MS = Number(body.dataset.rotateMs || 10000);
  const REFRESH_MS = Number(body.dataset.refreshMs || 60000);
  const RETRY_MS = Number(body.dataset.retryMs || 10000);

  let slides = [];
  try {
    slides = JSON.parse(initial.textContent).slides || [];
  } catch (error) {
    slides = [];
  }
  let index = -1;

  const show = () => {
    if (!slides.length) return;
    index = (index + 1) % slides.length;
    const s = slides[index];
    slide.classList.remove("wall-in");
    quote.textContent = s.quote ? `“${s.quote}”` : "";
    customer.textContent = s.city ? `${s.customer} · ${s.city}` : s.customer;
    slide.dataset.slideId = s.id;
    if (s.photo) {
      photo.src = s.photo;
      photo.alt = s.customer;
      photo.hidden = false;
    } else {
      photo.hidden = true;
      photo.removeAttribute("src");
    }
    slide.classList.toggle("wall-no-photo", !s.photo);
    // Restart the fade-in animation.
    void slide.offsetWidth;
    slide.classList.add("wall-in");
  };

  const refresh = async () => {
    try {
      const response = await fetch(feedUrl, { cache: "no-store", credentials: "omit" });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const data = await response.json();
      if (Array.isArray(data.slides)) slides = data.slides;
      status.textContent = "";
      body.classList.remove("wall-offline");
      setTimeout(refresh, REFRESH_MS);
    } catch (error) {
      // Offline or the server is away: keep the slides we have, say so discreetly, retry.
      status.textContent = "offline, retrying";
      body.classList.add("wall-offline");
      setTimeout(refresh, RETRY_MS);
    }
  };

  show();
  setInterval(show, ROTATE_MS);
  setTimeout(refresh, Math.min(REFRESH_MS, RETRY_MS));
})();
