"""Build-cost benchmark: ``python -m bench`` (see bench/README.md)."""
