#!/usr/bin/env bash
# A three-member ODL cluster against the lab: e2e/src/test/java/.../ClusterE2E.java (its Javadoc says what it checks).
# Three copies of the built distribution form one cluster, the lab's routers are registered through member 1; the test
# checks that every router reaches in-sync with exactly one manager, that kill -9 of the busiest member hands its
# routers to the survivors without committing anything twice, that a change through a survivor reaches every router
# once, that the killed member rejoins, and that no secret reaches a log. It prints what it checks, the routers per
# member after each step, and the figures; fails on the first failure, keeping the logs.
#
# usage: tools/test/cluster.sh [--assembly DIR] [--routers N] [--groups G] [--check-sync S] [--heap SIZE]
#                              [--no-restart] [--hold S]
#   --assembly DIR    the distribution to run (default distribution/target/assembly)
#   --routers N       lab routers (default 12)
#   --groups G        ownership-groups (default 64; 0 = one cluster singleton per router)
#   --check-sync S    drift check interval in seconds (default 60)
#   --heap SIZE       heap per member (default 1024m)
#   --no-restart      leave the killed member down
#   --hold S          keep a failed cluster running S seconds before the clean-up, for a look at it
# The same through the environment: CLUSTER_ASSEMBLY, CLUSTER_ROUTERS, CLUSTER_GROUPS, CLUSTER_CHECK_SYNC,
# CLUSTER_HEAP, CLUSTER_HOLD.
#
# Ports (clear of a single node and of tools/test/e2e.sh): member i (1..3) RESTCONF 8190+i (Netty 8195+i), Karaf ssh
# 8110+i, JMX 1110+i/44450+i, Pekko 127.0.0.1:2560+i; lab routers on 2401.., lab control on 2499. Run it under the
# ports lock (flock /work/.ports.lock tools/test/cluster.sh) where others share the machine.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$ROOT/tools/bin/lib.sh"
props=(-De2e.cluster.assembly="${CLUSTER_ASSEMBLY:-$ROOT/distribution/target/assembly}"
  -De2e.cluster.routers="${CLUSTER_ROUTERS:-12}" -De2e.cluster.groups="${CLUSTER_GROUPS:-64}"
  -De2e.cluster.checkSync="${CLUSTER_CHECK_SYNC:-60}" -De2e.cluster.heap="${CLUSTER_HEAP:-1024m}"
  -De2e.cluster.hold="${CLUSTER_HOLD:-0}")
while [ $# -gt 0 ]; do
  case "$1" in
    --assembly) props+=(-De2e.cluster.assembly="$(cd "$2" && pwd)"); shift ;;
    --routers) props+=(-De2e.cluster.routers="$2"); shift ;;
    --groups) props+=(-De2e.cluster.groups="$2"); shift ;;
    --check-sync) props+=(-De2e.cluster.checkSync="$2"); shift ;;
    --heap) props+=(-De2e.cluster.heap="$2"); shift ;;
    --hold) props+=(-De2e.cluster.hold="$2"); shift ;;
    --no-restart) props+=(-De2e.cluster.restart=false) ;;
    -h|--help) sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "cluster: unknown option $1 (see --help)"; exit 2 ;;
  esac
  shift
done
pbr_java
pbr_tools_classpath > /dev/null   # the lab's classpath, computed once (offline) before the members start
cd "$ROOT"
exec ./mvnw -B -ntp -o -pl e2e verify -De2e.skip=false -Dtest=ClusterE2E -Dsurefire.failIfNoSpecifiedTests=false \
  -Dodlparent.checkstyle.skip -Dodlparent.spotbugs.skip -Dodlparent.modernizer.skip \
  -Dsurefire.reportFormat=plain -DtrimStackTrace=true "${props[@]}"
