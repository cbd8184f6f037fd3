"""The golden-file comparison: exact, except boxes within a couple of pixels."""

import json

import pytest

from tests.fixtures.golden import check_golden


def test_boxes_may_move_a_pixel_values_may_not(tmp_path):
    path = tmp_path / "g.json"
    path.write_text(json.dumps({"cells": {"a": {"bbox": [10.0, 20.0, 30.0, 40.0], "value": 3}}}), encoding="utf-8")
    check_golden(path, {"cells": {"a": {"bbox": [11.0, 20.0, 29.0, 40.0], "value": 3}}})
    with pytest.raises(AssertionError, match=r"bbox\[0\]: 13.0 != 10.0"):
        check_golden(path, {"cells": {"a": {"bbox": [13.0, 20.0, 30.0, 40.0], "value": 3}}})
    with pytest.raises(AssertionError, match=r"value: 4 != 3"):
        check_golden(path, {"cells": {"a": {"bbox": [10.0, 20.0, 30.0, 40.0], "value": 4}}})
    with pytest.raises(AssertionError, match="no golden file"):
        check_golden(tmp_path / "missing.json", {})
