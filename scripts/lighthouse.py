"""Lighthouse over the built site: a benchmark that prints scores, never a pass/fail test.

    python scripts/lighthouse.py                 # build the site, serve it on 127.0.0.1, audit
    python scripts/lighthouse.py --site site     # audit an existing build
    make lighthouse

Audits the home page, a function page (functions/sigmoid/) and the overview, and their English twins,
with Lighthouse's default mobile profile (simulated throttling) in Debian's chromium, and prints the
four category scores per page, the main timings and the ids of the audits that fail. The full JSON
reports are kept in test-results/lighthouse/.

The site is served the way GitHub Pages serves it (gzip for text, `Cache-Control: max-age=600`), so
the performance numbers are not those of a plain file server. Lighthouse 12.2.3 is pinned in
tools/lighthouse (installed with `npm ci` on first use; 13.x needs Node 22). Every request stays on
127.0.0.1: Lighthouse's error reporting is off and chromium's background networking is disabled.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "lighthouse"
LIGHTHOUSE = TOOL / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
REPORTS = ROOT / "test-results" / "lighthouse"
PAGES = ["", "functions/sigmoid/", "overview/", "en/", "en/functions/sigmoid/", "en/overview/"]
CATEGORIES = [("performance", "perf"), ("accessibility", "a11y"), ("best-practices", "bp"), ("seo", "seo")]
METRICS = [("first-contentful-paint", "FCP"), ("largest-contentful-paint", "LCP"),
           ("total-blocking-time", "TBT"), ("cumulative-layout-shift", "CLS"), ("speed-index", "SI")]
CHROME_FLAGS = ["--headless=new", "--no-sandbox",
                # keep chromium off the network: only the site on 127.0.0.1 is visited
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--no-first-run", "--disable-quic"]
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
             "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1767225600")}
_COMPRESSIBLE = (".html", ".css", ".js", ".svg", ".json", ".xml", ".txt", ".map")


class PagesLikeHandler(http.server.SimpleHTTPRequestHandler):
    """A static server with GitHub Pages' behaviour where it matters to Lighthouse: gzip, max-age."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".svg": "image/svg+xml",
                      ".js": "text/javascript", ".css": "text/css", ".xml": "application/xml"}

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder
            path = path / "index.html"
        if (path.suffix not in _COMPRESSIBLE or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = _gzipped(str(path), path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


@functools.lru_cache(maxsize=4096)
def _gzipped(path: str, mtime: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


def serve(directory: Path, port: int = 0) -> tuple[str, http.server.ThreadingHTTPServer]:
    handler = functools.partial(PagesLikeHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build(site_dir: Path, site_url: str) -> None:
    mkdocs = Path(sys.executable).with_name("mkdocs")
    print(f"building the site for {site_url} ...", file=sys.stderr)
    start = time.perf_counter()
    result = subprocess.run([str(mkdocs), "build", "--strict", "-d", str(site_dir)], cwd=ROOT,
                            env={**os.environ, **BUILD_ENV, "SITE_URL": site_url},
                            capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"the build failed:\n{result.stderr[-4000:]}")
    print(f"built in {time.perf_counter() - start:.1f} s", file=sys.stderr)


def ensure_lighthouse() -> None:
    if LIGHTHOUSE.exists():
        return
    if shutil.which("npm") is None:
        sys.exit("npm not found: install Node.js 20 with npm (Debian: apt-get install nodejs npm)")
    print("installing Lighthouse (npm ci in tools/lighthouse) ...", file=sys.stderr)
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=TOOL, check=True)


def audit(url: str, out: Path, extra: list[str]) -> dict:
    args = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet",
            "--no-enable-error-reporting", f"--chrome-flags={' '.join(CHROME_FLAGS)}", *extra]
    result = subprocess.run(args, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True)
    if result.returncode or not out.exists():
        raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    return json.loads(out.read_text())


def failing(report: dict) -> tuple[list[str], list[str]]:
    """Ids of the audits that do not pass (score < 0.9; binary audits: 0): those that count in a
    category's score, and the diagnostics and opportunities that have no weight."""
    weighted, unweighted = [], []
    for cat in report["categories"].values():
        for ref in cat["auditRefs"]:
            a = report["audits"][ref["id"]]
            if a.get("scoreDisplayMode") not in ("binary", "numeric", "metricSavings") or a.get("score") is None \
                    or a["score"] >= 0.9 or ref["id"] in weighted + unweighted:
                continue
            (weighted if ref.get("weight") else unweighted).append(ref["id"])
    return weighted, unweighted


def score(report: dict, cat: str) -> str:
    s = report["categories"][cat]["score"]
    return "  —" if s is None else f"{round(s * 100):3d}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="audit this built site instead of building one")
    parser.add_argument("--pages", nargs="*", default=PAGES, help="page paths relative to the site root")
    parser.add_argument("--out", type=Path, default=REPORTS, help="where the JSON reports go")
    parser.add_argument("--desktop", action="store_true", help="desktop profile instead of the default mobile")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median run (by performance) is shown")
    args = parser.parse_args(argv)

    ensure_lighthouse()
    if not Path(CHROMIUM).exists():
        sys.exit("chromium not found: apt-get install chromium")
    tmp = None
    if args.site:
        site = args.site.resolve()
        url, server = serve(site)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="lighthouse-site-")
        site = Path(tmp.name)
        port = free_port()
        build(site, f"http://127.0.0.1:{port}/")  # canonical and sitemap URLs match where it is served
        url, server = serve(site, port)
    args.out.mkdir(parents=True, exist_ok=True)
    extra = ["--preset=desktop"] if args.desktop else []
    rows = []
    try:
        for rel in args.pages:
            name = rel.strip("/").replace("/", "_") or "index"
            start = time.perf_counter()
            runs = [audit(url + rel, args.out / f"{name}.{i}.json", extra) for i in range(args.runs)]
            runs.sort(key=lambda r: r["categories"]["performance"]["score"] or 0)
            report = runs[len(runs) // 2]
            (args.out / f"{name}.json").write_text(json.dumps(report))
            for i in range(args.runs):
                (args.out / f"{name}.{i}.json").unlink()
            perf = " ".join(score(r, "performance").strip() for r in runs)
            print(f"  {rel or '/'}: {time.perf_counter() - start:.0f} s (performance {perf})", file=sys.stderr)
            rows.append((rel or "/", report))
    finally:
        server.shutdown()
        server.server_close()
        if tmp:
            tmp.cleanup()

    width = max(len(r) for r, _ in rows)
    print(f"\nLighthouse {rows[0][1]['lighthouseVersion']}, {'desktop' if args.desktop else 'mobile'} profile, {url}")
    print(f"{'page':<{width}}  " + " ".join(f"{short:>4}" for _, short in CATEGORIES)
          + "   " + " ".join(f"{m:>6}" for _, m in METRICS))
    for rel, report in rows:
        metrics = []
        for key, _ in METRICS:
            value = report["audits"][key].get("numericValue")
            metrics.append("     —" if value is None else
                           f"{value:6.3f}" if key == "cumulative-layout-shift" else f"{value / 1000:5.1f}s")
        print(f"{rel:<{width}}  " + " ".join(f"{score(report, c):>4}" for c, _ in CATEGORIES)
              + "   " + " ".join(metrics))
    print("\nfailing audits (counted in a score; then [diagnostics without weight]):")
    for rel, report in rows:
        weighted, unweighted = failing(report)
        print(f"{rel:<{width}}  {', '.join(weighted) or '-'}  [{', '.join(unweighted)}]")
    print(f"\nreports: {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
