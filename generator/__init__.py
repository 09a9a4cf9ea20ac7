"""Turn procedures written as YAML into a handbook site and printable checklists."""

__version__ = "0.1.0"
