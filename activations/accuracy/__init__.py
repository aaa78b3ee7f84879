"""Measured accuracy: the ULP measurement against mpmath (:mod:`.ulp`, run by
``scripts/accuracy.py``), its committed result (``accuracy.json``), the table the site shows
(:mod:`.table`) and why an entry misses its target (:mod:`.notes`)."""
