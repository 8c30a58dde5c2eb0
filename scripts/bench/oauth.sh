#!/usr/bin/env bash
# Benchmark of the `rhoai oauth` commands against the fake OpenShift API the tests use (fabric8 CRUD mock server +
# SubjectAccessReview answers, src/test/java/io/rhoai/oauth/OpenShiftMock.java). Reports API requests and writes per
# command (first run vs re-run: a re-run must write nothing) and the median wall time of an in-process CLI run.
# Usage: scripts/bench/oauth.sh [runs per command, default 10] [signed-in users for remove-kubeadmin, default 50]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -o test-compile
./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
exec java -Drhoai.shared.dir="$PWD/../shared" -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" io.rhoai.oauth.OAuthBenchmark "$@"
