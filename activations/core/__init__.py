"""The registry core: the data model of an entry (:mod:`.spec`), the registry that collects the
catalog's entries (:mod:`.registry`), the array handling every kernel shares (:mod:`.arrays`) and the
numbers derived from an entry (:mod:`.analysis`). The functions themselves live in
:mod:`activations.catalog`."""
