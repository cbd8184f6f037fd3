"""The exceptions nianbao raises on purpose. Each message says what to fix."""

from __future__ import annotations


class NianbaoError(Exception):
    """Base of every error nianbao raises deliberately."""


class ConfigError(NianbaoError):
    """A configuration file or option is wrong."""


class InputError(NianbaoError):
    """A document cannot be read: corrupt, encrypted, empty or of an unsupported kind."""


class EncryptedDocumentError(InputError):
    """A PDF is password-protected."""


class NoTablesError(NianbaoError):
    """A document was read but holds none of the report's tables."""


class ModelError(NianbaoError):
    """A model file is missing, broken or was made by an incompatible library version."""


class OcrError(NianbaoError):
    """The OCR engine failed or is not installed."""


class OutputFullError(NianbaoError):
    """The output folder's disk is full, over quota or read-only: the run stops, the documents stay pending."""
