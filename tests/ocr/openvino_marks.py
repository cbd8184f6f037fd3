"""Skip OpenVINO tests where the optional backend is absent, without importing it: a plain
``import openvino`` sends a usage event and writes under ~/intel (nianbao's session blocks that)."""

from importlib.util import find_spec

import pytest

needs_openvino = pytest.mark.skipif(
    find_spec("openvino") is None, reason='the openvino backend is optional: pip install -e ".[openvino]"'
)
