#!/usr/bin/env bash
# The launcher (./openbsd-pbr) and tools/bin/lib.sh as a user meets them:
#  1. every subcommand answers --help (and -h) with its usage, exit 0, and no side effect: no process left behind, no
#     file written in the checkout or in the run directory;
#  2. pid files are checked against the process they name: one naming a live process that is not ours (a recycled pid)
#     is neither taken for the controller or the lab nor signalled; a stale one is cleared;
#  3. start after a crash (fixed ports: 8181.., lab 2201.. and 2299; run it under the ports lock): start, kill -9 the
#     controller's JVM, start again: the controller is back, the lab is the same process (not a second one), the
#     generated admin password is shown on the first start only; a lab that died is started again; stop ends both.
# Runs in a private run directory (OPENBSD_PBR_RUN), never in .run. Build first (./openbsd-pbr setup).
# usage: tools/test/launcher.sh [--no-start]   (--no-start: parts 1 and 2 only, no ports needed)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$ROOT/tools/bin/lib.sh"
START=1
case "${1:-}" in
  "") ;;
  --no-start) START=0 ;;
  -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "launcher: unknown option $1 (see --help)"; exit 2 ;;
esac
pbr_java
LAUNCHER=$ROOT/openbsd-pbr
T0=$SECONDS
work=$(mktemp -d "${TMPDIR:-/tmp}/openbsd-pbr-launcher.XXXXXX")
decoys=()
say() { printf '[launcher %3ds] %s\n' $((SECONDS - T0)) "$*"; }
fail() { say "FAIL: $*"; exit 1; }
cleanup() {
  local rc=$? pid
  set +e
  for pid in "${decoys[@]}"; do kill "$pid" 2>/dev/null; done
  OPENBSD_PBR_RUN=$work/run "$LAUNCHER" stop > /dev/null 2>&1
  if [ $rc = 0 ]; then rm -rf "$work"; else say "FAILED; kept $work"; fi
  exit $rc
}
trap cleanup EXIT


# ---------------------------------------------------------------------------------------------------------------------
say "1. --help of every subcommand: usage, exit 0, nothing started, nothing written"
commands=(help setup start stop password test render diff map-e flow import lab push confirm rollback check-sync secret-keys
  apply status
  bench "bench render" "bench device" "bench fleet" "bench controller")
marker=$work/marker
touch "$marker"
sleep 1   # file times have a resolution of their own: what the commands write must be newer than the marker
for cmd in "${commands[@]}"; do
  for flag in --help -h; do
    t=$SECONDS
    # shellcheck disable=SC2086
    out=$(OPENBSD_PBR_RUN=$work/help-run timeout 60 setsid --wait bash -c \
      'echo $$ > "$0"; exec "$@"' "$work/sid" "$LAUNCHER" $cmd "$flag" 2>&1) \
      || fail "./openbsd-pbr $cmd $flag: exit $? ($out)"
    sid=$(cat "$work/sid")
    left=$(pgrep -s "$sid" || true)
    [ -z "$left" ] || { ps -o pid,args -p "$left" | sed 's/^/    /'; kill $left; fail "./openbsd-pbr $cmd $flag left processes behind"; }
    echo "$out" | grep -qiE "usage|^  $cmd " || fail "./openbsd-pbr $cmd $flag: no usage in: $out"
    [ $((SECONDS - t)) -lt 20 ] || fail "./openbsd-pbr $cmd $flag took $((SECONDS - t)) s: help must not do work"
  done
done
[ ! -e "$work/help-run" ] || fail "--help created the run directory: $(find "$work/help-run" | head -5)"
written=$(find "$ROOT" -newer "$marker" -not -path "$ROOT/.git/*" -not -path "$ROOT/.run/*" -print | head -5)
[ -z "$written" ] || fail "--help wrote files: $written"
out=$(timeout 60 setsid --wait bash -c 'echo $$ > "$0"; exec "$@"' "$work/sid" "$ROOT/tools/bench/controller-bench.sh" \
  --routers 5 --routerz 1 2>&1) && fail "a mistyped benchmark option was taken: $out"
echo "$out" | grep -q "unknown option --routerz" || fail "a mistyped option is not named: $out"
[ -z "$(pgrep -s "$(cat "$work/sid")" || true)" ] || fail "a mistyped benchmark option left processes behind"
say "   ${#commands[@]} subcommands x (--help, -h): usage, exit 0, no process left, no file written;" \
  "a mistyped benchmark option is refused before anything starts"

# ---------------------------------------------------------------------------------------------------------------------
say "2. pid files name processes that are not ours"
fake=$work/fake-run
mkdir -p "$fake/karaf/bin" "$fake/karaf/data" "$fake/lab"
sleep 600 > /dev/null 2>&1 &   # a process that is not ours, standing for a recycled pid; stopped at the end
other=$!
decoys+=("$other")
echo "$other" > "$fake/karaf/karaf.pid"
echo "$other" > "$fake/karaf/data/launcher.pid"
echo "$other" > "$fake/lab/lab.pid"
! pbr_karaf_pid "$fake/karaf" > /dev/null || fail "a recycled pid was taken for the controller"
! pbr_lab_pid "$fake/lab" > /dev/null || fail "a recycled pid was taken for the lab"
out=$(OPENBSD_PBR_RUN=$fake "$LAUNCHER" stop 2>&1)
kill -0 "$other" 2>/dev/null || fail "stop signalled a process that was not ours"
echo "$out" | grep -q "nothing was running" || fail "stop: $out"
[ ! -e "$fake/karaf/karaf.pid" ] && [ ! -e "$fake/lab/lab.pid" ] || fail "stop left the stale pid files"
# and one that is ours: the controller's JVM has -Dkaraf.home=HOME among its arguments
home=$(cd "$fake/karaf" && pwd)
bash -c 'sleep 600; :' "-Dkaraf.home=$home" > /dev/null 2>&1 &
ours=$!
decoys+=("$ours")
echo "$ours" > "$home/karaf.pid"
[ "$(pbr_karaf_pid "$home")" = "$ours" ] || fail "the controller's own pid was not recognised"
pbr_karaf_stop "$home"
! kill -0 "$ours" 2>/dev/null || fail "karaf_stop did not stop the controller's pid"
kill -0 "$other" 2>/dev/null || fail "karaf_stop signalled another process"
say "   a recycled pid is never taken for ours nor signalled; stale pid files are cleared; our own pid is stopped"

[ $START = 1 ] || { say "PASSED (without part 3)"; exit 0; }

# ---------------------------------------------------------------------------------------------------------------------
say "3. start, crash, start: one controller, one lab"
export OPENBSD_PBR_RUN=$work/run
for p in 8181 8182 8101 2550 1099 44444 2201 2202 2203 2299; do
  ! pbr_port_busy $p || fail "port $p is in use (run under the ports lock, with nothing started)"
done
lab_count() { local n=0 p; for p in $(pgrep -f -- "--state-dir $OPENBSD_PBR_RUN/lab" || true); do
  pbr_has_args "$p" --state-dir "$OPENBSD_PBR_RUN/lab" && n=$((n + 1)); done; echo $n; }

first=$("$LAUNCHER" start 2>&1) || { echo "$first"; fail "the first start failed"; }
password_file=$OPENBSD_PBR_RUN/karaf/etc/admin-password
[ "$(stat -c %a "$password_file")" = 600 ] || fail "the password file is not private"
echo "$first" | grep -qxF "admin password: $(cat "$password_file")" || fail "the first start did not show the password"
grep -qF "$(cat "$password_file")" "$OPENBSD_PBR_RUN/karaf/console.log" "$OPENBSD_PBR_RUN/karaf/data/log/karaf.log" \
  && fail "the password is in a log"
controller=$(pbr_karaf_pid "$OPENBSD_PBR_RUN/karaf") || fail "no controller after start"
lab=$(pbr_lab_pid "$OPENBSD_PBR_RUN/lab") || fail "no lab after start"
say "   started: controller $controller, lab $lab, password shown once and kept in etc/admin-password (0600)"

again=$("$LAUNCHER" start 2>&1) || { echo "$again"; fail "start while running failed"; }
echo "$again" | grep -q "already running" || fail "start while running: $again"
echo "$again" | grep -q "admin password:" && fail "the password was shown again"
[ "$(pbr_karaf_pid "$OPENBSD_PBR_RUN/karaf")" = "$controller" ] && [ "$(lab_count)" = 1 ] \
  || fail "start while running changed the processes"

kill -9 "$controller"
for _ in $(seq 1 100); do kill -0 "$controller" 2>/dev/null || break; sleep 0.1; done
! kill -0 "$controller" 2>/dev/null || fail "the controller survived kill -9"
[ -f "$OPENBSD_PBR_RUN/karaf/karaf.pid" ] || fail "the crash should leave its pid file (the case under test)"
after=$("$LAUNCHER" start 2>&1) || { echo "$after"; fail "start after the crash failed"; }
restarted=$(pbr_karaf_pid "$OPENBSD_PBR_RUN/karaf") || fail "no controller after the start that followed the crash"
[ "$restarted" != "$controller" ] || fail "the controller's pid did not change"
[ "$(pbr_lab_pid "$OPENBSD_PBR_RUN/lab")" = "$lab" ] && [ "$(lab_count)" = 1 ] \
  || fail "the start after the crash did not keep the one lab ($(lab_count) labs)"
echo "$after" | grep -q "the lab is already running (pid $lab)" || fail "start after the crash: $after"
echo "$after" | grep -q "admin password:" && fail "the password was shown again after the crash"
# captured first: with pipefail, 'status | grep -q' fails when grep stops reading before status has printed its last
# line (the spread over the members comes after the router table). The member publishes its figures every second.
for _ in $(seq 1 150); do
  shown=$("$LAUNCHER" status) || fail "status failed: $shown"
  echo "$shown" | grep -q "^routers per member: member-1=1 " && break
  sleep 0.2
done
echo "$shown" | grep -q "^seed-router " || fail "status does not list seed-router (login with the generated password): $shown"
echo "$shown" | grep -q "^routers per member: member-1=1 " || fail "status does not end with the spread: $shown"
say "   after kill -9 of the controller: a new controller ($restarted), the same lab ($lab), seed-router kept"

kill -9 "$lab"
for _ in $(seq 1 100); do kill -0 "$lab" 2>/dev/null || break; sleep 0.1; done
"$LAUNCHER" start > "$work/start-lab.log" 2>&1 || { cat "$work/start-lab.log"; fail "start after the lab died failed"; }
newlab=$(pbr_lab_pid "$OPENBSD_PBR_RUN/lab") || fail "the lab was not started again"
[ "$newlab" != "$lab" ] && [ "$(lab_count)" = 1 ] && [ "$(pbr_karaf_pid "$OPENBSD_PBR_RUN/karaf")" = "$restarted" ] \
  || fail "after the lab died: lab $newlab (was $lab), $(lab_count) labs, controller $(pbr_karaf_pid "$OPENBSD_PBR_RUN/karaf")"
say "   after kill -9 of the lab: a new lab ($newlab), the same controller"

"$LAUNCHER" stop > "$work/stop.log" 2>&1 || { cat "$work/stop.log"; fail "stop failed"; }
! kill -0 "$restarted" 2>/dev/null && ! kill -0 "$newlab" 2>/dev/null || fail "stop left a process running"
kill -0 "$other" 2>/dev/null || fail "stop touched another process"
"$LAUNCHER" stop 2>&1 | grep -q "nothing was running" || fail "a second stop found something"
say "   stop ended both; a second stop finds nothing"
say "PASSED"
