"""What a citation of this project says, read from ``CITATION.cff`` (the one place that states it).

Authors, year (of ``date-released``), version and title come from the file at build time, so a new
release changes every figure citation without an edit to a page or a script. A missing field is an
authoring mistake and fails the build naming the file.

The access date of a citation is the day the *reader* accessed the figure, which a build cannot know
(and a date of the build would make two builds differ). Citations therefore carry the placeholder
:data:`ACCESS_PLACEHOLDER`; ``docs/assets/reader.js`` replaces it with the reader's current date when
the page is shown, and without JavaScript the reader sees the placeholder to fill in.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

CFF = Path(__file__).resolve().parent.parent / "CITATION.cff"
ACCESS_PLACEHOLDER = "YYYY-MM-DD"

__all__ = ["Project", "project", "CitationError", "ACCESS_PLACEHOLDER", "CFF"]


class CitationError(ValueError):
    """CITATION.cff lacks something a citation needs."""


@dataclass(frozen=True)
class Project:
    authors: tuple[str, ...]  # display names: "Given Family" or an entity's name
    bibtex_authors: str  # BibTeX's "Family, Given and ..." (an entity's name braced, kept as one name)
    year: str
    version: str
    title: str


def _author(person: dict) -> tuple[str, str]:
    if "family-names" in person:
        given = person.get("given-names", "")
        return f"{given} {person['family-names']}".strip(), f"{person['family-names']}, {given}".rstrip(", ")
    if "name" in person:  # an entity (a group, the project's contributors)
        return person["name"], "{" + person["name"] + "}"
    raise CitationError(f"{CFF.name}: an author has neither 'family-names' nor 'name': {person}")


@functools.cache
def project(path: Path = CFF) -> Project:
    if not path.exists():
        raise CitationError(f"{path.name} is missing ({path}): figure citations are made from it")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    missing = [key for key in ("authors", "version", "date-released", "title") if not data.get(key)]
    if missing:
        raise CitationError(f"{path.name}: missing {', '.join(missing)} (a figure citation needs them)")
    names = [_author(a) for a in data["authors"]]
    return Project(
        authors=tuple(display for display, _ in names),
        bibtex_authors=" and ".join(bib for _, bib in names),
        year=str(data["date-released"])[:4],
        version=str(data["version"]),
        title=str(data["title"]),
    )
