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

  // The switch carries the section's index in the hash (#act-section-3) and the twin replaces it by its
  // own heading's id on arrival. No fetch of the twin: that fails from file:// (the offline copy).
  const SECTION_HASH = /^#act-section-(\d+)$/;
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a.md-select__link[hreflang]");
    if (!link || event.defaultPrevented || event.button !== 0 ||
        event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const index = currentSection();
    if (index < 0) return;  // at the top: the twin's top is the same place
    event.preventDefault();
    const target = new URL(link.href);
    target.hash = `act-section-${index}`;
    location.href = target.href;
  });

  const arrived = SECTION_HASH.exec(location.hash);
  if (arrived) {
    const heading = document.querySelectorAll(HEADINGS)[Number(arrived[1])];
    // a same-page hash change: the browser scrolls to the heading (with the theme's scroll margin)
    if (heading) location.replace("#" + heading.id);
    else history.replaceState(null, "", location.pathname + location.search);
  }

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
