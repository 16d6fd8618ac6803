"""Use cases: the only layer that composes importers, core, storage and exporters."""
