#!/usr/bin/env bash
# End-to-end tests against the real distribution: a fresh copy of the built Karaf distribution is started on the
# standard ports, the e2e module's tests talk to it over HTTP (RESTCONF) and SSH (the lab), then it is stopped.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ASSEMBLY=$ROOT/distribution/target/assembly
[ -d "$ASSEMBLY" ] || { echo "e2e: no distribution at $ASSEMBLY: build first"; exit 1; }
JAVA_HOME=${JAVA_HOME:-$("$ROOT/tools/bin/ensure-jdk21.sh")}
export JAVA_HOME

if curl -s -o /dev/null --max-time 2 http://127.0.0.1:8181/ 2>/dev/null; then
  echo "e2e: port 8181 is in use (a controller from './openbsd-pbr start'?): stop it first (./openbsd-pbr stop)"
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/openbsd-pbr-e2e.XXXXXX")
karaf=$work/karaf
cp -a "$ASSEMBLY" "$karaf"
# snapshots of the datastore every 10 transactions (default 20000), so that SecretsE2E's scan of every file under the
# distribution for clear secrets covers snapshot files too (the feature install keeps an existing .cfg)
printf 'shard-snapshot-batch-count=10\n' > "$karaf/etc/org.opendaylight.controller.cluster.datastore.cfg"

# The lab: 4 simulated routers on 127.0.0.1:2201..2204 (password lab-password), control on :2299.
TOOLS_JAR=$ROOT/tools/target/openbsd-pbr-tools-0.1.0-SNAPSHOT.jar
(cd "$ROOT" && ./mvnw -B -q -o -pl tools dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" \
  -Dmdep.includeScope=runtime >/dev/null)
mkdir -p "$work/lab"
(umask 077; printf 'lab-password\n' > "$work/lab/password")
# the controller logs in with a key: the rendered sshd_config refuses root logins with a password
ssh-keygen -q -t ed25519 -N '' -C openbsd-pbr-e2e -f "$work/lab/controller-key" > /dev/null
"$JAVA_HOME/bin/java" -Xmx512m -cp "$TOOLS_JAR:$(cat "$work/cp.txt")" org.opendaylight.openbsdpbr.tools.cli.Main \
  lab --routers 4 --base-port 2201 --password-file "$work/lab/password" --control-port 2299 --state-dir "$work/lab" \
  > "$work/lab/lab.log" 2>&1 < /dev/null &
lab_pid=$!
cleanup() {
  local rc=$?
  kill "$lab_pid" 2>/dev/null || true
  if [ -f "$karaf/karaf.pid" ]; then
    pid=$(cat "$karaf/karaf.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
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

t0=$SECONDS
(cd "$karaf" && JAVA_MIN_MEM=512m JAVA_MAX_MEM=${OPENBSD_PBR_HEAP:-2048m} nohup bin/karaf server > console.log 2>&1 \
  < /dev/null &) > /dev/null 2>&1 < /dev/null
"$ROOT/tools/bin/await-restconf.sh" http://127.0.0.1:8181/rests 180 || { echo "e2e: RESTCONF did not come up"; exit 1; }
echo "e2e: RESTCONF answered $((SECONDS - t0)) s after launch (JVM pid $(cat "$karaf/karaf.pid"), RSS $(ps -o rss= -p "$(cat "$karaf/karaf.pid")" | awk '{printf "%d MiB", $1/1024}'))"

for _ in $(seq 1 30); do curl -s -o /dev/null --max-time 1 http://127.0.0.1:2299/ && break; sleep 1; done
curl -s --max-time 2 http://127.0.0.1:2299/ > /dev/null || { echo "e2e: the lab did not start"; cat "$work/lab/lab.log"; exit 1; }

(cd "$ROOT" && ./mvnw -B -ntp -o -pl e2e verify -De2e.skip=false -De2e.karaf.home="$karaf" -De2e.lab.key="$work/lab/controller-key" \
  -Dodlparent.checkstyle.skip -Dodlparent.spotbugs.skip -Dodlparent.modernizer.skip)
