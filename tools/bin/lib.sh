#!/usr/bin/env bash
# openbsd-pbr's shell library: the one implementation of launching, finding, awaiting and stopping the controller (a
# copy of the Karaf distribution) and the lab of simulated routers, and of logging in to RESTCONF.
#
# Sourced by ./openbsd-pbr, tools/test/e2e.sh, tools/test/launcher.sh and tools/bench/controller-bench.sh. The Java
# tests (e2e/: Karaf.java, the cluster test) call it as a command: tools/bin/lib.sh FUNCTION ARGS..., e.g.
#   tools/bin/lib.sh karaf_launch /tmp/x/karaf 1024m
# (FUNCTION without its pbr_ prefix). Functions print progress to stderr and results to stdout.
#
# Processes are found through a pid file and checked against their command line, never trusted by the file alone: a
# pid file left by a crash may name a process that is gone, or a recycled pid that now belongs to something else,
# which must never be signalled. A controller is ours when its JVM has -Dkaraf.home=HOME among its arguments; a lab
# when it has --state-dir DIR.
#
# Passwords never appear in process arguments: curl gets the login through -K from a pipe (pbr_curl).

PBR_ROOT=${PBR_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
PBR_TOOLS_JAR=$PBR_ROOT/tools/target/openbsd-pbr-tools-0.1.0-SNAPSHOT.jar

pbr_say() { printf '[openbsd-pbr] %s\n' "$*" >&2; }

# --- Java -----------------------------------------------------------------------------------------------------------

# Exports JAVA_HOME (a JDK 21, installed privately if missing) and puts it first on PATH.
pbr_java() {
  JAVA_HOME=$("$PBR_ROOT/tools/bin/ensure-jdk21.sh") || return 1
  export JAVA_HOME
  case ":$PATH:" in *":$JAVA_HOME/bin:"*) ;; *) export PATH="$JAVA_HOME/bin:$PATH" ;; esac
}

# True when tools/target/classpath.txt lists the tools' current dependencies: written after the last change to a pom
# the tools depend on, and every jar it names is there.
pbr_tools_classpath_fresh() {
  local cpfile=$PBR_ROOT/tools/target/classpath.txt pom jar
  [ -s "$cpfile" ] || return 1
  for pom in "$PBR_ROOT/tools/pom.xml" "$PBR_ROOT/impl/pom.xml" "$PBR_ROOT/api/pom.xml" "$PBR_ROOT/pom.xml"; do
    [ ! "$pom" -nt "$cpfile" ] || return 1
  done
  while IFS= read -r -d : jar; do [ -e "$jar" ] || return 1; done < <(cat "$cpfile"; printf ':')
}

# The tools jar and its runtime dependencies, as a classpath (asked of Maven, offline, when the file is not fresh).
pbr_tools_classpath() {
  local cpfile=$PBR_ROOT/tools/target/classpath.txt
  [ -f "$PBR_TOOLS_JAR" ] || { pbr_say "no tools jar at $PBR_TOOLS_JAR: build first (./openbsd-pbr setup)"; return 1; }
  if ! pbr_tools_classpath_fresh; then
    (cd "$PBR_ROOT" && ./mvnw -B -ntp -q -o -pl tools dependency:build-classpath -Dmdep.outputFile="$cpfile" \
      -Dmdep.includeScope=runtime >&2) || return 1
    # the plugin leaves an unchanged file as it was: without this, a pom edit that changes no runtime dependency
    # leaves the file older than the pom for good (asked again on every call; --help without the tool's own usage)
    touch "$cpfile"
  fi
  echo "$PBR_TOOLS_JAR:$(cat "$cpfile")"
}

# --- processes ------------------------------------------------------------------------------------------------------

# True when process $1 is alive and has the argument $2 (the whole argument), followed by $3 if given.
pbr_has_args() {
  local pid=$1 want=$2 then=${3-} prev="" arg
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  while IFS= read -r -d '' arg; do
    if [ -z "$then" ] && [ "$arg" = "$want" ]; then return 0; fi
    if [ -n "$then" ] && [ "$prev" = "$want" ] && [ "$arg" = "$then" ]; then return 0; fi
    prev=$arg
  done < "/proc/$pid/cmdline"
  return 1
}

# The pid in file $1 if that process is alive and pbr_has_args "$2" "$3" holds for it.
pbr_checked_pid() {
  local pid
  [ -f "$1" ] || return 1
  pid=$(tr -dc '0-9' < "$1" 2>/dev/null)
  [ -n "$pid" ] && pbr_has_args "$pid" "$2" "${3-}" || return 1
  echo "$pid"
}

# Sends $2 (default TERM) to pid $1, waits up to $3 seconds (default 30) for it to end, then SIGKILL. Returns 0 once
# the process is gone.
pbr_end_process() {
  local pid=$1 signal=${2:-TERM} wait=${3:-30} i
  kill "-$signal" "$pid" 2>/dev/null || return 0
  for ((i = 0; i < wait * 10; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  pbr_say "process $pid did not end within $wait s after SIG$signal: SIGKILL"
  kill -KILL "$pid" 2>/dev/null
  for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  return 1
}

# True when something listens on TCP port $1 (any address).
pbr_port_busy() {
  ss -ltnH "sport = :$1" 2>/dev/null | grep -q .
}

# --- RESTCONF login -------------------------------------------------------------------------------------------------

# The file that holds the RESTCONF admin password of the distribution at $1 (written at its first start, mode 0600;
# see distribution/first-boot). $OPENBSD_PBR_PASSWORD_FILE overrides it for a controller elsewhere.
pbr_password_file() {
  if [ -n "${OPENBSD_PBR_PASSWORD_FILE:-}" ]; then echo "$OPENBSD_PBR_PASSWORD_FILE"; else echo "$1/etc/admin-password"; fi
}

# A curl config line with the login (for curl -K <(pbr_curl_login FILE)); printf is a builtin, so the password is in no
# process's arguments.
pbr_curl_login() {
  local password
  password=$(head -n 1 "$1") || return 1
  password=${password//\\/\\\\}
  password=${password//\"/\\\"}
  printf 'user = "admin:%s"\n' "$password"
}

# curl logged in as admin with the password in file $1: pbr_curl FILE CURL-ARGS...
pbr_curl() {
  local file=$1
  shift
  [ -r "$file" ] || { pbr_say "no RESTCONF password at $file (has the controller started once?)"; return 1; }
  curl -K <(pbr_curl_login "$file") "$@"
}

# Waits until the controller at base URL $1 serves openbsd-pbr: the plugin's own RPC answers an authenticated call (its
# component is active: commit cohorts, listeners and the secret sealer are registered) and an authenticated read of
# the routers works; a bare 404 from Jetty before the RESTCONF servlet exists does not count. $2 = seconds, $3 = the
# password file, $4 = a pid that must stay alive meanwhile (optional: stop waiting when it dies).
pbr_restconf_await() {
  local base=$1 deadline=$((SECONDS + $2)) file=$3 watch=${4-} rpc data
  # RFC 7597 appendix A, example 1: any valid input will do
  local input='{"input":{"delegated-prefix":"2001:db8:12:3400::/56","rule-ipv6-prefix":"2001:db8::/40",
    "rule-ipv4-prefix":"192.0.2.0/24","ea-bits-length":16,"psid-offset":6}}'
  while [ $SECONDS -lt $deadline ]; do
    if [ -r "$file" ]; then
      rpc=$(pbr_curl "$file" -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST \
        -H 'Content-Type: application/yang-data+json' -H 'Accept: application/yang-data+json' \
        -d "$input" "$base/operations/openbsd-pbr:compute-map-e" 2>/dev/null || true)
      if [ "$rpc" = 200 ]; then
        data=$(pbr_curl "$file" -s -o /dev/null -w '%{http_code}' --max-time 10 \
          -H 'Accept: application/yang-data+json' "$base/data/openbsd-pbr:routers?content=config" 2>/dev/null || true)
        case "$data" in 200|404|409) return 0 ;; esac   # 404/409 now come from RESTCONF: no routers yet
      fi
    fi
    if [ -n "$watch" ] && ! kill -0 "$watch" 2>/dev/null; then
      pbr_say "the process that was to serve $base ended while starting"
      return 1
    fi
    sleep 0.5
  done
  pbr_say "$base did not serve openbsd-pbr within $2 s"
  return 1
}

# --- the controller (a Karaf distribution at HOME) ------------------------------------------------------------------

# The absolute home as bin/karaf computes it (cd ...; pwd), so that it matches -Dkaraf.home.
pbr_karaf_home() { (cd "$1" && pwd); }

# The pid of the controller's JVM running from home $1, if it runs.
pbr_karaf_pid() {
  local home
  home=$(pbr_karaf_home "$1") || return 1
  pbr_checked_pid "$home/karaf.pid" "-Dkaraf.home=$home"
}

# The pid of bin/karaf's shell (it runs the JVM as its child) while it runs, for the time before the JVM wrote its pid.
# With $2 = alive, any live process under that pid counts (waiting on it signals nothing; for a moment after the launch
# it is still the shell that execs nohup).
pbr_karaf_launcher_pid() {
  local home pid
  home=$(pbr_karaf_home "$1") || return 1
  if [ "${2-}" = alive ]; then
    pid=$(tr -dc '0-9' < "$home/data/launcher.pid" 2>/dev/null) && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null \
      && echo "$pid"
    return
  fi
  pbr_checked_pid "$home/data/launcher.pid" "$home/bin/karaf"
}

# Launches the controller at home $1 in the background, detached from our terminal and pipes (so that the caller can
# return even inside a pipeline), with heap $2 (default $OPENBSD_PBR_HEAP or 2048m). Its console goes to
# HOME/console.log. Returns at once; pbr_karaf_await waits for it.
pbr_karaf_launch() {
  local home heap=${2:-${OPENBSD_PBR_HEAP:-2048m}}
  home=$(pbr_karaf_home "$1") || return 1
  if pbr_karaf_pid "$home" > /dev/null; then pbr_say "a controller already runs from $home"; return 1; fi
  [ -n "${JAVA_HOME:-}" ] || pbr_java || return 1
  rm -f "$home/karaf.pid"
  mkdir -p "$home/data"
  # a simple command in the background, so that $! is the process that becomes bin/karaf (umask 077: its console log
  # is private from the start, as everything the controller writes)
  (cd "$home" || exit 1
   umask 077
   JAVA_MIN_MEM=${JAVA_MIN_MEM:-512m} JAVA_MAX_MEM=$heap nohup "$home/bin/karaf" server > "$home/console.log" 2>&1 \
     < /dev/null &
   echo $! > "$home/data/launcher.pid") > /dev/null 2>&1 < /dev/null
}

# Waits until the controller at home $1 serves openbsd-pbr at base URL $2 (default http://127.0.0.1:8181/rests),
# for at most $3 seconds (default 180); gives up at once when its JVM (or, before the JVM wrote its pid, bin/karaf)
# ends. Prints the JVM's pid.
pbr_karaf_await() {
  local home base=${2:-http://127.0.0.1:8181/rests} limit=${3:-180} start=$SECONDS pid="" watch
  home=$(pbr_karaf_home "$1") || return 1
  while [ -z "$pid" ]; do
    pid=$(pbr_karaf_pid "$home") && break
    pid=""
    if ! pbr_karaf_launcher_pid "$home" alive > /dev/null; then
      pbr_karaf_pid "$home" > /dev/null && continue
      pbr_say "the controller at $home ended while starting; its console:"
      tail -n 5 "$home/console.log" >&2 2>/dev/null
      return 1
    fi
    [ $((SECONDS - start)) -lt "$limit" ] || { pbr_say "no controller JVM from $home within $limit s"; return 1; }
    sleep 0.2
  done
  watch=$pid
  pbr_restconf_await "$base" $((limit - (SECONDS - start))) "$(pbr_password_file "$home")" "$watch" || return 1
  echo "$pid"
}

# Stops the controller at home $1: signal $2 (default TERM; KILL for a crash) to its JVM, then SIGKILL after $3
# seconds (default 30). A pid file naming any other process is only removed.
pbr_karaf_stop() {
  local home pid
  home=$(pbr_karaf_home "$1") || return 0
  if pid=$(pbr_karaf_pid "$home"); then
    pbr_end_process "$pid" "${2:-TERM}" "${3:-30}" || return 1
  fi
  rm -f "$home/karaf.pid"
  # bin/karaf's shell ends with its JVM (it restarts it only on Karaf's own restart request)
  if pid=$(pbr_karaf_launcher_pid "$home"); then pbr_end_process "$pid" TERM 10; fi
  rm -f "$home/data/launcher.pid"
}

# Launch, then await; prints the JVM's pid. $1 home, $2 base URL, $3 seconds, $4 heap.
pbr_karaf_start() {
  pbr_karaf_launch "$1" "${4-}" && pbr_karaf_await "$1" "${2-}" "${3-}"
}

# --- the lab (simulated OpenBSD routers, one Java process with its state in DIR) -------------------------------------

# The pid of the lab whose state directory is $1, if it runs.
pbr_lab_pid() {
  local dir
  dir=$(cd "$1" 2>/dev/null && pwd) || return 1
  pbr_checked_pid "$dir/lab.pid" --state-dir "$dir"
}

# Starts a lab in state directory $1 unless one already runs from it: $2 routers from port $3 on 127.0.0.1, control
# (HTTP) on port $4; the lab also accepts the password in DIR/password (created if missing). Returns once the control
# port answers; prints the lab's pid. A running lab is kept (a second one would find its ports taken).
pbr_lab_start() {
  local dir routers=$2 base=$3 control=$4 pid cp i
  mkdir -p "$1" && dir=$(cd "$1" && pwd) || return 1
  if pid=$(pbr_lab_pid "$dir"); then
    pbr_say "the lab from $dir already runs (pid $pid)"
    echo "$pid"
    return 0
  fi
  for ((i = base; i < base + routers; i++)); do
    pbr_port_busy "$i" && { pbr_say "port $i (lab router $((i - base + 1))) is taken by another process"; return 1; }
  done
  pbr_port_busy "$control" && { pbr_say "port $control (lab control) is taken by another process"; return 1; }
  [ -n "${JAVA_HOME:-}" ] || pbr_java || return 1
  cp=$(pbr_tools_classpath) || return 1
  [ -f "$dir/password" ] || (umask 077; printf 'lab-password\n' > "$dir/password")
  nohup "$JAVA_HOME/bin/java" -Xmx"${PBR_LAB_HEAP:-512m}" -cp "$cp" org.opendaylight.openbsdpbr.tools.cli.Main \
    lab --routers "$routers" --base-port "$base" --password-file "$dir/password" --control-port "$control" \
    --state-dir "$dir" > "$dir/lab.log" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$dir/lab.pid"
  pbr_lab_await "$control" 60 "$pid" || return 1
  echo "$pid"
}

# Waits until the lab's control port $1 answers, at most $2 seconds; gives up when process $3 (optional) ends.
pbr_lab_await() {
  local deadline=$((SECONDS + ${2:-60}))
  while [ $SECONDS -lt $deadline ]; do
    curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$1/" && return 0
    if [ -n "${3-}" ] && ! kill -0 "$3" 2>/dev/null; then pbr_say "the lab ended while starting"; return 1; fi
    sleep 0.2
  done
  pbr_say "the lab's control port $1 did not answer within ${2:-60} s"
  return 1
}

# Stops the lab whose state directory is $1, if it runs.
pbr_lab_stop() {
  local pid
  if pid=$(pbr_lab_pid "$1"); then pbr_end_process "$pid" TERM 10 || return 1; fi
  rm -f "$1/lab.pid"
}

# Run as a command: tools/bin/lib.sh FUNCTION ARGS...
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -u
  [ $# -ge 1 ] && declare -F "pbr_$1" > /dev/null || {
    echo "usage: tools/bin/lib.sh FUNCTION ARGS...   functions: $(declare -F | sed -n 's/^declare -f pbr_//p' \
      | tr '\n' ' ')" >&2
    exit 2
  }
  fn=pbr_$1
  shift
  "$fn" "$@"
fi
