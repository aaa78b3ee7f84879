// The loader of the interactive views (issue #11): every page with a view carries this small script
// (scripts/hooks.py adds it, deferred); the views themselves (docs/assets/explore-view.js) and uPlot, the
// charting library (npm, pinned, copied from node_modules at build time), are fetched only when wanted:
//
// - a function page's view (`.act-explore`) when the reader has moved (scrolled, touched, clicked,
//   pressed a key) and it is within half a screen of the viewport, or at once when its button is pressed.
//   A page that has just loaded and is left alone, as Lighthouse leaves it, fetches nothing, so the view
//   costs the first paint, the main thread and the network nothing until then;
// - the compare page's view (`.act-compare`) at once: it is that page's content.
(() => {
  "use strict";
  const script = document.currentScript;
  const FILES = { uplot: script.dataset.uplot, css: script.dataset.uplotCss, views: script.dataset.views };
  const LANG = document.documentElement.lang.startsWith("zh") ? "zh" : "en";
  const LOADING = { zh: "正在载入交互视图…", en: "Loading the interactive view…" }[LANG];
  const FAILED = { zh: "交互视图无法载入", en: "The interactive view could not be loaded" }[LANG];

  const load = (src) => new Promise((resolve, reject) => {
    const js = document.createElement("script");
    js.src = src;
    js.onload = resolve;
    js.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.append(js);
  });
  let loaded = null;
  function views() {  // uPlot's stylesheet and script, then the views (which use window.uPlot)
    if (!loaded) {
      const css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = FILES.css;
      document.head.append(css);
      loaded = load(FILES.uplot).then(() => load(FILES.views)).then(() => window.actExplore);
    }
    return loaded;
  }

  const moved = new Promise((resolve) => {
    const events = ["scroll", "wheel", "touchstart", "pointerdown", "keydown"];
    const go = () => { events.forEach((e) => window.removeEventListener(e, go, true)); resolve(); };
    const listen = () => events.forEach((e) => window.addEventListener(e, go, { capture: true, passive: true }));
    if (document.readyState === "complete") listen();
    else window.addEventListener("load", listen, { once: true });
  });

  function whenNear(el, trigger, build) {
    let started = false, observer = null;
    const start = () => { if (!started) { started = true; if (observer) observer.disconnect(); build(); } };
    if (trigger) trigger.addEventListener("click", start);
    moved.then(() => {
      if (started) return;
      observer = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) start();
      }, { rootMargin: "50% 0px" });
      observer.observe(el);
    });
  }

  function failed(host, err) {
    if (window.actExplore) return window.actExplore.failed(host, err);
    const note = document.createElement("p");
    note.className = "act-note";
    note.textContent = `${FAILED}: ${err.message}`;
    host.replaceChildren(note);
    console.warn(err);  // eslint-disable-line no-console
  }

  document.querySelectorAll(".act-explore").forEach((host) => {
    const button = host.querySelector(".act-explore__start");
    whenNear(host, button, () => {
      host.setAttribute("aria-busy", "true");
      if (button) { button.disabled = true; button.textContent = LOADING; }
      views().then((api) => api.view(host))
        .catch((err) => failed(host, err))
        .finally(() => host.removeAttribute("aria-busy"));
    });
  });
  document.querySelectorAll(".act-compare").forEach((host) => {
    views().then((api) => api.compare(host)).catch((err) => failed(host, err));
  });
})();
