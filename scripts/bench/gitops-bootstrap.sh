#!/usr/bin/env bash
# Benchmark of `rhoai gitops bootstrap` against the simulated cluster used by the tests (fabric8 CRUD mock server +
# simulated OLM/operator, src/test/java/io/rhoai/gitops/SimulatedCluster.java). Reports API requests per bootstrap and
# per re-run, and the reaction time after the simulated CSV turns Succeeded, with watches vs polling.
# Usage: scripts/bench/gitops-bootstrap.sh [runs per mode, default 5] [CSV delay ms, default 1500]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -o test-compile
./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
exec java -Drhoai.shared.dir="$PWD/../shared" -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" io.rhoai.gitops.BootstrapBenchmark "$@"
