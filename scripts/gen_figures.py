"""mkdocs-gen-files script: publish every figure of the registry under figures/<id>.<format>, and the
data of every interactive view under interactive/<key>.json.

Drawing and caching live in the library (activations.figures.plotting, activations.figures.cache); this loop
only hands the cached files to MkDocs. Figure URLs carry no language, so both languages share them.
Figures missing from the cache are rendered in the background while MkDocs builds the pages;
scripts/hooks.py waits for them before it copies them into the site.
"""

import sys
from pathlib import Path

import mkdocs_gen_files
from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).resolve().parent))  # runpy does not add the script's folder
import _site_path  # noqa: E402

_site_path.add_to_path()
from activations.figures.cache import OUTPUTS, start  # noqa: E402

editor = mkdocs_gen_files.FilesEditor.current()
for figure_id, folder in start().items():
    stem = figure_id.rsplit("/", 1)[-1]
    for suffix in OUTPUTS:
        uri = f"figures/{figure_id}{suffix}"
        # A site file whose source is the cached file itself. editor.open() would write a temporary
        # file for each of the ~450 figure files, twice a build (once per language): about a second.
        editor._files[uri] = File.generated(editor.config, uri, abs_src_path=str(folder / f"{stem}{suffix}"))

# The interactive views' data (activations.interactive): one JSON per element-wise function, exported
# from the registry and cached like the figures; a function page's view and the compare page load it.
from activations.interactive.cache import as_scripts, ensure as ensure_views  # noqa: E402

views = ensure_views()
for key, path in views.items():
    uri = f"interactive/{key}.json"
    editor._files[uri] = File.generated(editor.config, uri, abs_src_path=str(path))
if not editor.config.use_directory_urls:  # the offline copy (file://): the same data as scripts too
    for key, path in as_scripts(views).items():
        uri = f"interactive/{key}.js"
        editor._files[uri] = File.generated(editor.config, uri, abs_src_path=str(path))
