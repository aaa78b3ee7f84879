"""One search index per language, loaded only when a reader searches (scripts/search-worker.js).

Material's search plugin, with static-i18n, writes one index of both languages to
``search/search_index.json``, and every page fetches it at load time (about 1 MB). After the build this
module turns that file into

- ``search/search_index.<lang>.js``: the documents of one language (``self.__searchIndex = {...}``), a
  script so that the same file loads in a web worker over HTTP and in a page opened from ``file://``
  (Chromium fetches no JSON from the file system). Formulas are plain text (previews show no TeX) and
  each function page carries its registry names and aliases as ``tags`` (Material boosts tag matches
  most), so "Swish" or "逻辑函数" finds the function's page first;
- ``search/search_index.json`` (and ``search_index.js`` in the offline copy): a stub with the search
  configuration and no documents. Material's bundle still fetches it at load, hands it to the worker,
  and our worker loads the page language's index when the search box is first used.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from search_text import readable

#: the global the language index scripts assign (read by scripts/search-worker.js)
INDEX_GLOBAL = "__searchIndex"
_FUNCTION_PAGE = re.compile(r"^functions/([a-z0-9_]+)(?:/|\.html)$")


def split_by_language(site_dir: Path, languages: list[tuple[str, bool]], offline: bool) -> dict[str, int]:
    """Rewrite the two-language index under ``site_dir/search`` as one script per language and a stub.

    ``languages`` lists ``(locale, is_default)``: the default language's pages are at the site root,
    every other language's under ``<locale>/``. Returns the size in bytes of each language's script.
    """
    folder = site_dir / "search"
    combined = folder / "search_index.json"
    if not combined.exists():
        return {}
    data = json.loads(combined.read_text(encoding="utf-8"))
    default = next(locale for locale, is_default in languages if is_default)
    prefixes = {locale: f"{locale}/" for locale, is_default in languages if not is_default}
    by_lang: dict[str, list[dict]] = {locale: [] for locale, _ in languages}
    for doc in data.get("docs", []):
        lang = next((locale for locale, prefix in prefixes.items() if doc["location"].startswith(prefix)), default)
        doc["title"] = readable(doc.get("title", ""))
        doc["text"] = readable(doc.get("text", ""))
        _add_names(doc, doc["location"].removeprefix(prefixes.get(lang, "")))
        by_lang[lang].append(doc)

    sizes = {}
    for lang, docs in by_lang.items():
        config = {**data["config"], "lang": _lunr_languages(data["config"]["lang"], lang)}
        script = f"self.{INDEX_GLOBAL} = {_json({'config': config, 'docs': docs})};\n"
        target = folder / f"search_index.{lang}.js"
        target.write_text(script, encoding="utf-8")
        sizes[lang] = target.stat().st_size
    stub = _json({"config": data["config"], "docs": []})
    combined.write_text(stub, encoding="utf-8")
    if offline:  # Material's bundle loads this script instead of the JSON when opened from file://
        (folder / "search_index.js").write_text(f"var __index = {stub}\n", encoding="utf-8")
    return sizes


def _lunr_languages(configured: list[str], lang: str) -> list[str]:
    """The lunr languages one index needs: its own, plus English (Chinese pages quote English terms)."""
    return [code for code in configured if code in (lang, "en")]


def _add_names(doc: dict, path: str) -> None:
    """A function page's own entry gets the function's names in both languages and its aliases."""
    import activations

    match = _FUNCTION_PAGE.match(path)
    if not match or match.group(1) not in activations.REGISTRY:
        return
    entry = activations.REGISTRY[match.group(1)]
    names = [entry.name.zh, entry.name.en, *entry.aliases]
    doc["tags"] = list(dict.fromkeys([*doc.get("tags", []), *names]))


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
