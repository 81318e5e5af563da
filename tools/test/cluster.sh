#!/usr/bin/env bash
# A three-member ODL cluster against the lab: three copies of the built Karaf distribution form one cluster (every
# shard replicated on all three, so the datastore keeps a majority when one member dies), 12 lab routers are
# registered through member 1, and the script checks that every router reaches in-sync, that exactly one member
# manages each router (status leaf managed-by, and the members' own logs), that killing (-9) the member managing the
# most routers moves its routers to the survivors without committing anything twice, that a change made through a
# survivor reaches every router exactly once, and (unless --no-restart) that the killed member rejoins with nothing
# committed again. Prints what it checks and the figures; exits non-zero on the first failure, keeping the logs.
#
# usage: tools/test/cluster.sh [--assembly DIR] [--tools-jar JAR] [--tools-cp FILE|CLASSPATH] [--routers N]
#                              [--groups G] [--check-sync S] [--heap SIZE] [--no-restart]
# The same through the environment: CLUSTER_ASSEMBLY, CLUSTER_TOOLS_JAR, CLUSTER_TOOLS_CP, CLUSTER_ROUTERS,
# CLUSTER_GROUPS (ownership-groups, default 32; 0 = one singleton per router), CLUSTER_CHECK_SYNC (drift check
# interval in seconds, default 60), CLUSTER_HEAP (per member, default 1024m), CLUSTER_HOLD (seconds to keep a failed
# cluster running before the clean-up, for a look at it; default 0).
#
# Ports (chosen not to collide with a single node or tools/test/e2e.sh): member i (1..3) RESTCONF 8190+i (its Netty
# endpoint 8195+i), Karaf ssh 8110+i, JMX RMI registry 1110+i and server 44450+i, Pekko artery 127.0.0.1:2560+i;
# lab routers r1..rN on 2401.., lab control on 2499.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ASSEMBLY=${CLUSTER_ASSEMBLY:-$ROOT/distribution/target/assembly}
TOOLS_JAR=${CLUSTER_TOOLS_JAR:-$ROOT/tools/target/openbsd-pbr-tools-0.1.0-SNAPSHOT.jar}
TOOLS_CP=${CLUSTER_TOOLS_CP:-}
ROUTERS=${CLUSTER_ROUTERS:-12}
OWN_GROUPS=${CLUSTER_GROUPS:-32}
CHECK_SYNC=${CLUSTER_CHECK_SYNC:-60}
HEAP=${CLUSTER_HEAP:-1024m}
RESTART=1
while [ $# -gt 0 ]; do
  case "$1" in
    --assembly) ASSEMBLY=$2; shift ;;
    --tools-jar) TOOLS_JAR=$2; shift ;;
    --tools-cp) TOOLS_CP=$2; shift ;;
    --routers) ROUTERS=$2; shift ;;
    --groups) OWN_GROUPS=$2; shift ;;
    --check-sync) CHECK_SYNC=$2; shift ;;
    --heap) HEAP=$2; shift ;;
    --no-restart) RESTART=0 ;;
    -h|--help) sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "cluster: unknown option $1 (see --help)"; exit 2 ;;
  esac
  shift
done
[ -d "$ASSEMBLY" ] || { echo "cluster: no distribution at $ASSEMBLY: build first"; exit 1; }
[ -f "$TOOLS_JAR" ] || { echo "cluster: no tools jar at $TOOLS_JAR: build first"; exit 1; }
JAVA_HOME=${JAVA_HOME:-$("$ROOT/tools/bin/ensure-jdk21.sh")}
export JAVA_HOME
for tool in curl jq ss ssh-keygen; do command -v $tool > /dev/null || { echo "cluster: $tool is needed"; exit 1; }; done

MEMBERS=(1 2 3)
LAB_BASE=2401
LAB_CONTROL=2499
LAB_URL=http://127.0.0.1:$LAB_CONTROL/
PPPOE_SECRET=Ppp0eS3cretCluster
http_port() { echo $((8190 + $1)); }
ports_of() { echo "$((8190 + $1)) $((8110 + $1)) $((1110 + $1)) $((44450 + $1)) $((2560 + $1))"; }

busy=""
for i in "${MEMBERS[@]}"; do
  for p in $(ports_of "$i"); do ss -ltnH "sport = :$p" | grep -q . && busy="$busy $p"; done
done
for p in $(seq $LAB_BASE $((LAB_BASE + ROUTERS - 1))) $LAB_CONTROL; do
  ss -ltnH "sport = :$p" | grep -q . && busy="$busy $p"
done
[ -z "$busy" ] || { echo "cluster: ports in use:$busy (another cluster run?)"; exit 1; }

T0=$SECONDS
work=$(mktemp -d "${TMPDIR:-/tmp}/openbsd-pbr-cluster.XXXXXX")
if [ -z "$TOOLS_CP" ]; then
  (cd "$ROOT" && ./mvnw -B -q -o -pl tools dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" \
    -Dmdep.includeScope=runtime > /dev/null)
  TOOLS_CP=$(cat "$work/cp.txt")
elif [ -f "$TOOLS_CP" ]; then
  TOOLS_CP=$(cat "$TOOLS_CP")
fi

say() { printf '[cluster %4ds] %s\n' $((SECONDS - T0)) "$*"; }
fail() { say "FAIL: $*"; exit 1; }
home_of() { echo "$work/member-$1"; }

# The member's JVM pid, only while that JVM runs from this member's home (never a recycled pid).
member_pid() {
  local f pid
  f=$(home_of "$1")/karaf.pid
  [ -f "$f" ] || return 1
  pid=$(cat "$f" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$(home_of "$1")" || return 1
  echo "$pid"
}

stop_member() { # $1 = member, $2 = signal
  local pid
  # a member launched a moment ago may not have written its pid file yet
  for _ in $(seq 1 20); do
    { [ -f "$(home_of "$1")/karaf.pid" ] || [ -z "${LAUNCHED[$1]:-}" ]; } && break
    sleep 1
  done
  pid=$(member_pid "$1") || return 0
  kill "-$2" "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -9 "$pid" 2>/dev/null || true
}

lab_pid=""
declare -A up=() awaiting=()
cleanup() {
  local rc=$?
  set +e
  if [ $rc != 0 ] && [ "${CLUSTER_HOLD:-0}" -gt 0 ]; then   # debugging: look at the failed cluster before it goes
    echo "cluster: failed; holding the cluster for ${CLUSTER_HOLD} s (work dir $work)"
    sleep "$CLUSTER_HOLD"
  fi
  local stoppers=()
  for pid in "${awaiting[@]}"; do kill "$pid" 2>/dev/null; done
  for i in "${MEMBERS[@]}"; do stop_member "$i" TERM & stoppers+=($!); done
  wait "${stoppers[@]}"
  if [ -n "$lab_pid" ]; then
    kill "$lab_pid" 2>/dev/null
    for _ in $(seq 1 10); do kill -0 "$lab_pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$lab_pid" 2>/dev/null
  fi
  if [ $rc != 0 ]; then
    echo "cluster: FAILED; logs kept: $work/member-{1,2,3}/data/log/karaf.log, lab log $work/lab/lab.log"
    tail -n 10 "$work/lab/lab.log" 2>/dev/null
    for i in "${MEMBERS[@]}"; do
      echo "--- member-$i: last WARN/ERROR lines"
      grep -E '\| (WARN|ERROR) ' "$(home_of "$i")/data/log/karaf.log" 2>/dev/null | tail -n 8 | cut -c1-300
    done
  else
    rm -rf "$work"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 143' TERM INT

# ---------------------------------------------------------------------------------------------------------------------
# Three members, configured before their first boot.

seeds='"pekko://opendaylight-cluster-data@127.0.0.1:2561", "pekko://opendaylight-cluster-data@127.0.0.1:2562",
        "pekko://opendaylight-cluster-data@127.0.0.1:2563"'
replicas='replicas = ["member-1", "member-2", "member-3"]'
configure_member() {
  local i=$1 home
  home=$(home_of "$i")
  cp -a "$ASSEMBLY" "$home"
  # one secret key file for the whole cluster (a member would otherwise make its own at its first start, and none
  # could open what another sealed); cp -p keeps it private
  cp -p "$work/openbsd-pbr.keys" "$home/etc/openbsd-pbr.keys"
  mkdir -p "$home/configuration/initial"
  # what ODL writes to configuration/initial at first boot (the feature leaves files already there alone), with this
  # member's address, all three as seeds and all three as replicas of every shard
  cat > "$home/configuration/initial/pekko.conf" <<EOF
odl-cluster-data {
  pekko {
    remote {
      artery {
        enabled = on
        transport = tcp
        canonical.hostname = "127.0.0.1"
        canonical.port = $((2560 + i))
      }
    }
    cluster {
      seed-nodes = [$seeds]
      roles = ["member-$i"]
    }
    persistence {
    }
    disable-default-actor-system-quarantined-event-handling = "false"
  }
}
EOF
  cat > "$home/configuration/initial/module-shards.conf" <<EOF
module-shards = [
    { name = "default",   shards = [ { name = "default",   $replicas } ] },
    { name = "topology",  shards = [ { name = "topology",  $replicas } ] },
    { name = "inventory", shards = [ { name = "inventory", $replicas } ] }
]
EOF
  cat > "$home/configuration/initial/modules.conf" <<'EOF'
modules = [
    { name = "inventory", namespace = "urn:opendaylight:inventory", shard-strategy = "module" },
    { name = "topology", namespace = "urn:TBD:params:xml:ns:yang:network-topology", shard-strategy = "module" },
    { name = "toaster", namespace = "http://netconfcentral.org/ns/toaster", shard-strategy = "module" }
]
EOF
  (cd "$home/configuration/initial" && md5sum pekko.conf module-shards.conf modules.conf > ../initial.md5)
  sed -i "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = $((8190 + i))/" "$home/etc/org.ops4j.pax.web.cfg"
  sed -i "s/name=\"jetty.port\" default=\"8181\"/name=\"jetty.port\" default=\"$((8190 + i))\"/" "$home/etc/jetty.xml"
  sed -i "s/^sshPort *=.*/sshPort = $((8110 + i))/" "$home/etc/org.apache.karaf.shell.cfg"
  sed -i -e "s/^rmiRegistryPort *=.*/rmiRegistryPort = $((1110 + i))/" \
    -e "s/^rmiServerPort *=.*/rmiServerPort = $((44450 + i))/" "$home/etc/org.apache.karaf.management.cfg"
  if grep -rqE '\b(8181|8101|1099|44444|2550)\b' "$home/etc" "$home/configuration/initial"; then
    grep -rnE '\b(8181|8101|1099|44444|2550)\b' "$home/etc" "$home/configuration/initial" | grep -v ':\s*#'
    fail "member-$i: a default port is still configured"
  fi
  # RESTCONF's second (Netty) endpoint binds 8182 by default: the feature keeps a file already there
  printf 'bind-port=%s\n' $((8195 + i)) > "$home/etc/org.opendaylight.restconf.nb.rfc8040.cfg"
  cat > "$home/etc/org.opendaylight.openbsdpbr.cfg" <<EOF
ownership-groups = $OWN_GROUPS
check-sync-interval-seconds = $CHECK_SYNC
confirm-timeout-seconds = 120
EOF
}

LAUNCHED=()
start_member() {
  local home
  home=$(home_of "$1")
  rm -f "$home/karaf.pid"
  LAUNCHED[$1]=1
  (cd "$home" && JAVA_MIN_MEM=256m JAVA_MAX_MEM=$HEAP nohup bin/karaf server > console.log 2>&1 < /dev/null &) \
    > /dev/null 2>&1 < /dev/null
}

rss() { local pid; pid=$(member_pid "$1") && ps -o rss= -p "$pid" | awk '{printf "%d MiB", $1/1024}' || echo "-"; }

# RESTCONF: rc METHOD MEMBER PATH [JSON-FILE]; the body lands in $work/reply-MEMBER.json, the HTTP code on stdout.
rc() {
  local args=(-s -o "$work/reply-$2.json" -w '%{http_code}' --max-time 15 -u admin:admin -X "$1"
    -H 'Accept: application/yang-data+json')
  [ $# -ge 4 ] && args+=(-H 'Content-Type: application/yang-data+json' --data-binary "@$4")
  curl "${args[@]}" "http://127.0.0.1:$(http_port "$2")/rests$3" 2>/dev/null || true
}

# PUT with retries: AAA answers 401 for a few seconds after start, the datastore 5xx while a shard has no leader.
put() { # member path file
  local code
  for _ in $(seq 1 60); do
    code=$(rc PUT "$1" "$2" "$3")
    case "$code" in
      200|201|204) return 0 ;;
      401|5*|000) sleep 2 ;;
      404) grep -q '"errors"' "$work/reply-$1.json" && break; sleep 2 ;;   # bare 404: RESTCONF not registered yet
      *) break ;;
    esac
  done
  say "PUT $2 on member-$1: HTTP $code: $(head -c 600 "$work/reply-$1.json")"
  return 1
}

lab() { curl -s --max-time 10 -d "$1" "$LAB_URL"; }

# The lab's view: "rN generation [pending]" per router.
lab_generations() {
  lab routers | awk '{ g = "-"; p = ""; for (k = 1; k <= NF; k++) { if ($k ~ /^generation=/) g = substr($k, 12);
    if ($k ~ /^pending=/) p = " pending=" substr($k, 9) } print $1, g p }' | sort
}

# The controller's view from one member: "name managed-by sync-status applied-revision applied-generation".
fleet() {
  local code
  code=$(rc GET "$1" "/data/openbsd-pbr:routers?content=nonconfig")
  [ "$code" = 200 ] || return 1
  jq -r '.["openbsd-pbr:routers"].router[]? | select(.name | startswith("c-r"))
    | [.name, (.status["managed-by"] // "-"), (.status["sync-status"] // "-"),
       (.status["applied-revision"] // "-"), ((.status["applied-generation"] // "-") | tostring),
       (.status["last-error"] | if . then (.step // "") + ": " + ((.message // "") | split("\n")[0]) else "" end)]
    | @tsv' \
    "$work/reply-$1.json" | sort
}

# Which routers a member's log says it manages now (the last of "manages the router now" / "no longer manages").
LOG_FROM=(0 1 1 1)
log_managed() {
  tail -n "+${LOG_FROM[$1]}" "$(home_of "$1")/data/log/karaf.log" 2>/dev/null \
    | grep -oE '\| c-r[0-9]+: this controller (manages the router now|no longer manages the router)' \
    | awk '{ name = substr($2, 1, length($2) - 1); state[name] = ($5 == "manages") } END { for (n in state) if (state[n]) print n }' \
    | sort
}

alive_members() { for i in "${MEMBERS[@]}"; do member_pid "$i" > /dev/null && echo "$i"; done; }

# Exactly one live member's log claims each router, and it is the member the status names.
check_single_manager() { # $1 = a fleet listing
  local claims name managed bad=0 owners
  claims=$(for i in $(alive_members); do log_managed "$i" | sed "s/\$/ member-$i/"; done)
  while IFS=$'\t' read -r name managed _; do
    owners=$(echo "$claims" | awk -v n="$name" '$1 == n { print $2 }' | tr '\n' ' ')
    if [ "$(echo "$owners" | wc -w)" != 1 ] || [ "${owners% }" != "$managed" ]; then
      say "  $name: status says managed-by $managed; the logs of the live members claim: ${owners:-nobody}"
      bad=1
    fi
  done <<< "$1"
  return $bad
}

distribution() { # $1 = fleet listing -> "member-1=4 member-2=0 member-3=8" (the live members and any other named)
  echo "$1" | awk -F'\t' -v live="$(alive_members | sed 's/^/member-/' | tr '\n' ' ')" '
    BEGIN { n = split(live, m, " "); for (k = 1; k <= n; k++) count[m[k]] = 0 }
    { count[$2]++ } END { for (x in count) print x "=" count[x] }' | sort | tr '\n' ' '
}

# ---------------------------------------------------------------------------------------------------------------------
say "work dir $work; $ROUTERS routers, ownership-groups $OWN_GROUPS, drift check every ${CHECK_SYNC}s, heap $HEAP/member"
"$JAVA_HOME/bin/java" -cp "$TOOLS_JAR:$TOOLS_CP" org.opendaylight.openbsdpbr.tools.cli.Main \
  secret-keys "$work/openbsd-pbr.keys" > /dev/null || fail "cannot make the secret key file"
for i in "${MEMBERS[@]}"; do configure_member "$i"; done

mkdir -p "$work/lab"
(umask 077; printf 'lab-password\n' > "$work/lab/password")
# the controller logs in with a key: the rendered sshd_config refuses root logins with a password
ssh-keygen -q -t ed25519 -N '' -C openbsd-pbr-cluster -f "$work/lab/controller-key" > /dev/null
"$JAVA_HOME/bin/java" -Xmx512m -cp "$TOOLS_JAR:$TOOLS_CP" org.opendaylight.openbsdpbr.tools.cli.Main \
  lab --routers "$ROUTERS" --base-port $LAB_BASE --password-file "$work/lab/password" --control-port $LAB_CONTROL \
  --state-dir "$work/lab" > "$work/lab/lab.log" 2>&1 < /dev/null &
lab_pid=$!

t_launch=$SECONDS
for i in "${MEMBERS[@]}"; do start_member "$i"; done
say "launched members 1-3 (RESTCONF on $(http_port 1), $(http_port 2), $(http_port 3))"

for _ in $(seq 1 30); do curl -s -o /dev/null --max-time 1 "$LAB_URL" && break; sleep 1; done
curl -s --max-time 2 -o /dev/null "$LAB_URL" || { cat "$work/lab/lab.log"; fail "the lab did not start"; }

# each member is ready when the plugin's own RPC answers there (tools/bin/await-restconf.sh)
for i in "${MEMBERS[@]}"; do
  "$ROOT/tools/bin/await-restconf.sh" "http://127.0.0.1:$(http_port "$i")/rests" 480 > /dev/null 2>&1 &
  awaiting[$i]=$!
done
while [ ${#awaiting[@]} -gt 0 ]; do
  for i in "${!awaiting[@]}"; do
    if kill -0 "${awaiting[$i]}" 2>/dev/null; then
      [ ! -f "$(home_of "$i")/karaf.pid" ] || member_pid "$i" > /dev/null || fail "member-$i died while starting"
      continue
    fi
    wait "${awaiting[$i]}" || fail "member-$i did not serve openbsd-pbr within 480 s"
    unset "awaiting[$i]"
    up[$i]=$((SECONDS - t_launch))
    say "member-$i serves openbsd-pbr over RESTCONF ${up[$i]} s after launch"
  done
  sleep 1
done

# The cluster has formed when a write through member 1 reads back on members 2 and 3.
probe=$work/probe.json
printf '{"openbsd-pbr:profile":[{"name":"cluster-probe","description":"cluster formation probe"}]}' > "$probe"
put 1 "/data/openbsd-pbr:profiles/profile=cluster-probe" "$probe" || fail "member-1 could not write"
formed=0
for _ in $(seq 1 180); do
  if [ "$(rc GET 2 "/data/openbsd-pbr:profiles/profile=cluster-probe?content=config")" = 200 ] \
      && [ "$(rc GET 3 "/data/openbsd-pbr:profiles/profile=cluster-probe?content=config")" = 200 ]; then
    formed=1; break
  fi
  sleep 1
done
[ $formed = 1 ] || fail "a write through member-1 was not visible on members 2 and 3 within 180 s"
t_formed=$((SECONDS - t_launch))
rc DELETE 1 "/data/openbsd-pbr:profiles/profile=cluster-probe" > /dev/null
say "cluster formed ${t_formed} s after launch (a write through member-1 reads back on members 2 and 3)"
members=$(curl -s --max-time 5 -u admin:admin "http://127.0.0.1:$(http_port 1)/jolokia/read/pekko:type=Cluster/Members" \
  | jq -r '.value // empty' 2>/dev/null || true)
[ -n "$members" ] && say "  pekko cluster members (jolokia, member-1): $members"

for i in "${MEMBERS[@]}"; do
  (cd "$(home_of "$i")/configuration/initial" && md5sum -c --quiet ../initial.md5 > /dev/null 2>&1) \
    || fail "member-$i: the feature install rewrote configuration/initial"
  pid=$(member_pid "$i")
  listening=$(ss -ltnpH | grep "pid=$pid," | awk '{ n = split($4, a, ":"); print a[n] }' | sort -n | tr '\n' ' ')
  say "  member-$i: pid $pid, RSS $(rss "$i"), listening on $listening"
  for p in 8181 8182 8101 1099 44444 2550; do
    case " $listening" in *" $p "*) fail "member-$i listens on $p, a single node's port" ;; esac
  done
done
say "  configuration/initial kept as written before the first boot on all three members"

# ---------------------------------------------------------------------------------------------------------------------
say "registering $ROUTERS routers through member-1 (lab routers r1..r$ROUTERS on ports $LAB_BASE..)"
t_reg=$SECONDS
# Secrets are written only sealed (the controller refuses clear ones): the seal-secret RPC of member 2 seals them, the
# clear values reach it on curl's standard input only, and member 1 (the cohort on the shard leader) opens them.
seal() { # member file-with-the-clear-value -> the sealed form
  jq -Rs '{input: {value: .}}' "$2" | curl -s -f --max-time 15 -u admin:admin -X POST \
    -H 'Content-Type: application/yang-data+json' -H 'Accept: application/yang-data+json' --data-binary @- \
    "http://127.0.0.1:$(http_port "$1")/rests/operations/openbsd-pbr:seal-secret" | jq -r '.["openbsd-pbr:output"].sealed'
}
(umask 077; printf '%s' "$PPPOE_SECRET" > "$work/pppoe-secret")
sealed_pppoe=$(seal 2 "$work/pppoe-secret") && [ -n "$sealed_pppoe" ] || fail "seal-secret on member-2 failed"
sealed_key=$(seal 2 "$work/lab/controller-key") && [ -n "$sealed_key" ] || fail "seal-secret on member-2 failed"
jq -c --arg s "$sealed_pppoe" '.["openbsd-pbr:intent"].uplink |= map(if .pppoe then .pppoe.secret = $s else . end)' \
  "$ROOT/examples/seed-router/intent.json" > "$work/intent.json"
grep -qF "$sealed_pppoe" "$work/intent.json" || fail "examples/seed-router/intent.json: no PPPoE secret to replace"
for n in $(seq 1 "$ROUTERS"); do
  sed -e "s/\"seed-router\"/\"c-r$n\"/" -e "s/\"port\": 2201/\"port\": $((LAB_BASE + n - 1))/" \
    -e 's/"confirm-timeout": 60/"confirm-timeout": 30/' "$ROOT/examples/seed-router/router.json" > "$work/router-$n.tmp"
  grep -q "\"port\": $((LAB_BASE + n - 1))" "$work/router-$n.tmp" || fail "router.json: no port to rewrite"
  jq --arg k "$sealed_key" '.["openbsd-pbr:router"][0].management["private-key"] = $k' "$work/router-$n.tmp" \
    > "$work/router-$n.json"
  put 1 "/data/openbsd-pbr:routers/router=c-r$n" "$work/router-$n.json" || fail "c-r$n: PUT router"
  put 1 "/data/openbsd-pbr:routers/router=c-r$n/intent" "$work/intent.json" || fail "c-r$n: PUT intent"
done
say "  stored in $((SECONDS - t_reg)) s"

# Waits until every router satisfies an awk condition on the fleet listing ($2 managed-by, $3 sync, $4 rev, $5 gen),
# reading from the given members in turn (operational data is replicated: any member answers for all routers).
await_fleet() { # description timeout-seconds awk-condition members...
  local what=$1 limit=$2 cond=$3 start=$SECONDS listing="" m
  shift 3
  while [ $((SECONDS - start)) -lt "$limit" ]; do
    for m in "$@"; do
      listing=$(fleet "$m") || continue
      if [ "$(echo "$listing" | grep -c .)" = "$ROUTERS" ] \
          && echo "$listing" | awk -F'\t' "!($cond) { bad = 1 } END { exit bad }"; then
        FLEET=$listing; FLEET_FROM=$m
        return 0
      fi
      break
    done
    sleep 1
  done
  say "not $what within $limit s; last listing (name managed-by sync revision generation last-error):"
  echo "$listing" | awk -F'\t' '{ printf "    %s %s %s %.12s %s %s\n", $1, $2, $3, $4, $5, $6 }' | cut -c1-240
  return 1
}

# a. every router in-sync, as every member sees it
await_fleet "every router in-sync" 360 '$3 == "in-sync"' 3 || fail "a: routers not in-sync"
t_sync=$((SECONDS - t_reg))
say "a. all $ROUTERS routers in-sync ${t_sync} s after the first PUT (read on member-3)"
for m in 1 2; do
  await_fleet "in-sync on member-$m" 30 '$3 == "in-sync"' "$m" || fail "a: member-$m does not see every router in-sync"
done
say "   members 1 and 2 read the same: in-sync"

# b. one manager per router
await_fleet "every router managed" 60 '$2 ~ /^member-[123]$/' 1 || fail "b: managed-by missing"
for m in 2 3; do
  [ "$(fleet "$m" | cut -f1,2)" = "$(echo "$FLEET" | cut -f1,2)" ] || fail "b: member-$m sees other managers"
done
check_single_manager "$FLEET" || fail "b: a router has not exactly one manager"
before=$FLEET
say "b. managed-by set for every router, the same on all members, one claim per router in the members' logs"
say "   routers per member: $(distribution "$FLEET")"
[ "$(echo "$FLEET" | cut -f2 | sort -u | wc -l)" -gt 1 ] \
  || say "   note: every router is managed by one member (no spread over $OWN_GROUPS groups)"
gens=$(lab_generations)
echo "$gens" | grep -q pending && fail "b: a commit is pending: $gens"
# registering a router touches nothing (no intent, only observed); its intent is then committed once
echo "$gens" | awk '$2 != 1 { bad = 1 } END { exit bad }' \
  || fail "b: not one commit per router: $(echo "$gens" | awk '{ n[$2]++ } END { for (g in n) printf "%d on generation %s; ", n[g], g }')"
say "   RSS after sync: $(for i in "${MEMBERS[@]}"; do printf 'member-%s %s; ' "$i" "$(rss "$i")"; done)"

# c. kill -9 the busiest member
victim=$(echo "$before" | cut -f2 | sort | uniq -c | sort -k1,1nr -k2 | awk 'NR == 1 { print $2 }')
victim=${victim#member-}
survivors=$(for i in "${MEMBERS[@]}"; do [ "$i" != "$victim" ] && echo "$i"; done | tr '\n' ' ')
moved=$(echo "$before" | awk -F'\t' -v v="member-$victim" '$2 == v { print $1 }' | tr '\n' ' ')
gens_before=$(lab_generations)
say "c. kill -9 member-$victim (manages: $moved); survivors: $survivors"
kill -9 "$(member_pid "$victim")"
t_kill=$SECONDS
for _ in $(seq 1 30); do member_pid "$victim" > /dev/null || break; sleep 1; done
member_pid "$victim" > /dev/null && fail "c: member-$victim survived kill -9"
# shellcheck disable=SC2086
await_fleet "taken over by the survivors and in-sync" 240 \
  "\$2 != \"member-$victim\" && \$2 ~ /^member-[123]\$/ && \$3 == \"in-sync\"" $survivors \
  || fail "c: no takeover of member-$victim's routers"
t_failover=$((SECONDS - t_kill))
say "   every router managed by a survivor and in-sync ${t_failover} s after the kill (read on member-$FLEET_FROM)"
say "   routers per member: $(distribution "$FLEET")"
check_single_manager "$FLEET" || fail "c: a router has not exactly one manager after the failover"
sleep 5
gens_after=$(lab_generations)
if [ "$gens_after" != "$gens_before" ]; then
  diff <(echo "$gens_before") <(echo "$gens_after") | sed 's/^/    /'
  fail "c: the failover committed to routers again (lab generations changed)"
fi
say "   no router committed again: lab generations unchanged across the failover ($(echo "$gens_after" \
  | awk '{ print $2 }' | sort -u | tr '\n' ' ')), one claim per router in the survivors' logs"

# d. a change through a survivor reaches every router, once
via=${survivors%% *}
table=$work/table.json
printf '%s' '{"openbsd-pbr:table":[{"name":"via_pppoe","description":"destinations that leave through PPPoE",
  "const":true,"entry":["8.8.8.8/32","1.0.0.1/32","9.9.9.9/32"]}]}' > "$table"
say "d. PUT table via_pppoe (+9.9.9.9/32) on every router through member-$via"
t_change=$SECONDS
for n in $(seq 1 "$ROUTERS"); do
  put "$via" "/data/openbsd-pbr:routers/router=c-r$n/intent/table=via_pppoe" "$table" || fail "d: c-r$n: PUT table"
done
revs=$(echo "$FLEET" | awk -F'\t' '{ printf "%s%s=%s", sep, $1, $4; sep = " " }')
# shellcheck disable=SC2086
await_fleet "in-sync on a new revision" 240 \
  "\$3 == \"in-sync\" && index(\" $revs \", \" \" \$1 \"=\" \$4 \" \") == 0" $survivors \
  || fail "d: the change did not reach every router"
say "   every router in-sync on a new revision $((SECONDS - t_change)) s after the first PUT"
sleep 5
gens_change=$(lab_generations)
bad=$(join <(echo "$gens_after") <(echo "$gens_change") | awk '$3 != $2 + 1 || NF != 3 { print }')
[ -z "$bad" ] || fail "d: not exactly one new generation per router: $bad"
ctl=$(echo "$FLEET" | awk -F'\t' '{ print "r" substr($1, 4), $5 }' | sort)
[ "$ctl" = "$gens_change" ] || fail "d: applied-generation in the status differs from the lab: $ctl / $gens_change"
for n in $(seq 1 "$ROUTERS"); do
  lab "cat r$n /etc/pf.conf" | grep -q '9\.9\.9\.9' || fail "d: r$n's pf.conf has no 9.9.9.9"
done
say "   one new generation per router (lab and applied-generation agree), pf.conf carries 9.9.9.9 everywhere"

# e. the killed member rejoins
if [ $RESTART = 1 ]; then
  LOG_FROM[$victim]=$(($(wc -l < "$(home_of "$victim")/data/log/karaf.log") + 1))
  say "e. restarting member-$victim"
  t_restart=$SECONDS
  start_member "$victim"
  ok=0
  for _ in $(seq 1 300); do
    [ "$(rc GET "$victim" "/data/openbsd-pbr:routers?content=config")" = 200 ] \
      && [ "$(jq '.["openbsd-pbr:routers"].router | length' "$work/reply-$victim.json")" = "$ROUTERS" ] && { ok=1; break; }
    sleep 1
  done
  [ $ok = 1 ] || fail "e: member-$victim did not come back with the routers within 300 s"
  say "   member-$victim answers with all $ROUTERS routers $((SECONDS - t_restart)) s after its restart"
  # let ownership settle (it may move back), then everything must still hold
  for _ in $(seq 1 30); do
    grep -q 'openbsd-pbr started' <(tail -n "+${LOG_FROM[$victim]}" "$(home_of "$victim")/data/log/karaf.log") && break
    sleep 1
  done
  sleep 20
  await_fleet "in-sync after the rejoin" 120 '$3 == "in-sync" && $2 ~ /^member-[123]$/' "$victim" \
    || fail "e: routers not in-sync after member-$victim rejoined"
  check_single_manager "$FLEET" || fail "e: a router has not exactly one manager after the rejoin"
  gens_rejoin=$(lab_generations)
  [ "$gens_rejoin" = "$gens_change" ] || fail "e: the rejoin committed again: $(diff <(echo "$gens_change") \
    <(echo "$gens_rejoin") | tr '\n' ' ')"
  say "   in-sync, read on member-$victim; routers per member: $(distribution "$FLEET"); lab generations unchanged"
fi

# secrets never reach any file of a member: logs, the datastore's journal and snapshots (replicated to every member)
for i in "${MEMBERS[@]}"; do
  leaked=$(grep -rlF -e "$PPPOE_SECRET" -e "$(sed -n 2p "$work/lab/controller-key")" "$(home_of "$i")" || true)
  [ -z "$leaked" ] || fail "member-$i: a clear secret in $(echo "$leaked" | tr '\n' ' ')"
  grep -rlqF -e "\$pbr1\$" "$(home_of "$i")/state" \
    || fail "member-$i: no sealed value in its datastore's files (state/): are they read as they are?"
done
warns=$(for i in "${MEMBERS[@]}"; do
  printf 'member-%s %s ' "$i" "$(grep -cE '\| (WARN|ERROR) .*openbsdpbr' "$(home_of "$i")/data/log/karaf.log" || true)"
done)
say "no clear secret in any file of the members (sealed ones in every journal); openbsd-pbr WARN/ERROR lines: $warns"
say "figures: RESTCONF up ${up[1]}/${up[2]}/${up[3]} s, cluster formed ${t_formed} s, $ROUTERS routers in-sync ${t_sync} s," \
  "failover ${t_failover} s, wall $((SECONDS - T0)) s"
say "RSS now: $(for i in $(alive_members); do printf 'member-%s %s; ' "$i" "$(rss "$i")"; done)"
say "PASSED"
