"""The version of nianbao, apart from the package so that any module can record it without an import cycle."""

__version__ = "0.1.0"
