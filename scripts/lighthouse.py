"""Lighthouse over the built site: a benchmark that prints scores, never a pass/fail test.

    python scripts/lighthouse.py                      # build the site, serve it on 127.0.0.1, audit
    python scripts/lighthouse.py --site site          # audit an existing build
    python scripts/lighthouse.py --site A --site B    # compare two builds, runs interleaved
    python scripts/lighthouse.py --pages overview/ en/overview/ --runs 5
    make lighthouse

Audits one page of every kind (home, a short, a vector-valued and a long function page, overview,
gallery, accuracy) in both languages with Lighthouse's default mobile profile (simulated throttling)
in Debian's chromium. Each page is audited `--runs` times (3 by default) and the runs are interleaved
(run 1 of every page, then run 2, ...), so a burst of load on the shared machine spreads over all
pages instead of sinking one. It prints the median of each score and metric, every run's performance
score, and what explains them: total blocking time, largest contentful paint, layout shift,
transferred bytes, DOM elements and the main thread's time by kind of work. The load average before
and after is printed too: on a busy machine every number is worse. The median run's JSON report of
each page is kept in test-results/lighthouse/.

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
import statistics
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
# One page of every kind; sigmoid is short, softmax vector-valued (Jacobian), gelu the longest, elu has an
# interactive view with a parameter slider (every element-wise page has a view), compare/ is the compare page.
KINDS = ["", "functions/sigmoid/", "functions/softmax/", "functions/gelu/", "functions/elu/", "overview/", "compare/",
         "gallery/", "accuracy/"]
# the experiments: their index and the page with the most figures and tables; the framework differences
# (the widest tables)
KINDS += ["experiments/", "experiments/depth/", "frameworks/"]
PAGES = KINDS + [f"en/{rel}" for rel in KINDS]
CATEGORIES = [("performance", "perf"), ("accessibility", "a11y"), ("best-practices", "bp"), ("seo", "seo")]
METRICS = [("first-contentful-paint", "FCP"), ("largest-contentful-paint", "LCP"),
           ("total-blocking-time", "TBT"), ("cumulative-layout-shift", "CLS"), ("speed-index", "SI")]
# The main thread's time by kind of work (Lighthouse's mainthread-work-breakdown groups).
WORK = [("styleLayout", "style+layout"), ("scriptEvaluation", "script"), ("paintCompositeRender", "paint"),
        ("parseHTML", "parse HTML"), ("other", "other")]
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


def measures(report: dict) -> dict[str, float | None]:
    """The numbers of one run: scores (0-100), metrics (ms; CLS unitless), bytes, DOM, main thread."""
    audits = report["audits"]
    out: dict[str, float | None] = {}
    for cat, _ in CATEGORIES:
        s = report["categories"][cat]["score"]
        out[cat] = None if s is None else s * 100
    for key, _ in METRICS:
        out[key] = audits[key].get("numericValue")
    out["bytes"] = audits["total-byte-weight"].get("numericValue")
    out["dom"] = audits["dom-size"].get("numericValue")
    groups = {item["group"]: item["duration"]
              for item in (audits["mainthread-work-breakdown"].get("details") or {}).get("items", [])}
    for group, _ in WORK:
        out[group] = groups.get(group, 0.0)
    out["mainthread"] = audits["mainthread-work-breakdown"].get("numericValue")
    return out


def median(runs: list[dict], key: str) -> float | None:
    values = [r[key] for r in runs if r[key] is not None]
    return statistics.median(values) if values else None


def fmt(value: float | None, kind: str) -> str:
    if value is None:
        return "—"
    if kind == "score":
        return f"{round(value)}"
    if kind == "cls":
        return f"{value:.3f}"
    if kind == "s":
        return f"{value / 1000:.1f}s"
    if kind == "ms":
        return f"{value:.0f}"
    if kind == "kB":
        return f"{value / 1000:.0f}"
    return f"{value:.0f}"


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    line = lambda cells: "  ".join(c.ljust(w) if i == 0 else c.rjust(w)  # noqa: E731
                                   for i, (c, w) in enumerate(zip(cells, widths)))
    return "\n".join([line(header), *(line(r) for r in rows)])


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, action="append",
                        help="audit this built site instead of building one; twice or more to compare builds")
    parser.add_argument("--pages", nargs="*", default=PAGES, help="page paths relative to the site root")
    parser.add_argument("--out", type=Path, default=REPORTS, help="where the JSON reports go")
    parser.add_argument("--desktop", action="store_true", help="desktop profile instead of the default mobile")
    parser.add_argument("--runs", type=int, default=3, help="runs per page (interleaved); medians are shown")
    args = parser.parse_args(argv)

    ensure_lighthouse()
    if not Path(CHROMIUM).exists():
        sys.exit("chromium not found: apt-get install chromium")
    tmp = None
    servers: list[tuple[str, str, http.server.ThreadingHTTPServer]] = []  # (label, url, server)
    if args.site:
        for site in args.site:
            url, server = serve(site.resolve())
            servers.append((site.name if len(args.site) > 1 else "", url, server))
    else:
        tmp = tempfile.TemporaryDirectory(prefix="lighthouse-site-")
        port = free_port()
        build(Path(tmp.name), f"http://127.0.0.1:{port}/")  # canonical and sitemap URLs match where it is served
        url, server = serve(Path(tmp.name), port)
        servers.append(("", url, server))
    args.out.mkdir(parents=True, exist_ok=True)
    extra = ["--preset=desktop"] if args.desktop else []
    targets = [(label, url, rel) for rel in args.pages for label, url, _ in servers]
    results: dict[tuple[str, str], list[tuple[dict, dict]]] = {(label, rel): [] for label, _, rel in targets}
    load_before = load()
    start = time.perf_counter()
    try:
        for i in range(args.runs):
            for label, url, rel in targets:
                name = (f"{label}_" if label else "") + (rel.strip("/").replace("/", "_") or "index")
                path = args.out / f"{name}.{i}.json"
                report = audit(url + rel, path, extra)
                path.unlink()
                results[(label, rel)].append((measures(report), report))
                print(f"  run {i + 1}/{args.runs} {label + ':' if label else ''}{rel or '/'}: "
                      f"performance {fmt(results[(label, rel)][-1][0]['performance'], 'score')}, "
                      f"{time.perf_counter() - start:.0f} s, load {os.getloadavg()[0]:.2f}", file=sys.stderr)
                if i == args.runs - 1:  # keep the median run (by performance) for a closer look
                    runs = sorted(results[(label, rel)], key=lambda r: r[0]["performance"] or 0)
                    (args.out / f"{name}.json").write_text(json.dumps(runs[len(runs) // 2][1]))
    finally:
        for _, _, server in servers:
            server.shutdown()
            server.server_close()
        if tmp:
            tmp.cleanup()

    version = next(iter(results.values()))[0][1]["lighthouseVersion"]
    print(f"\nLighthouse {version}, {'desktop' if args.desktop else 'mobile'} profile, {args.runs} runs a page "
          f"interleaved, medians; load average {load_before} before, {load()} after")
    rows_scores, rows_why = [], []
    for (label, rel), runs in results.items():
        page = (f"{label}:" if label else "") + (rel or "/")
        m = [r for r, _ in runs]
        rows_scores.append([page, *(fmt(median(m, c), "score") for c, _ in CATEGORIES),
                            " ".join(fmt(r["performance"], "score") for r in m),
                            *(fmt(median(m, k), "cls" if k == "cumulative-layout-shift" else "s")
                              for k, _ in METRICS)])
        rows_why.append([page, fmt(median(m, "total-blocking-time"), "ms"), fmt(median(m, "bytes"), "kB"),
                         fmt(median(m, "dom"), "n"), fmt(median(m, "mainthread"), "ms"),
                         *(fmt(median(m, g), "ms") for g, _ in WORK)])
    print(table(["page", *(s for _, s in CATEGORIES), "perf runs", *(s for _, s in METRICS)], rows_scores))
    print("\nwhy (medians): TBT ms, transferred kB, DOM elements, main-thread ms and its parts")
    print(table(["page", "TBT", "kB", "DOM", "main", *(s for _, s in WORK)], rows_why))
    print("\nfailing audits of the median run (counted in a score; then [diagnostics without weight]):")
    for (label, rel), runs in results.items():
        runs = sorted(runs, key=lambda r: r[0]["performance"] or 0)
        weighted, unweighted = failing(runs[len(runs) // 2][1])
        print(f"{(label + ':' if label else '') + (rel or '/')}  {', '.join(weighted) or '-'}  [{', '.join(unweighted)}]")
    print(f"\nreports: {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
