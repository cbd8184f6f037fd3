#!/usr/bin/env bash
# Run the whole test suite (sets the environment up first when it is missing).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/nianbao ] || ! .venv/bin/python -c "import nianbao, pytest" 2>/dev/null; then
  scripts/setup.sh
fi
exec .venv/bin/python -m pytest -q "$@"
