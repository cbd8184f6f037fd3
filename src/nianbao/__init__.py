"""nianbao: scanned Chinese government annual reports to clean, checked numbers."""

__version__ = "0.1.0"
