"""What an interactive view costs when it loads: a benchmark that prints, never a pass/fail test.

    python scripts/view_cost.py --site site functions/gelu/ functions/elu/ --runs 3

Lighthouse audits a page as it loads, and a page left alone loads nothing for its view
(docs/assets/explore.js waits for the reader), so this measures the view apart: Debian's chromium at 4x
CPU throttling with a phone viewport loads the page, waits 2 s, scrolls the view into sight and traces
until the chart is drawn, plus 1 s. It prints the main thread's time in that span, its long tasks
(> 50 ms) and their blocking time (the part of each beyond 50 ms, as Lighthouse counts it).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the printed numbers readable
        pass


def measure(browser, url: str) -> tuple[float, list[float]]:
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True)
    try:
        page = context.new_page()
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
        page.goto(url, wait_until="load")
        page.wait_for_timeout(2000)
        browser.start_tracing(page=page, categories=["devtools.timeline", "disabled-by-default-devtools.timeline"])
        page.locator(".act-explore").first.scroll_into_view_if_needed()
        page.wait_for_function("document.querySelector('.act-explore .uplot')", timeout=60_000)
        page.wait_for_timeout(1000)
        events = json.loads(browser.stop_tracing())["traceEvents"]
    finally:
        context.close()
    tasks = [e["dur"] / 1000 for e in events if e.get("name") == "RunTask" and e.get("ph") == "X"]
    return sum(tasks), [t for t in tasks if t > 50]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="+", help="function pages, e.g. functions/gelu/")
    parser.add_argument("--site", type=Path, default=Path("site"), help="a built site (make build)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    handler = functools.partial(_Quiet, directory=str(args.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores before")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--disable-gpu"])
        for run in range(args.runs):
            for rel in args.pages:
                total, long = measure(browser, base + rel)
                print(f"run {run + 1} {rel}: main thread {total:.0f} ms, long tasks {[round(t) for t in long]}, "
                      f"blocking {sum(t - 50 for t in long):.0f} ms")
        browser.close()
    print(f"load average {os.getloadavg()[0]:.1f} after")
    server.shutdown()


if __name__ == "__main__":
    main()
