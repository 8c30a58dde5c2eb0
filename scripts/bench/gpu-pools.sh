#!/usr/bin/env bash
# API requests and writes of `rhoai gpu pools add` (first run, re-run, one concurrent ClusterAutoscaler edit) against
# the fake cluster of the tests (src/test/java/io/rhoai/cli/gpu/GpuPoolsBenchmark.java).
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -o test-compile
./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" io.rhoai.cli.gpu.GpuPoolsBenchmark "$@"
