#!/usr/bin/env bash
# Rewrite the golden files under tests/ from the current code (see tests/fixtures/golden.py), then show
# what changed: review the diff before committing it.
set -euo pipefail
cd "$(dirname "$0")/.."
NIANBAO_REGEN_GOLDEN=1 .venv/bin/python -m pytest -m golden -q "$@"
git status --short -- 'tests/**/golden/*' tests/golden
