#!/usr/bin/env bash
# The cluster benchmark (issue 13): e2e/src/test/java/.../ClusterBench.java (its Javadoc says what it measures).
# Three members of the built distribution on this machine, a lab of N routers, one shared profile: registration time,
# the spread, a profile change to all N, kill -9 of the busiest member until all N are in sync again, its rejoin until
# the spread is restored; per member RSS, committed heap and heap per managed router; after each phase
# "routers per member: ...". Then the same N on one member alone, and both sets of figures side by side. Prints
# figures; asserts nothing else.
#
# usage: tools/bench/cluster-bench.sh [--routers N] [--groups G] [--heap SIZE] [--lab-heap SIZE] [--no-single]
#                                     [--phase-minutes M] [--assembly DIR] [--keep]
#   --routers N        lab routers (default 1000)
#   --groups G         ownership-groups (default 64)
#   --heap SIZE        heap per member (default 2048m)
#   --lab-heap SIZE    the lab's heap (default 512m; about 1g per 1,000 routers beyond the first 1,000)
#   --no-single        skip the one-member run
#   --phase-minutes M  how long a phase may take before the benchmark gives up (default 15); a PUT without an answer
#                      within 30 s is sent again, up to 30 times (so one PUT may hold registration up to 15 minutes)
#   --assembly DIR     the distribution (default distribution/target/assembly)
#   --keep             keep the work directory (members' logs, journals) of a run that passed too; either way each
#                      member's log is summed up at the end (WARN/ERROR counts, the most frequent, placement moves)
# Ports: the cluster test's (RESTCONF 8191-8193, Pekko 2561-2563, ...), the lab from 12201 (control 12190). Run it
# under the ports lock where others share the machine: flock /work/.ports.lock ./openbsd-pbr bench cluster ...
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
props=()
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --routers) [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "bench cluster: --routers takes a positive number"; exit 2; }
      props+=(-De2e.bench.routers="$2"); shift ;;
    --groups) [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "bench cluster: --groups takes a positive number"; exit 2; }
      props+=(-De2e.bench.groups="$2"); shift ;;
    --heap) props+=(-De2e.bench.heap="${2:?--heap SIZE}"); shift ;;
    --lab-heap) export PBR_LAB_HEAP="${2:?--lab-heap SIZE}"; shift ;;
    --no-single) props+=(-De2e.bench.single=false) ;;
    --phase-minutes) props+=(-De2e.bench.phaseMinutes="${2:?--phase-minutes M}"); shift ;;
    --keep) props+=(-De2e.bench.keep=true) ;;
    --assembly) props+=(-De2e.cluster.assembly="$(cd "${2:?--assembly DIR}" && pwd)"); shift ;;
    *) echo "bench cluster: unknown option $1 (see --help)"; exit 2 ;;
  esac
  shift
done
. "$ROOT/tools/bin/lib.sh"
pbr_java
pbr_tools_classpath > /dev/null   # the lab's classpath, computed once (offline) before the members start
cd "$ROOT"
exec ./mvnw -B -ntp -o -q -pl e2e verify -De2e.skip=false -Dtest=ClusterBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dodlparent.checkstyle.skip -Dodlparent.spotbugs.skip -Dodlparent.modernizer.skip \
  -Dsurefire.reportFormat=plain -DtrimStackTrace=true ${props[@]+"${props[@]}"}
