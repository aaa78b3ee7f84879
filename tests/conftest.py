"""Shared fixtures: one strict build of the site per test session, served on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD_ENV = {
    **os.environ,
    "NO_MKDOCS_2_WARNING": "1",
    "DISABLE_MKDOCS_2_WARNING": "true",
    "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1767225600"),
}


def mkdocs_build(site_dir: Path, config: Path = ROOT / "mkdocs.yml", env: dict | None = None,
                 tool: str = "mkdocs") -> subprocess.CompletedProcess:
    """Run a strict build in a subprocess (as a user would) and return the finished process."""
    args = [str(Path(sys.executable).with_name(tool)), "build", "--strict", "-f", str(config), "-d", str(site_dir)]
    return subprocess.run(args, cwd=config.parent, env={**BUILD_ENV, **(env or {})},
                          capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(site_dir)
    assert result.returncode == 0, f"strict build failed:\n{result.stderr[-4000:]}"
    assert "WARNING" not in result.stderr, result.stderr
    site_dir.joinpath("build.log").write_text(result.stderr)
    return site_dir



@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    """`make offline`'s build (pages as files, for file://), built once for test_search and test_interactive."""
    site_dir = tmp_path_factory.mktemp("offline") / "site-offline"
    result = mkdocs_build(site_dir, env={"USE_DIRECTORY_URLS": "false"})
    assert result.returncode == 0, f"strict offline build failed:\n{result.stderr[-4000:]}"
    assert "WARNING" not in result.stderr, result.stderr
    return site_dir

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output readable
        pass


def serve(directory: Path, prefix: str = "") -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve ``directory`` on 127.0.0.1 (under the URL path ``prefix`` if given)."""
    if prefix:
        root = directory.parent / f"{directory.name}-served"
        target = root / prefix.strip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            target.symlink_to(directory, target_is_directory=True)
        directory = root
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}{prefix.rstrip('/')}/", server


@pytest.fixture(scope="session")
def site_url(site):
    url, server = serve(site)
    yield url
    server.shutdown()
    server.server_close()


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# As root, Playwright adds --no-sandbox itself; the rest keeps Chromium off the (closed) network.
CHROMIUM_ARGS = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-default-apps"]


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright's Python API (never a browser Playwright downloads)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: run `make test` (it installs Debian's chromium) "
                    "or apt-get install chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()
