"""Registration of custom figure drawers, kept apart so catalog modules can use it without cycles.

A catalog module registers the drawing of a figure next to the function it illustrates::

    @drawer("softmax_temperature", caption=T(...), alt=T(...))
    def _draw(canvas, figure): ...

and names it in the entry's ``extra_figures``. ``canvas`` is an :class:`activations.figures.plotting.Canvas`
(matplotlib objects and the palette), so this module and the catalog import no plotting library.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..core.spec import T

__all__ = ["Drawer", "DRAWERS", "drawer"]


@dataclass(frozen=True)
class Drawer:
    draw: Callable[..., None]
    caption: T
    alt: T
    size: tuple[float, float] = (6.4, 3.8)
    #: fixed margins (fractions of the figure, as plotting.MARGINS) for a drawer drawn many times with
    #: the same layout; None: matplotlib's tight_layout fits them to each drawing
    margins: dict[str, float] | None = None


#: custom drawers by name; the standard ones ("function", "gradient", ...) live in activations.figures.plotting
DRAWERS: dict[str, Drawer] = {}


def drawer(name: str, caption: T, alt: T, size: tuple[float, float] = (6.4, 3.8),
           margins: dict[str, float] | None = None) -> Callable:
    """Register ``draw(canvas, figure)`` as the drawer of the extra figure ``name``."""

    def register(draw: Callable[..., None]) -> Callable[..., None]:
        if name in DRAWERS:
            raise ValueError(f"figure drawer {name!r} is registered twice")
        DRAWERS[name] = Drawer(draw, caption, alt, size, margins)
        return draw

    return register
