#!/usr/bin/env bash
# Controller benchmark: starts a fresh copy of the built distribution, runs ControllerBenchmark (an in-process lab of
# N routers, registered over RESTCONF with one shared profile) and stops the distribution. Prints figures.
# usage: tools/bench/controller-bench.sh [--routers N] [--runs R]   (build first: ./openbsd-pbr setup)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JAVA_HOME=${JAVA_HOME:-$("$ROOT/tools/bin/ensure-jdk21.sh")}
export JAVA_HOME
curl -s -o /dev/null --max-time 2 http://127.0.0.1:8181/ && { echo "port 8181 in use: ./openbsd-pbr stop first"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/openbsd-pbr-bench.XXXXXX")
cp -a "$ROOT/distribution/target/assembly" "$work/karaf"
trap 'kill $(cat "$work/karaf/karaf.pid" 2>/dev/null) 2>/dev/null || true; sleep 3; rm -rf "$work"' EXIT
(cd "$work/karaf" && JAVA_MIN_MEM=1g JAVA_MAX_MEM=${OPENBSD_PBR_HEAP:-2048m} nohup bin/karaf server > console.log 2>&1 &)
"$ROOT/tools/bin/await-restconf.sh" http://127.0.0.1:8181/rests 180
(cd "$ROOT" && ./mvnw -B -q -o -pl tools dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" \
  -Dmdep.includeScope=runtime >/dev/null)
"$JAVA_HOME/bin/java" -Xmx1g -cp "${BENCH_CLASSES:-$ROOT/tools/target/classes}:$(cat "$work/cp.txt")" \
  org.opendaylight.openbsdpbr.tools.bench.ControllerBenchmark --pid "$(cat "$work/karaf/karaf.pid")" "$@"
