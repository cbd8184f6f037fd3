"""nianbao: scanned Chinese government annual reports to clean, checked numbers.

import nianbao
report = nianbao.extract("scans/hz2023.pdf")   # a nianbao.Report
report.fields["requests.new_received.total"], report.status_counts, report.to_pandas()
frame = nianbao.read_run("out/archive")         # every report of a `nianbao extract` run, long format
"""

import sys
import types

from nianbao.api import extract, read_run
from nianbao.report import Report
from nianbao.version import __version__

__all__ = ["Report", "__version__", "extract", "read_run"]


class _Package(types.ModuleType):
    """Keeps ``nianbao.extract`` the API function: importing the stage package ``nianbao.extract`` would
    otherwise rebind the name to that subpackage (it stays importable as ``nianbao.extract.<module>``)."""

    def __setattr__(self, name: str, value: object) -> None:
        if name == "extract" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
