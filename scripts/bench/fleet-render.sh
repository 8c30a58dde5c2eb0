#!/usr/bin/env bash
# Benchmark of `rhoai fleet render` and `rhoai fleet status` over generated fleets (src/test/java/io/rhoai/fleet/FleetFixture):
# render's wall time and the bytes it writes, status's API requests to the (simulated) hub and its wall time, for each size.
# Usage: scripts/bench/fleet-render.sh [runs per size, default 5] [sizes, default 10,50]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -o test-compile
./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
exec java -Drhoai.shared.dir="$PWD/../shared" -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" io.rhoai.fleet.FleetBenchmark "$@"
