"""motcua: a province's one-stop system for administrative procedures."""

__version__ = "0.1.0"
