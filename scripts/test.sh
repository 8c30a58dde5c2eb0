#!/usr/bin/env bash
# The test command: installs the test dependencies (Debian packages) if missing, then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-test-deps.sh
exec ./mvnw -B -ntp verify "$@"
