"""Legacy Word (.doc) and WPS (.wps) files, converted to .docx with LibreOffice where it is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from nianbao.errors import InputError

CONVERT_TIMEOUT_S = 180


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(path: Path, out_dir: Path) -> Path:
    """``path`` converted into ``out_dir`` (a scratch folder); raises InputError naming what to install."""
    soffice = soffice_path()
    if soffice is None:
        raise InputError(
            f"a {path.suffix} file needs LibreOffice to be read: install it (apt-get install libreoffice-writer) "
            "so that soffice is on PATH, or save the file as .docx"
        )
    env = dict(os.environ, HOME=str(out_dir))  # its own profile folder: no lock shared with a running office
    command = [soffice, "--headless", "--norestore", "--convert-to", "docx", "--outdir", str(out_dir), str(path)]
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=CONVERT_TIMEOUT_S, env=env)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        raise InputError(f"LibreOffice could not convert the {path.suffix} file ({exc})") from None
    converted = out_dir / f"{path.stem}.docx"
    if not converted.exists():
        raise InputError(f"LibreOffice wrote no .docx for the {path.suffix} file: is it damaged?")
    return converted
