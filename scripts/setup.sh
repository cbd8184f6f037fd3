#!/usr/bin/env bash
# Set up nianbao on a fresh machine: a virtualenv in .venv with the package, the three OCR backends,
# Ray (for --executor ray and its tests), the test tools and the CJK fonts the synthetic-report
# generator draws with. Safe to run again.
#   NIANBAO_PADDLE=0 scripts/setup.sh   skips the paddle backend (saves ~1.5 GB)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
if [ "${NIANBAO_PADDLE:-1}" = "1" ]; then
  .venv/bin/python -m pip install -q -e ".[paddle,openvino,ray,dev]"
  # One cv2: paddlex pins opencv-contrib-python 4.10, rapidocr packages ask for opencv-python(-headless).
  # All three install the same cv2/ folder, so keep exactly one: contrib is a superset of the others.
  if [ "$(.venv/bin/python -m pip list 2>/dev/null | grep -ci '^opencv')" != "1" ]; then
    .venv/bin/python -m pip uninstall -q -y opencv-python opencv-python-headless opencv-contrib-python
    .venv/bin/python -m pip install -q --no-deps "opencv-contrib-python==4.10.0.84"
  fi
else
  .venv/bin/python -m pip install -q -e ".[openvino,ray,dev]"
fi
.venv/bin/python -c "import cv2, onnxruntime, sklearn; print('nianbao environment ready: cv2', cv2.__version__)"

# CJK fonts for `nianbao synth` and the generated test pages (Debian/Ubuntu; skipped where present).
if ! fc-list 2>/dev/null | grep -qi "wqy zenhei"; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    apt-get install -y -q fonts-wqy-zenhei fonts-arphic-ukai fonts-arphic-uming >/dev/null \
      || { apt-get update -q >/dev/null && apt-get install -y -q fonts-wqy-zenhei fonts-arphic-ukai fonts-arphic-uming >/dev/null; }
  else
    echo "warning: install the CJK fonts fonts-wqy-zenhei fonts-arphic-ukai fonts-arphic-uming for 'nianbao synth'" >&2
  fi
fi

# Chromium for the test that opens the review page in a real browser (tests/review; skipped without it).
if ! command -v chromium >/dev/null 2>&1 && [ "${NIANBAO_CHROMIUM:-1}" = "1" ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    apt-get install -y -q --no-install-recommends chromium >/dev/null \
      || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends chromium >/dev/null; } \
      || echo "warning: could not install chromium: the review page test will be skipped" >&2
  else
    echo "warning: install chromium (Debian package) to run the review page test; it is skipped without it" >&2
  fi
fi
