"""Figures: which exist (:mod:`.inventory`), how a catalog module registers a custom one
(:mod:`.drawers`), the one renderer (:mod:`.plotting`), PNG/PDF from its SVG (:mod:`.print_formats`)
and the content-addressed render cache shared by the site, the tests and the CLI (:mod:`.cache`).

Nothing is imported here: the catalog imports :mod:`.drawers` while the registry is being built, and
importing the inventory at that point would be circular.
"""
