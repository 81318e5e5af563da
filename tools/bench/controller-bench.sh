#!/usr/bin/env bash
# Controller benchmarks against the real distribution: starts a fresh copy of a built distribution on the standard
# ports, runs one benchmark class against it and stops it. Prints figures; asserts nothing.
#   controller  ControllerBenchmark: an in-process lab of N routers registered over RESTCONF with one shared profile
#               (registration, heap per router, profile fan-out, intent-to-applied latency, compiles per change)
#   conflicts   ConflictBenchmark: 30 concurrent PUTs of one router and one unrelated writer (answer times)
# With --compare OLD_ASSEMBLY the same benchmark runs first against OLD_ASSEMBLY (e.g. a build of an older commit),
# then against this tree's distribution, so that old and new figures come from one run on the same machine.
usage() {
  cat <<'EOF'
usage: tools/bench/controller-bench.sh [controller|conflicts] [--compare OLD_ASSEMBLY] [--assembly DIR] [options]
  controller options: --routers N (1000) --runs R (30) --base-port P (12201)
  conflicts options:  --writers N (30) --rounds R (3)
Uses the ports of ./openbsd-pbr start (8181...): run it under flock /work/.ports.lock or with nothing else running.
EOF
}
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bench=controller
case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  controller|conflicts) bench=$1; shift ;;
esac
assembly=$ROOT/distribution/target/assembly
old=
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --compare) old=$(cd "$2" && pwd); shift 2 ;;
    --assembly) assembly=$(cd "$2" && pwd); shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
case "$bench" in
  controller) main=org.opendaylight.openbsdpbr.tools.bench.ControllerBenchmark ;;
  conflicts) main=org.opendaylight.openbsdpbr.tools.bench.ConflictBenchmark ;;
esac
JAVA_HOME=${JAVA_HOME:-$("$ROOT/tools/bin/ensure-jdk21.sh")}
export JAVA_HOME
curl -s -o /dev/null --max-time 2 http://127.0.0.1:8181/ && { echo "port 8181 in use: ./openbsd-pbr stop first"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/openbsd-pbr-bench.XXXXXX")
stop_karaf() {
  local pid
  pid=$(cat "$work/karaf/karaf.pid" 2>/dev/null) || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -rf "$work/karaf"
}
trap 'stop_karaf; rm -rf "$work"' EXIT
(cd "$ROOT" && ./mvnw -B -q -o -pl tools dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" \
  -Dmdep.includeScope=runtime >/dev/null)

run_against() { # $1 = label, $2 = assembly
  echo "=== $bench benchmark against $1 ($2)"
  cp -a "$2" "$work/karaf"
  (cd "$work/karaf" && JAVA_MIN_MEM=1g JAVA_MAX_MEM=${OPENBSD_PBR_HEAP:-2048m} nohup bin/karaf server > console.log 2>&1 \
    < /dev/null &)
  "$ROOT/tools/bin/await-restconf.sh" http://127.0.0.1:8181/rests 180
  (cd "$ROOT" && "$JAVA_HOME/bin/java" -Xmx1g -cp "${BENCH_CLASSES:-$ROOT/tools/target/classes}:$(cat "$work/cp.txt")" \
    "$main" --pid "$(cat "$work/karaf/karaf.pid")" ${args[@]+"${args[@]}"})
  stop_karaf
}
[ -n "$old" ] && run_against old "$old"
run_against new "$assembly"
