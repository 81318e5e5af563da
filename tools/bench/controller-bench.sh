#!/usr/bin/env bash
# Controller benchmarks against the real distribution: starts a fresh copy of a built distribution on the standard
# ports, runs one benchmark class against it and stops it. Prints figures; asserts nothing.
#   controller  ControllerBenchmark: an in-process lab of N routers registered over RESTCONF with one shared profile
#               (registration, heap per router, profile fan-out, intent-to-applied latency, compiles per change)
#   conflicts   ConflictBenchmark: 30 concurrent PUTs of one router and one unrelated writer (answer times)
# With --compare OLD_ASSEMBLY the same benchmark runs first against OLD_ASSEMBLY (e.g. a build of an older commit),
# then against this tree's distribution, so that old and new figures come from one run on the same machine.
# --help lists the options and starts nothing; the benchmark's own options are checked before anything starts.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$ROOT/tools/bin/lib.sh"
usage() {
  cat <<'USAGE'
usage: tools/bench/controller-bench.sh [controller|conflicts] [--compare OLD_ASSEMBLY] [--assembly DIR] [options]
  controller options: --routers N (1000) --runs R (30) --base-port P (12201)
  conflicts options:  --writers N (30) --rounds R (3)
Uses the ports of ./openbsd-pbr start (8181...): run it with nothing else on them.
USAGE
}
bench=controller
case "${1:-}" in
  controller|conflicts) bench=$1; shift ;;
esac
case "$bench" in
  controller) MAIN=org.opendaylight.openbsdpbr.tools.bench.ControllerBenchmark ;;
  conflicts) MAIN=org.opendaylight.openbsdpbr.tools.bench.ConflictBenchmark ;;
esac
assembly=$ROOT/distribution/target/assembly
old=
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; pbr_java; exec "$JAVA_HOME/bin/java" -cp "${BENCH_CLASSES:-$ROOT/tools/target/classes}:$(pbr_tools_classpath)" "$MAIN" --help ;;
    --compare) old=$(cd "$2" && pwd); shift 2 ;;
    --assembly) assembly=$(cd "$2" && pwd); shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
pbr_java
cp=$(pbr_tools_classpath)
run_main() { "$JAVA_HOME/bin/java" -Xmx1g -cp "${BENCH_CLASSES:-$ROOT/tools/target/classes}:$cp" "$MAIN" "$@"; }
# the command line is checked (a mistyped option) before anything starts
run_main --check ${args[@]+"${args[@]}"}
pbr_port_busy 8181 && { echo "port 8181 in use: ./openbsd-pbr stop first"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/openbsd-pbr-bench.XXXXXX")
trap 'pbr_karaf_stop "$work/karaf" 2>/dev/null || true; rm -rf "$work"' EXIT

run_against() { # $1 = label, $2 = assembly
  echo "=== $bench benchmark against $1 ($2)"
  rm -rf "$work/karaf"
  cp -a "$2" "$work/karaf"
  if [ ! -e "$work/karaf/bin/openbsd-pbr-admin" ]; then
    # a distribution from before the generated password (safe by default; bin/openbsd-pbr-admin writes it at the
    # first start) still has AAA's default login
    echo "(no etc/admin-password in $2: an older distribution, logging in with AAA's default admin/admin)"
    (umask 077; echo admin > "$work/karaf/etc/admin-password")
  fi
  JAVA_MIN_MEM=1g pbr_karaf_launch "$work/karaf" "${OPENBSD_PBR_HEAP:-2048m}"
  local pid
  pid=$(pbr_karaf_await "$work/karaf" http://127.0.0.1:8181/rests 180)
  # a failed half is reported and the other half still runs (set -e does not act inside a function called in a
  # condition); the script's status says whether both halves ran to the end
  (cd "$ROOT" && run_main --pid "$pid" --password-file "$(pbr_password_file "$work/karaf")" ${args[@]+"${args[@]}"}) \
    || { echo "=== $bench benchmark against $1 FAILED (exit $?)"; failed=1; }
  pbr_karaf_stop "$work/karaf"
}
failed=0
if [ -n "$old" ]; then run_against old "$old"; fi
run_against new "$assembly"
exit "$failed"
