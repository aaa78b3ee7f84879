// What the reader's browser adds to a page (no request leaves the site):
// 1. the language switch keeps the section the reader is on: a page and its twin have their headings in
//    the same order, so the twin's heading with the same index is the same section;
// 2. figure citations get today's date as their access date (the build cannot know it, see
//    scripts/citation.py); without JavaScript the placeholder stays for the reader to fill in.
(() => {
  "use strict";
  const HEADINGS = "article :is(h2, h3)[id]";
  const ACCESS_PLACEHOLDER = "YYYY-MM-DD";

  // The heading of the section at the top of the window: the last one that has scrolled past a fifth
  // of its height (the sticky header covers the top). -1 above the first heading.
  function currentSection() {
    const line = window.innerHeight / 5;
    let index = -1;
    document.querySelectorAll(HEADINGS).forEach((h, i) => {
      if (h.getBoundingClientRect().top <= line) index = i;
    });
    return index;
  }

  document.addEventListener("click", async (event) => {
    const link = event.target.closest("a.md-select__link[hreflang]");
    if (!link || event.defaultPrevented || event.button !== 0 ||
        event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const index = currentSection();
    if (index < 0) return;  // at the top: the twin's top is the same place
    event.preventDefault();
    const target = new URL(link.href);
    try {
      const response = await fetch(target.href);
      if (response.ok) {
        const twin = new DOMParser().parseFromString(await response.text(), "text/html");
        const heading = twin.querySelectorAll(HEADINGS)[index];
        if (heading) target.hash = heading.id;
      }
    } finally {
      location.href = target.href;  // with the section when the twin had it, else the twin's top
    }
  });

  const today = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  const date = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
  document.querySelectorAll(".act-cite pre code").forEach((code) => {
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (node.textContent.includes(ACCESS_PLACEHOLDER)) {
        node.textContent = node.textContent.replaceAll(ACCESS_PLACEHOLDER, date);
      }
    }
  });
})();
