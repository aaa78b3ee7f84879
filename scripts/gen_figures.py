"""mkdocs-gen-files script: publish every figure of the registry under figures/<id>.<format>.

Drawing and caching live in the library (activations.plotting, activations.figure_cache); this loop
only hands the cached files to MkDocs. Figure URLs carry no language, so both languages share them.
"""

import logging
import sys
from pathlib import Path

import mkdocs_gen_files

sys.path.insert(0, str(Path(__file__).resolve().parent))  # runpy does not add the script's folder
import _site_path  # noqa: E402

_site_path.add_to_path()
from activations.figure_cache import OUTPUTS, ensure  # noqa: E402

log = logging.getLogger("mkdocs.plugins.gen_figures")

folders, report = ensure()
for figure_id, folder in folders.items():
    stem = figure_id.rsplit("/", 1)[-1]
    for suffix in OUTPUTS:
        with mkdocs_gen_files.open(f"figures/{figure_id}{suffix}", "wb") as published:
            published.write((folder / f"{stem}{suffix}").read_bytes())
log.info(str(report))
