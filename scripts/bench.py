"""Build benchmark: how long a build takes, and where the time goes. It prints, it never fails.

    python scripts/bench.py            # or: make bench
    python scripts/bench.py --profile  # also break a warm build down by component (cProfile)

On a throw-away copy of the project (so nothing here is touched, and `mkdocs serve` can be edited):

- cold:  a build with empty caches (every experiment computed and every figure rendered, on all cores,
         while the pages build);
- warm:  the same build again, experiments and figures cached;
- floor: the same site with the figures already in docs/figures/ and the figure script (gen-files)
         switched off: what the rest of the build costs;
- per-figure render cost: the CPU seconds the render workers spent, per figure rendered (the build log
  reports them; a cold build renders while MkDocs builds the pages, so wall time says less);
- edit-to-reload: `mkdocs serve` on the copy, a word appended to a page, time until the served page
  shows it (the whole rebuild, both languages: the English twin is edited, it is built last).

- experiments: the CPU seconds the experiment workers spent in a cold build (the build log reports them).
- interactive views: the seconds the export of every view's JSON (activations.interactive) took in a cold
  build and the cache check in a warm one (the build log reports both, and the size of the JSON).

Each is printed next to its budget: warm <= 1.15 x floor; cold <= floor + (figures x 0.1 s +
experiments' CPU s) / cores; experiments' CPU <= 120 s; edit-to-reload <= 1.2 x floor. The machine is named with its load average: numbers taken on a busy
machine are slower, compare them with care.
"""

from __future__ import annotations

import argparse
import os
import pstats
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CORES = os.cpu_count() or 1
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
       "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1767225600")}
_SKIP = {".git", ".venv", "node_modules", ".cache", "site", "test-results", ".pytest_cache", ".hypothesis",
         "__pycache__", "figures-out"}
_FIGURES_LOG = re.compile(r"figures: (\d+) \((\d+) rendered, (\d+) cached\) in ([\d.]+) s(?: \(([\d.]+) CPU s\))?")
_VIEWS_LOG = re.compile(r"interactive: (\d+) views \((\d+) exported, (\d+) cached\) in ([\d.]+) s, ([\d.]+) MB")
_EXPERIMENTS_LOG = re.compile(r"experiments: (\d+) results \((\d+) computed, (\d+) cached\) in ([\d.]+) s"
                              r"(?: \(([\d.]+) CPU s\))?")
#: the experiments' cold CPU budget on this project's 2-core machine
EXPERIMENTS_CPU_BUDGET = 120.0
#: gen-files in mkdocs.yml: the list item and its indented body
_GEN_FILES = re.compile(r"^(\s*)- gen-files:\n(?:\1\s+.*\n|\s*\n)*", re.M)
_HOOKS = re.compile(r"^hooks:\n(?:\s+- .*\n)+", re.M)
#: what --profile reports: label -> (file suffix, function) whose cumulative time is that component's
COMPONENTS = {
    "figure script (gen-files: render check + copy into the build)": ("mkdocs_gen_files/plugin.py", "on_files"),
    "page directives (hooks.on_page_markdown)": ("scripts/hooks.py", "on_page_markdown"),
    "Markdown to HTML (page.render)": ("mkdocs/structure/pages.py", "render"),
    "KaTeX formulas (hooks.on_post_page)": ("scripts/hooks.py", "on_post_page"),
    "search: index entries (on_page_context)": ("material/plugins/search/plugin.py", "on_page_context"),
    "search: jieba segmentation": ("jieba/__init__.py", "cut"),
    "search: writing the index (on_post_build)": ("material/plugins/search/plugin.py", "on_post_build"),
    "themes: page templates (_build_page)": ("mkdocs/commands/build.py", "_build_page"),
    "copying static files (copy_static_files)": ("mkdocs/structure/files.py", "copy_static_files"),
    "i18n: the English build": ("mkdocs_static_i18n/plugin.py", "on_post_build"),
}


def copy_project(source: Path, dest: Path) -> Path:
    """The project's sources (no environments, caches or builds), sharing node_modules (KaTeX)."""
    def ignore(folder, names):
        return [n for n in names if n in _SKIP or n.endswith(".pyc")]

    shutil.copytree(source, dest, ignore=ignore, symlinks=True)
    (dest / "node_modules").symlink_to((source / "node_modules").resolve(), target_is_directory=True)
    return dest


def cache_env(cache: Path) -> dict[str, str]:
    """The figure, experiment and interactive-view caches of one measurement, all below ``cache``."""
    return {"ACTIVATIONS_FIGURE_CACHE": str(cache / "figures"), "ACTIVATIONS_EXPERIMENT_CACHE": str(cache / "experiments"),
            "ACTIVATIONS_INTERACTIVE_CACHE": str(cache / "interactive")}


def build(project: Path, site: Path, cache: Path, config: str = "mkdocs.yml",
          profile: Path | None = None) -> tuple[float, str]:
    """One build in a subprocess (as a user runs it); returns (seconds, log)."""
    profiler = [] if profile is None else ["-m", "cProfile", "-o", str(profile)]
    cmd = [str(BIN / "python"), *profiler, "-m", "mkdocs", "build", "-f", config, "-d", str(site)]
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=project, env={**ENV, **cache_env(cache)}, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"the build failed ({config}):\n{result.stderr[-3000:]}")
    return seconds, result.stderr


def figures_report(log: str) -> tuple[int, int, float, float]:
    """(figures, rendered, seconds, CPU seconds) from the build's one figure line."""
    match = _FIGURES_LOG.search(log)
    if not match:
        return 0, 0, 0.0, 0.0
    return int(match.group(1)), int(match.group(2)), float(match.group(4)), float(match.group(5) or 0)


def views_report(log: str) -> tuple[int, int, float, float]:
    """(views, exported, seconds, MB) from the build's one interactive-view line (the export runs in the
    build's process: its seconds are wall and CPU time at once)."""
    match = _VIEWS_LOG.search(log)
    if not match:
        return 0, 0, 0.0, 0.0
    return int(match.group(1)), int(match.group(2)), float(match.group(4)), float(match.group(5))


def experiments_report(log: str) -> tuple[int, int, float]:
    """(results, computed, CPU seconds) from the build's one experiments line."""
    match = _EXPERIMENTS_LOG.search(log)
    if not match:
        return 0, 0, 0.0
    return int(match.group(1)), int(match.group(2)), float(match.group(5) or 0)


_FLOOR_HOOK = """\
# bench.py's floor: the figures are already rendered; hand them to MkDocs as gen-files would.
from pathlib import Path
from mkdocs.structure.files import File

FIGURES = Path(__file__).with_name("floor-figures")


def on_files(files, config):
    for path in sorted(FIGURES.rglob("*")):
        if path.is_file():
            files.append(File(path.relative_to(FIGURES).as_posix(), str(FIGURES), config.site_dir,
                              config.use_directory_urls))
    return files
"""


def floor_project(project: Path, cache: Path) -> str:
    """mkdocs.floor.yml: the figure script (gen-files) replaced by a hook that adds the rendered
    figures, as files outside docs/ like the generated ones (so both languages see them)."""
    script = ("from activations.figures.cache import OUTPUTS, ensure\n"
              "import shutil, sys\nfrom pathlib import Path\n"
              "folders, _ = ensure(cache_dir=Path(sys.argv[1]) / 'figures')\n"
              "for fid, folder in folders.items():\n"
              "    stem = fid.rsplit('/', 1)[-1]\n"
              "    for suffix in OUTPUTS:\n"
              "        out = Path('floor-figures/figures') / f'{fid}{suffix}'\n"
              "        out.parent.mkdir(parents=True, exist_ok=True)\n"
              "        shutil.copyfile(folder / f'{stem}{suffix}', out)\n"
              "from activations.interactive.cache import ensure as views\n"
              "for key, path in views(cache_dir=Path(sys.argv[1]) / 'interactive').items():\n"
              "    out = Path('floor-figures/interactive') / f'{key}.json'\n"
              "    out.parent.mkdir(parents=True, exist_ok=True)\n"
              "    shutil.copyfile(path, out)\n")
    subprocess.run([str(BIN / "python"), "-c", script, str(cache)], cwd=project, env={**ENV, **cache_env(cache)},
                   check=True)
    (project / "floor_hook.py").write_text(_FLOOR_HOOK)
    text, n = _GEN_FILES.subn("", (project / "mkdocs.yml").read_text())
    text, m = _HOOKS.subn(lambda h: h.group(0) + "  - floor_hook.py\n", text)
    if n != 1 or m != 1:
        sys.exit("bench: cannot find the gen-files plugin and the hooks list in mkdocs.yml")
    (project / "mkdocs.floor.yml").write_text(text)
    return "mkdocs.floor.yml"


def files_of(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


def edit_to_reload(project: Path, cache: Path, repeat: int) -> list[float]:
    """Start `mkdocs serve` on the copy, append a word to a page, time until the page serves it."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    page_src = project / "docs" / "functions" / "sigmoid.en.md"
    page_url = base + "en/functions/sigmoid/"
    server = subprocess.Popen([str(BIN / "python"), "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env={**ENV, **cache_env(cache)},
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              start_new_session=True)  # its own process group: stopped with its children
    times = []
    try:
        deadline = time.monotonic() + 600
        while fetch(page_url) is None:
            if server.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"mkdocs serve did not come up:\n{server.stderr.read()[-3000:]}")
            time.sleep(0.2)
        time.sleep(2)  # let the watcher settle after the first build
        for _ in range(repeat):
            word = f"benchword{uuid.uuid4().hex[:12]}"
            with page_src.open("a") as f:
                f.write(f"\n\n{word}\n")
            start = time.perf_counter()
            while word not in (fetch(page_url) or ""):
                if server.poll() is not None or time.perf_counter() - start > 600:
                    sys.exit(f"mkdocs serve stopped or never showed the edit:\n{server.stderr.read()[-3000:]}")
                time.sleep(0.05)
            times.append(time.perf_counter() - start)
            time.sleep(2)  # the rebuild's tail (sitemap, search index) and the watcher's debounce
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    return times


def profile_report(prof: Path, total: float) -> None:
    stats = pstats.Stats(str(prof)).stats  # {(file, line, func): (cc, nc, tt, ct, callers)}
    print(f"\nwhere a warm build's time goes (cProfile, cumulative; parts overlap; build {total:.1f} s"
          " with profiling overhead):")
    for label, (suffix, func) in COMPONENTS.items():
        ct = max((v[3] for (file, _, name), v in stats.items() if file.endswith(suffix) and name == func), default=None)
        print(f"  {label:<66} {'-' if ct is None else f'{ct:6.2f} s'}")


def line(label: str, value: float, budget: float | None = None, note: str = "") -> None:
    verdict = "" if budget is None else ("within budget" if value <= budget else f"OVER by {value / budget - 1:.0%}")
    budget_text = "" if budget is None else f"budget {budget:7.2f} s"
    print(f"  {label:<26} {value:7.2f} s   {budget_text:<18} {verdict}{('  ' + note) if note else ''}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="warm, floor and reload runs (the median is shown)")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve measurement")
    parser.add_argument("--profile", action="store_true", help="profile one warm build by component")
    parser.add_argument("--project", type=Path, default=ROOT, help="the project to measure (default: this one)")
    args = parser.parse_args(argv)

    load = os.getloadavg()
    print(f"bench: {CORES} cores, load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1/5/15 min)")
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)
        project = copy_project(args.project.resolve(), tmp / "project")
        # (seconds, figures, rendered, render seconds, render CPU s, results, computed, experiments CPU s),
        # each from empty caches
        colds = []
        cold_views = []  # (views, exported, seconds, MB) of each cold build
        for i in range(args.repeat):
            cache = tmp / f"cache{i}"
            cache.mkdir()
            seconds, log = build(project, tmp / f"site-cold{i}", cache)
            colds.append((seconds, *figures_report(log), *experiments_report(log)))
            cold_views.append(views_report(log))
            print(f"  cold build {i + 1}: {seconds:.1f} s ({colds[-1][2]} figures rendered in {colds[-1][3]:.1f} s, "
                  f"{colds[-1][6]} experiment results in {colds[-1][7]:.1f} CPU s)", file=sys.stderr)
        cold, figures, rendered, render_seconds, _, results, computed, _ = sorted(colds)[len(colds) // 2]
        experiments_cpu = statistics.median(c[7] for c in colds)
        warms = [build(project, tmp / f"site-warm{i}", cache) for i in range(args.repeat)]
        warm = [seconds for seconds, _ in warms]
        warm_views = [views_report(log) for _, log in warms]
        config = floor_project(project, cache)
        floor = [build(project, tmp / f"site-floor{i}", cache, config)[0] for i in range(args.repeat)]
        mismatch = files_of(tmp / "site-warm0") ^ files_of(tmp / "site-floor0")
        reload = [] if args.no_serve else edit_to_reload(project, cache, args.repeat)

        warm_s, floor_s = statistics.median(warm), statistics.median(floor)
        per_figure = statistics.median(c[4] / c[2] for c in colds) if rendered else 0.0
        print(f"\nbuild times ({args.repeat} runs each, median):")
        line("floor (no figure script)", floor_s, note=f"runs {', '.join(f'{x:.1f}' for x in floor)}")
        line("warm", warm_s, 1.15 * floor_s, f"runs {', '.join(f'{x:.1f}' for x in warm)}")
        line("cold", cold, floor_s + (figures * 0.1 + experiments_cpu) / CORES,
             f"runs {', '.join(f'{c[0]:.1f}' for c in colds)}; {rendered} figures rendered and {computed} experiment "
             "results computed while the pages were built")
        if computed:
            line("experiments (CPU)", experiments_cpu, EXPERIMENTS_CPU_BUDGET,
                 f"CPU s of {computed} results, all cores (runs {', '.join(f'{c[7]:.1f}' for c in colds)})")
        if rendered:
            # not a budget of its own: the cold budget allows 0.1 s per figure per core of *wall* time,
            # and rendering overlaps the page build, so this may exceed 0.1 s with the cold budget met
            line("per-figure render cost", per_figure, None,
                 "CPU s per figure (4 files each; worker start-up excluded); cold allows 0.1 s wall per core")
        if cold_views and cold_views[0][0]:
            views, exported, _, size = cold_views[0]
            line("interactive views: export", statistics.median(v[2] for v in cold_views), None,
                 f"{exported} of {views} views exported in the build's process (wall = CPU), {size:.1f} MB of JSON; "
                 f"runs {', '.join(f'{v[2]:.2f}' for v in cold_views)}")
            line("interactive views: warm", statistics.median(v[2] for v in warm_views), None,
                 "hashing the sources and finding the cached files")
        if reload:
            line("edit-to-reload (serve)", statistics.median(reload), 1.2 * floor_s,
                 f"runs {', '.join(f'{x:.1f}' for x in reload)}")
        if mismatch:
            print(f"  note: the floor site and the warm site differ in {len(mismatch)} files, e.g. {sorted(mismatch)[:5]}")

        if args.profile:
            prof = tmp / "warm.prof"
            total, _ = build(project, tmp / "site-prof", cache, profile=prof)
            profile_report(prof, total)
    load = os.getloadavg()
    print(f"load average at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
