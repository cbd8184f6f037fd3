#!/usr/bin/env bash
# Run the whole test suite (sets the environment up first when it is missing): lint, format and type checks
# first (seconds), then pytest. Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/nianbao ] || [ ! -x .venv/bin/ruff ] || [ ! -x .venv/bin/mypy ] || ! .venv/bin/python -c "import nianbao, pytest" 2>/dev/null; then
  scripts/setup.sh
fi
.venv/bin/ruff check src tests benchmarks
.venv/bin/ruff format --check src tests benchmarks
.venv/bin/mypy
# The Ray cluster tests are opt-in for a bare `pytest` (they spend a minute starting Ray); the suite runs them.
NIANBAO_CLUSTER_TESTS="${NIANBAO_CLUSTER_TESTS:-1}" exec .venv/bin/python -m pytest -q "$@"
