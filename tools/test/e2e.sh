#!/usr/bin/env bash
# End-to-end tests against the real distribution: a fresh copy of the built Karaf distribution is started on the
# standard ports (first start: it generates its RESTCONF admin password, which the tests read from its etc/), the e2e
# module's tests talk to it over HTTP (RESTCONF) and SSH (the lab), then it is stopped.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$ROOT/tools/bin/lib.sh"
ASSEMBLY=$ROOT/distribution/target/assembly
[ -d "$ASSEMBLY" ] || { echo "e2e: no distribution at $ASSEMBLY: build first"; exit 1; }
pbr_java

if pbr_port_busy 8181; then
  echo "e2e: port 8181 is in use (a controller from './openbsd-pbr start'?): stop it first (./openbsd-pbr stop)"
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/openbsd-pbr-e2e.XXXXXX")
karaf=$work/karaf
cp -a "$ASSEMBLY" "$karaf"
# snapshots of the datastore every 10 transactions (default 20000), so that SecretsE2E's scan of every file under the
# distribution for clear secrets covers snapshot files too (the feature install keeps an existing .cfg)
printf 'shard-snapshot-batch-count=10\n' > "$karaf/etc/org.opendaylight.controller.cluster.datastore.cfg"
cleanup() {
  local rc=$?
  pbr_lab_stop "$work/lab"
  pbr_karaf_stop "$karaf"
  if [ $rc != 0 ]; then
    echo "e2e: FAILED; controller log kept in $karaf/data/log/karaf.log, lab log in $work/lab/lab.log"
    tail -n 10 "$work/lab/lab.log" 2>/dev/null || true
    tail -n 30 "$karaf/data/log/karaf.log" 2>/dev/null | cut -c1-300 || true
  else
    rm -rf "$work"
  fi
  exit $rc
}
trap cleanup EXIT

# The lab: 35 simulated routers on 127.0.0.1:2201..2235 (r6..r35: RolloutE2E) (password lab-password), control on :2299.
mkdir -p "$work/lab"
# the controller logs in with a key: the rendered sshd_config refuses root logins with a password
ssh-keygen -q -t ed25519 -N '' -C openbsd-pbr-e2e -f "$work/lab/controller-key" > /dev/null
t0=$SECONDS
pbr_karaf_launch "$karaf" "${OPENBSD_PBR_HEAP:-2048m}"
pbr_lab_start "$work/lab" 35 2201 2299 > /dev/null || { echo "e2e: the lab did not start"; cat "$work/lab/lab.log"; exit 1; }
pid=$(pbr_karaf_await "$karaf" http://127.0.0.1:8181/rests 180) || { echo "e2e: RESTCONF did not come up"; exit 1; }
echo "e2e: RESTCONF answered $((SECONDS - t0)) s after launch (JVM pid $pid, RSS $(ps -o rss= -p "$pid" | awk '{printf "%d MiB", $1/1024}'))"

(cd "$ROOT" && ./mvnw -B -ntp -o -pl e2e verify -De2e.skip=false -De2e.karaf.home="$karaf" -De2e.lab.key="$work/lab/controller-key" \
  -Dodlparent.checkstyle.skip -Dodlparent.spotbugs.skip -Dodlparent.modernizer.skip)
