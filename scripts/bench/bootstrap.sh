#!/usr/bin/env bash
# Request counts and wall times of `rhoai bootstrap` (full, re-run) and `rhoai status` against the simulated cluster
# (testing/PlatformFixture: one mock API server, simulated OLM/Argo CD/router/API server rollouts, real TLS handshakes).
# The tests print one "[bench]" line each; this runs just those two tests and shows the lines.
# Figures are in docs/bootstrap.md. Run it alone: the machine's load changes the wall times, not the counts.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -o -q test -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest='BootstrapCommandTest#fromAnEmptyClusterToDoneThenAReRunWritesNothing,StatusCommandTest#aHealthyClusterExitsZeroWithEverySection' \
  2>&1 | grep '^\[bench\]'
