#!/bin/sh
#
# pbr-agent.sh: the router-side half of openbsd-pbr's device protocol.
#
# OpenBSD has no NETCONF agent and no commit-confirm. This script gives a router transactional semantics with
# base-system tools only (sh, tar, sha256, install, stat, pfctl, sshd, unwind, netstart, rcctl): a router-side lock,
# an atomically staged candidate, validation by the router's own checks, numbered generations, commits that restore
# the previous generation when they fail, and confirmed commits that the ROUTER reverts by itself unless confirmed in
# time (a detached timer process, so the revert happens even when the controller is gone or cut off).
#
# The controller installs and upgrades this file over SSH (stdin of `cat`) and runs only these fixed subcommands;
# every argument is a number or a lock holder name, checked here again. Files and plans travel as a tar archive on
# stdin, never as command-line text. A plan is one step per line from a fixed vocabulary (netstart IF, destroy IF,
# pfctl-load, pfctl-anchor ANCHOR FILE, sysctl NAME=VALUE, rcctl ACTION SERVICE: PLAN_RE below, the same pattern as
# the controller's api/plan/PlanVocabulary.java, which a test compares); a line starting "before " runs before the new
# files are installed.
#
# A manifest line ending in "lines" is a file openbsd-pbr shares with the admin (/etc/rc.conf.local, /etc/sysctl.conf,
# /etc/rc.local): openbsd-pbr owns one block of it, from the LINES_BEGIN line to the LINES_END line, and the archive
# carries that block's body. Installing splices the block in (in place, or appended; a missing file is created with
# the manifest's owner, group and mode), every other line stays the admin's; going back to a generation puts its block
# back, and a path that leaves the managed set loses the block (a file left empty is removed). get-config hashes the
# block only, so drift means "our block changed". The lab of simulated routers splices with LineBlock.java; the
# conformance suite keeps the two alike.
#
#   pbr-agent.sh -v VERSION version
#   pbr-agent.sh -v VERSION lock HOLDER TTL          take the lock (re-entrant; an unused lock expires after TTL s)
#   pbr-agent.sh -v VERSION unlock HOLDER
#   pbr-agent.sh -v VERSION edit-candidate HOLDER    stdin: tar of plan, revert-plan, files/..., manifest (last)
#   pbr-agent.sh -v VERSION validate HOLDER          pfctl -nf, sshd -t -f, unwind -n -f, netstart -n on the candidate
#   pbr-agent.sh -v VERSION commit HOLDER SECONDS    SECONDS > 0: confirmed commit, reverted unless confirmed
#   pbr-agent.sh -v VERSION confirm HOLDER GEN       GEN 0: whichever commit is pending
#   pbr-agent.sh -v VERSION cancel-commit HOLDER
#   pbr-agent.sh -v VERSION rollback HOLDER GEN SECONDS   stdin: tar of plan, revert-plan; GEN again as a new commit
#   pbr-agent.sh -v VERSION get-config               generation, pending confirm, manifest and on-disk state
#   pbr-agent.sh -v VERSION show-generation GEN      stdout: tar of the generation's manifest and files
#   pbr-agent.sh -v VERSION read-files               stdout: tar of a manifest and the READ_RE files as on disk
#   pbr-agent.sh -v VERSION probe ping RDOMAIN COUNT ADDRESS   an operator probe (PROBE_RE): "probe SENT RECEIVED"
#   pbr-agent.sh -v VERSION uninstall HOLDER         remove the boot hook and every state; the files stay as they run
#   pbr-agent.sh -v VERSION revert-after SECONDS GEN (internal: the confirm timer)
#   pbr-agent.sh boot-check                          from /etc/rc.local: revert a commit left unconfirmed by a reboot
#   pbr-agent.sh vocabulary                          the patterns this script checks plans and manifests with
#
# Replies: "pbr-agent VERSION", data lines, then "@ok" or "@error KIND DETAIL", all on stdout (show-generation's
# success is its tar instead). Nothing but tool noise goes to stderr.
#
# The boot hook: /etc/rc runs /etc/rc.local at the end of every boot; a block there (HOOK_BEGIN .. HOOK_END) runs
# boot-check, which reverts a confirmed commit whose timer died with the reboot. The first commit installs it (a
# router that is only observed keeps its /etc untouched), every commit repairs it if it went missing, and uninstall
# removes it.
#
# Temporary files live in $S/tmp.PID, removed on exit (also on HUP, INT, PIPE and TERM); what a kill -9 or a power
# loss leaves behind is swept by the next call whose PID is not that one.
#
# State lives under $PBR_ROOT/var/pbr (PBR_ROOT is empty on a router; tests point it at a sandbox):
#   lock/info            holder, last use (epoch seconds), lifetime; replaced by rename, never rewritten in place
#   mutex/               serializes commit, confirm, cancel, rollback and the revert timer (pid inside)
#   candidate/           plan, revert-plan, files/etc/..., manifest ("SHA256 MODE OWNER GROUP PATH [lines]" per line)
#   gen/N/               a generation: the candidate as committed, plus backup/ (files found on disk before we
#                        managed them, restored when a path leaves the managed set) and info
#   current              the generation installed; gen/0 is the empty baseline
#   pending              "GEN PREVIOUS DEADLINE TIMER-PID" while a confirmed commit waits
#   reverted             "GEN RESTORED EPOCH" of the last revert
#   txn                  "GEN FROM" while files are being switched (an interrupted switch is undone first)
#   log                  one line per commit, confirm and revert
#   tmp.PID/             one call's temporary files
VERSION=5

umask 077
R=${PBR_ROOT:-}
S=$R/var/pbr
AGENT=$S/pbr-agent.sh
KEEP=${PBR_KEEP:-10}
PATH=$PATH:/sbin:/usr/sbin:/bin:/usr/bin
export PATH
T=$S/tmp.$$
MUTEX_HELD=

MANIFEST_RE='[0-9a-f]{64} [0-7]{4} [a-z_][a-z0-9_]{0,31} [a-z_][a-z0-9_]{0,31} /etc/[A-Za-z0-9._/-]{1,100}( lines)?'
PLAN_RE='(before )?(netstart [a-z]{1,10}[0-9]{1,4}|destroy [a-z]{1,10}[0-9]{1,4}|pfctl-load|pfctl-anchor '\
'[A-Za-z0-9][A-Za-z0-9_-]{0,31}(/[A-Za-z0-9][A-Za-z0-9_-]{0,31}){0,3} [A-Za-z0-9][A-Za-z0-9_-]{0,59}\.conf|sysctl '\
'(kern|net|vm|hw|machdep|ddb|fs|vfs)(\.[a-z0-9_]{1,32}){1,5}=-?[0-9]{1,10}|rcctl (enable|disable|start|stop|restart|'\
'reload) (unwind|sshd|unbound|dhcpleased|slaacd|resolvd|ifstated|rad|dhcp6leased))'
LINES_BEGIN='# BEGIN openbsd-pbr: lines managed by the controller, edits here are replaced'
LINES_END='# END openbsd-pbr'
# The files read-files returns: the ones openbsd-pbr renders or shares, as the admin left them (the import of a
# router configured by hand maps them into intent). The controller's api/device/RouterFiles.java has the same pattern
# (a test compares); nothing else under /etc leaves the router.
READ_RE='/etc/(hostname\.[a-z]{1,10}[0-9]{1,4}|pf\.conf|pf/[A-Za-z0-9][A-Za-z0-9_-]{0,59}\.conf|ssh/sshd_config|'\
'unwind\.conf|rc\.conf\.local|sysctl\.conf|dhcp6leased\.conf|rad\.conf|ifstated\.conf)'
# An operator probe for a rollout's health gate (the controller's api/device/Probe.java has the same pattern; a test
# compares): a routing table, a count and a literal address, nothing else. No name is resolved and no word reaches a
# shell: whoever may write a rollout must not run commands on the fleet's routers.
PROBE_RE='ping (25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9]) ([1-9]|10) (((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.)'\
'{3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])|[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7})'
HOOK_BEGIN='# BEGIN openbsd-pbr boot-check: reverts a commit that a reboot left unconfirmed'
HOOK_END='# END openbsd-pbr boot-check'
RC_LOCAL=/etc/rc.local
DAMAGED="the openbsd-pbr block is damaged (its begin and end marker lines are missing, repeated or out of order)"

cleanup() {
	rm -rf "$T"
	[ -z "$MUTEX_HELD" ] || rm -rf "$S/mutex"
}
trap cleanup EXIT
# A signal ends the call through exit, so that cleanup runs (an untrapped signal would skip the EXIT trap).
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 141' PIPE
trap 'exit 143' TERM

# --- replies -------------------------------------------------------------------------------------------------------

say() { printf '%s\n' "$*"; }
ok() { say "@ok"; exit 0; }
fail() { fk=$1; shift; say "@error $fk $(printf '%s' "$*" | tr '\n' ' ')"; exit 1; }

# Mask secrets (PPPoE authkey, WireGuard keys, passwords) in anything a router tool printed.
scrub() {
	sed -E "s/(authkey|wgkey|wgpsk|pskkey|password|passphrase|secret)([[:space:]=:]+)('[^']*'|\"[^\"]*\"|[^[:space:]]+)/\\1\\2********/g"
}

# Print a tool's output as "msg" lines, secrets masked, staging and check paths shown as the paths they will have.
msgs() {
	printf '%s\n' "$1" | scrub | sed -e "s|$S/candidate/files||g" -e "s|$T/stage/files||g" \
		-e "s|$T/netstart|/etc/netstart|g" -e "s|$T/check||g" -e 's/^/msg /'
}

# An I/O failure: "disk-full" when the file system is full, else the step's own kind.
io_fail() {
	case $2 in
	*"No space left"*|*"file system full"*|*"Disc quota"*) fail disk-full "$2" ;;
	esac
	fail "$1" "$2"
}

# --- small helpers -------------------------------------------------------------------------------------------------

is_num() {
	case $1 in ''|*[!0-9]*) return 1 ;; esac
	[ ${#1} -le 9 ]
}

# Digits only, up to 12 of them (epoch seconds have 10).
is_digits() {
	case $1 in ''|*[!0-9]*) return 1 ;; esac
	[ ${#1} -le 12 ]
}

is_holder() {
	case $1 in ''|*[!A-Za-z0-9._@:+-]*) return 1 ;; esac
	[ ${#1} -le 80 ]
}

now() { date +%s; }

if command -v sha256 >/dev/null 2>&1; then
	sha() { sha256 -q "$1"; }
else
	sha() { sha256sum "$1" | cut -d' ' -f1; }
fi

# "OWNER GROUP MODE" of a file, MODE as four octal digits.
if stat --version >/dev/null 2>&1; then
	fstat_raw() { stat -c '%U %G %a' "$1"; }
else
	fstat_raw() { stat -f '%Su %Sg %Mp%Lp' "$1"; }
fi
fstat() {
	# shellcheck disable=SC2046
	set -- $(fstat_raw "$1")
	fm=$3
	while [ ${#fm} -lt 4 ]; do fm=0$fm; done
	say "$1 $2 $fm"
}

# "MODE OWNER GROUP" of a file, in manifest order.
fattrs() { fstat "$1" | awk '{ print $3, $1, $2 }'; }

# Whether PATH ($1) is listed in manifest $2.
listed() { awk -v p="$1" '$5 == p { found = 1 } END { exit !found }' "$2"; }

# How manifest $2 owns PATH $1: "whole", "lines", or nothing when it does not list it.
kind_in() { awk -v p="$1" '$5 == p { print ($6 == "lines" ? "lines" : "whole"); exit }' "$2"; }

# Whether process $1 is a run of this script (a pid from before a reboot may belong to anything now).
is_agent() { ps -o command= -p "$1" 2>/dev/null | grep -q pbr-agent; }

# This call's directory of temporary files, removed on exit.
tmpdir() {
	[ -d "$T" ] || mkdir -p "$T" || io_fail internal "cannot create $T"
}

log() { say "$(now) $*" >> "$S/log" 2>/dev/null; }

current() {
	if [ -f "$S/current" ]; then cat "$S/current"; else say 0; fi
}

set_current() {
	tmpdir
	say "$1" > "$T/current" && mv -f "$T/current" "$S/current"
}

next_gen() {
	ng=$(ls "$S/gen" | grep -Ex '[0-9]+' | sort -n | tail -n 1)
	say $((ng + 1))
}

# Remove what calls that died without their cleanup (kill -9, power loss) left: temporary directories and renamed
# locks whose process is gone.
sweep() {
	for sw in "$S"/tmp.* "$S"/lock.stale.* "$S"/mutex.stale.*; do
		[ -e "$sw" ] || continue
		swp=${sw##*.}
		is_num "$swp" && [ "$swp" != $$ ] && kill -0 "$swp" 2>/dev/null && continue
		[ "$swp" = $$ ] || rm -rf "$sw"
	done
}

init() {
	sweep
	[ -f "$S/gen/0/revert-plan" ] && return 0
	# idempotent steps, so that two first calls at once both succeed
	mkdir -p "$S/gen/0/files" && : >> "$S/gen/0/manifest" && : >> "$S/gen/0/plan" && : >> "$S/gen/0/revert-plan" ||
		io_fail internal "cannot create $S/gen/0"
	[ -f "$S/current" ] || set_current 0
}

# --- blocks of lines -----------------------------------------------------------------------------------------------

# block MODE FILE BEGIN END [BODY]: the block of lines in FILE from the marker line BEGIN to the marker line END (the
# rules of the controller's LineBlock.java, which the lab uses). MODE body prints the block's body (status 4: FILE
# has no block); splice prints FILE with the block's body replaced by the lines of file BODY, or with the block
# appended when FILE has none; remove prints FILE without the block. Status 3: the block is damaged (a marker missing,
# repeated or out of order). A missing final newline is added back.
block() {
	awk -v m="$1" -v b="$3" -v e="$4" -v f="${5:-}" '
		$0 == b { nb++; ib = NR }
		$0 == e { ne++; ie = NR }
		{ l[NR] = $0 }
		function put(  x) { print b; while ((getline x < f) > 0) print x; print e }
		END {
			if (!(nb == 0 && ne == 0 || nb == 1 && ne == 1 && ib < ie)) exit 3
			if (m == "body") {
				for (i = ib + 1; i < ie; i++) print l[i]
				exit (nb ? 0 : 4)
			}
			for (i = 1; i <= NR; i++) {
				if (nb && i == ib) {
					if (m == "splice") put()
					i = ie
					continue
				}
				print l[i]
			}
			if (m == "splice" && !nb) put()
		}' "$2"
}

# Write file $1 (the result of block) as PATH $2: removed when empty, else installed with its current owner, group and
# mode, or $3 $4 $5 (mode, owner, group) for a file that does not exist yet.
put_text() {
	if [ ! -s "$1" ]; then
		PUT_ERR=$(rm -f "$R$2" 2>&1)
		return
	fi
	if [ -f "$R$2" ]; then
		# shellcheck disable=SC2046
		put "$1" $(fattrs "$R$2") "$2"
	else
		put "$1" "$3" "$4" "$5" "$2"
	fi
}

# Install path $5, owned as lines (body in file $1; mode $2, owner $3 and group $4 for a new file), coming from
# generation $6: the block is spliced into the file on disk and every other line stays. When generation $6 owned the
# path as a whole file, the admin's lines are the ones from before openbsd-pbr managed it (its backup), not
# openbsd-pbr's own whole file.
put_lines() {
	tmpdir
	pl_base=$R$5
	[ -f "$pl_base" ] || pl_base=/dev/null
	if [ "$(kind_in "$5" "$S/gen/$6/manifest")" = whole ]; then
		pl_base=/dev/null
		if [ -f "$S/gen/$6/backup/manifest" ] && listed "$5" "$S/gen/$6/backup/manifest"; then
			pl_base=$S/gen/$6/backup/files$5
		fi
	fi
	pl_err=$(block splice "$pl_base" "$LINES_BEGIN" "$LINES_END" "$1" 2>&1 > "$T/lines")
	case $? in
	0) ;;
	3) PUT_ERR="$5: $DAMAGED"; return 1 ;;
	*) PUT_ERR="$5: $pl_err"; return 1 ;;
	esac
	put_text "$T/lines" "$5" "$2" "$3" "$4"
}

# Take openbsd-pbr's block out of path $1, which leaves the managed set; a file left empty is removed.
drop_lines() {
	[ -f "$R$1" ] || return 0
	tmpdir
	dl_err=$(block remove "$R$1" "$LINES_BEGIN" "$LINES_END" 2>&1 > "$T/lines")
	case $? in
	0) ;;
	3) PUT_ERR="$1: $DAMAGED"; return 1 ;;
	*) PUT_ERR="$1: $dl_err"; return 1 ;;
	esac
	put_text "$T/lines" "$1"
}

# Install the boot hook in /etc/rc.local unless it is there: a new file gets the owner and group of /etc, mode 0644.
boot_hook() {
	case $AGENT in *\'*) fail internal "cannot quote $AGENT in $RC_LOCAL" ;; esac
	hook="[ -f '$AGENT' ] && /bin/sh '$AGENT' boot-check"
	[ -f "$R$RC_LOCAL" ] && grep -qxF "$hook" "$R$RC_LOCAL" && return 0
	tmpdir
	say "$hook" > "$T/hook" || io_fail commit "cannot install the boot hook"
	hbase=$R$RC_LOCAL
	[ -f "$hbase" ] || hbase=/dev/null
	herr=$(block splice "$hbase" "$HOOK_BEGIN" "$HOOK_END" "$T/hook" 2>&1 > "$T/rclocal")
	case $? in
	0) ;;
	3) fail commit "cannot install the boot hook: $RC_LOCAL: $DAMAGED" ;;
	*) io_fail commit "cannot install the boot hook: $herr" ;;
	esac
	# shellcheck disable=SC2046
	set -- $(fstat "$R/etc")
	put_text "$T/rclocal" "$RC_LOCAL" 0644 "$1" "$2" || io_fail commit "cannot install the boot hook: $PUT_ERR"
	log "installed the boot hook in $RC_LOCAL"
}

# --- locks ---------------------------------------------------------------------------------------------------------

# The controller-visible lock: a directory (mkdir is atomic) with "HOLDER LASTUSE TTL" inside, replaced by rename so
# that a reader never sees it half written. A lock directory whose info does not appear within a second was left by
# a call that died between the two steps: it counts as expired.
lock_info() {
	lh=unknown ls_=0 lt=0
	li=0
	while [ -d "$S/lock" ] && [ ! -f "$S/lock/info" ] && [ $li -lt 10 ]; do
		sleep 0.1
		li=$((li + 1))
	done
	[ -f "$S/lock/info" ] && read -r lh ls_ lt < "$S/lock/info"
	is_holder "$lh" || lh=unknown
	is_digits "$ls_" || ls_=0
	is_digits "$lt" || lt=0
}

# Write the lock's info: holder $1, used now, lifetime $2.
lock_write() {
	tmpdir
	say "$1 $(now) $2" > "$T/lockinfo" && mv -f "$T/lockinfo" "$S/lock/info"
}

# Needs the lock held by $1; refreshes its last use.
check_lock() {
	[ -d "$S/lock" ] || fail not-locked "take the lock first"
	lock_info
	[ "$lh" = "$1" ] || fail not-locked "held by $lh"
	lock_write "$lh" "$lt" 2>/dev/null || fail not-locked "the lock went away"
}

# Refuses when someone else holds the lock (confirm and cancel-commit need no lock of their own).
check_not_foreign() {
	[ -d "$S/lock" ] || return 0
	lock_info
	[ "$lh" = "$1" ] && return 0
	say "holder $lh"
	fail lock-held "$lh $ls_"
}

# The internal mutex, held while generations change. A mutex whose process is gone (or, after a reboot, is not this
# script) is broken; so is one whose pid never appeared.
mutex_enter() {
	mi=0
	until mkdir "$S/mutex" 2>/dev/null; do
		mp=$(cat "$S/mutex/pid" 2>/dev/null)
		if { [ -n "$mp" ] && ! is_agent "$mp"; } || { [ -z "$mp" ] && [ $mi -gt 5 ]; }; then
			mv "$S/mutex" "$S/mutex.stale.$$" 2>/dev/null && rm -rf "$S/mutex.stale.$$"
			continue
		fi
		mi=$((mi + 1))
		[ $mi -gt 300 ] && fail busy "another operation is running"
		sleep 0.2
	done
	MUTEX_HELD=1
	say $$ > "$S/mutex/pid"
	# A dropped SSH session must not stop a switch half way.
	trap '' HUP PIPE
	recover
}

# --- generations ---------------------------------------------------------------------------------------------------

# Install file $1 as path $5 with mode $2, owner $3, group $4: next to the target, then renamed over it. PUT_ERR says
# what failed.
put() {
	pd=$R${5%/*}
	if [ ! -d "$pd" ] && ! PUT_ERR=$(mkdir -p "$pd" 2>&1); then return 1; fi
	if ! PUT_ERR=$(install -o "$3" -g "$4" -m "$2" "$1" "$R$5.pbr-new" 2>&1); then
		rm -f "$R$5.pbr-new"
		return 1
	fi
	PUT_ERR=$(mv -f "$R$5.pbr-new" "$R$5" 2>&1)
}

# Make the files of generation $1 the ones on disk, coming from generation $2: install every file of $1 (a block of
# lines is spliced in); a path of $2 that $1 does not manage is restored from $2's backup (what was there before we
# managed it) or removed, and a block of lines is taken out.
install_gen() {
	ig=$S/gen/$1
	ifrom=$2
	fg=$S/gen/$2
	while read -r isum imode iowner igroup ipath ikind; do
		if [ "$ikind" = lines ]; then
			put_lines "$ig/files$ipath" "$imode" "$iowner" "$igroup" "$ipath" "$ifrom" || return 1
		else
			put "$ig/files$ipath" "$imode" "$iowner" "$igroup" "$ipath" || return 1
		fi
	done < "$ig/manifest"
	while read -r isum imode iowner igroup ipath ikind; do
		listed "$ipath" "$ig/manifest" && continue
		if [ "$ikind" = lines ]; then
			drop_lines "$ipath" || return 1
		elif [ -f "$fg/backup/manifest" ] && listed "$ipath" "$fg/backup/manifest"; then
			# shellcheck disable=SC2046
			set -- $(awk -v p="$ipath" '$5 == p { print $2, $3, $4; exit }' "$fg/backup/manifest")
			put "$fg/backup/files$ipath" "$1" "$2" "$3" "$ipath" || return 1
		elif ! PUT_ERR=$(rm -f "$R$ipath" 2>&1); then
			return 1
		fi
	done < "$fg/manifest"
}

# Keep, in generation $1, what was on disk before any generation managed its paths: carried over from generation $2
# for paths both manage, copied from disk for paths new to the managed set.
make_backups() {
	mg=$S/gen/$1
	pg=$S/gen/$2
	mkdir -p "$mg/backup/files" && : > "$mg/backup/manifest" || return 1
	while read -r msum mmode mowner mgroup mpath mkind; do
		if listed "$mpath" "$pg/manifest"; then
			[ -f "$pg/backup/manifest" ] && listed "$mpath" "$pg/backup/manifest" || continue
			src=$pg/backup/files$mpath
			awk -v p="$mpath" '$5 == p' "$pg/backup/manifest" >> "$mg/backup/manifest" || return 1
		else
			[ -f "$R$mpath" ] || continue
			src=$R$mpath
			say "$(sha "$src") $(fattrs "$src") $mpath" >> "$mg/backup/manifest" || return 1
		fi
		mkdir -p "$mg/backup/files${mpath%/*}" && cp -p "$src" "$mg/backup/files$mpath" || return 1
	done < "$mg/manifest"
}

# Run one phase of a plan file. "before" runs the lines marked "before", while the old files are still in place (rc.d
# finds a daemon by its rc.conf.local settings: stopping unwind before its rtable changes must happen with the old
# ones); their failures are logged, not fatal (stopping what does not run must not block a commit). The default
# phase runs the other lines, after the files changed; PLAN_ERR says which step failed and what it printed.
run_plan() { # $1 = plan file, $2 = before|after (default after)
	while read -r pverb pa pb pc; do
		if [ "$pverb" = before ]; then
			[ "${2:-after}" = before ] || continue
			pverb=$pa pa=$pb pb=$pc
		else
			[ "${2:-after}" = after ] || continue
		fi
		case $pverb in
		netstart)
			pout=$(sh "$R/etc/netstart" "$pa" 2>&1 < /dev/null) ;;
		destroy)
			# An interface that is already gone is what the step wants.
			pout=$(ifconfig "$pa" destroy 2>&1 < /dev/null) || pout= ;;
		pfctl-load)
			pout=$(pfctl -f "$R/etc/pf.conf" 2>&1 < /dev/null) ;;
		pfctl-anchor)
			pout=$(pfctl -a "$pa" -f "$R/etc/pf/$pb" 2>&1 < /dev/null) ;;
		sysctl)
			pout=$(sysctl "$pa" 2>&1 < /dev/null) ;;
		rcctl)
			pout=$(rcctl "$pa" "$pb" 2>&1 < /dev/null) ;;
		*)
			false ;;
		esac || {
			if [ "${2:-after}" = before ]; then
				log "before the switch: $pverb${pa:+ $pa}${pb:+ $pb}: $(printf '%s' "$pout" | scrub | head -n 1)"
				continue
			fi
			PLAN_ERR="$pverb${pa:+ $pa}${pb:+ $pb}: $pout"; return 1
		}
	done < "$1"
}

# Switch from generation $2 to $1 and run plan $3. Status 1: installing failed and $2 is back; 2: the plan failed.
switch_gen() {
	run_plan "$3" before
	say "$1 $2" > "$S/txn" || return 1
	if install_gen "$1" "$2" && set_current "$1"; then
		rm -f "$S/txn"
	else
		SWITCH_ERR=$PUT_ERR
		install_gen "$2" "$1"
		set_current "$2"
		rm -f "$S/txn"
		return 1
	fi
	run_plan "$3" || return 2
}

# Undo a switch that a crash or power loss interrupted, and the .pbr-new files it left next to their targets.
recover() {
	[ -f "$S/txn" ] || return 0
	read -r tg tf < "$S/txn"
	install_gen "$tf" "$tg"
	set_current "$tf"
	find "$R/etc" -name '*.pbr-new' -type f -exec rm -f {} + 2>/dev/null
	rm -f "$S/txn"
	log "recovered: generation $tg was half installed, back to $tf"
}

# Revert generation $1 to $2 (mutex held): the files of $2, then $1's revert plan.
do_revert() {
	run_plan "$S/gen/$1/revert-plan" before
	if ! install_gen "$2" "$1"; then
		log "revert of $1 to $2 could not install every file: $PUT_ERR"
	fi
	set_current "$2"
	run_plan "$S/gen/$1/revert-plan" || log "revert of $1: $PLAN_ERR"
	say "$1 $2 $(now)" > "$S/reverted"
	rm -f "$S/pending"
	log "reverted $1 to $2"
}

# Arm the confirm timer: a detached process that survives the SSH session.
arm() {
	adl=$(($(now) + $3))
	nohup /bin/sh "$AGENT" -v "$VERSION" revert-after "$3" "$1" < /dev/null > /dev/null 2>&1 &
	say "$1 $2 $adl $!" > "$S/pending"
}

# Stop a confirm timer, if that pid still is one.
disarm() {
	if ps -o command= -p "$1" 2>/dev/null | grep -q revert-after; then
		kill "$1" 2>/dev/null
	fi
	:
}

prune() {
	pcur=$(current)
	pkeep=
	[ -f "$S/pending" ] && read -r pkg pkeep pkd pkp < "$S/pending"
	ls "$S/gen" | grep -Ex '[0-9]+' | sort -n |
	awk -v k="$KEEP" '{ g[NR] = $1 } END { for (i = 1; i <= NR - k; i++) print g[i] }' | while read -r pn; do
		[ "$pn" = 0 ] || [ "$pn" = "$pcur" ] || [ "$pn" = "$pkeep" ] || rm -rf "$S/gen/$pn"
	done
}

# Check a staged directory: nothing but plan, revert-plan, manifest and files/; plan lines in the fixed vocabulary, manifest lines well formed, every file present with
# its hash, nothing else; a block of lines is whole lines without its own markers; /etc/rc.local is owned as lines.
# Sets CHECK_ERR.
check_staged() {
	cd_=$1
	for cm in "$cd_"/* "$cd_"/.[!.]* "$cd_"/..?*; do
		[ -e "$cm" ] || continue
		case ${cm##*/} in
		plan|revert-plan|manifest|files) ;;
		*) CHECK_ERR="unexpected archive member ${cm##*/}"; return 1 ;;
		esac
	done
	[ -d "$cd_/files" ] || mkdir "$cd_/files" || return 1
	for cf in plan revert-plan manifest; do
		[ -f "$cd_/$cf" ] || { CHECK_ERR="incomplete: no $cf"; return 1; }
	done
	if grep -Evx "$PLAN_RE" "$cd_/plan" "$cd_/revert-plan" > /dev/null; then
		CHECK_ERR="plan line outside the vocabulary"; return 1
	fi
	if grep -Evx "$MANIFEST_RE" "$cd_/manifest" > /dev/null || grep -q '\.\.' "$cd_/manifest"; then
		CHECK_ERR="malformed manifest line"; return 1
	fi
	if [ -n "$(awk '{ print $5 }' "$cd_/manifest" | sort | uniq -d)" ]; then
		CHECK_ERR="a path listed twice"; return 1
	fi
	while read -r csum cmode cowner cgroup cpath ckind; do
		[ -f "$cd_/files$cpath" ] || { CHECK_ERR="missing $cpath"; return 1; }
		[ "$(sha "$cd_/files$cpath")" = "$csum" ] || { CHECK_ERR="damaged $cpath"; return 1; }
		if [ "$ckind" = lines ]; then
			if [ -s "$cd_/files$cpath" ] && [ "$(tail -c 1 "$cd_/files$cpath" | wc -l)" -ne 1 ]; then
				CHECK_ERR="$cpath: a block of lines must end with a newline"; return 1
			fi
			if grep -qxF -e "$LINES_BEGIN" -e "$LINES_END" "$cd_/files$cpath"; then
				CHECK_ERR="$cpath: a block of lines cannot contain its own marker line"; return 1
			fi
		elif [ "$cpath" = "$RC_LOCAL" ]; then
			CHECK_ERR="$RC_LOCAL holds the agent's boot hook: own a block of lines in it, not the whole file"
			return 1
		fi
	done < "$cd_/manifest"
	cn=$(find "$cd_/files" -type f | wc -l)
	[ "$cn" -eq "$(wc -l < "$cd_/manifest")" ] || { CHECK_ERR="files not in the manifest"; return 1; }
}

# Unpack the archive on stdin into this call's staging area ($T/stage).
stage_archive() {
	tmpdir
	stage=$T/stage
	rm -rf "$stage"
	mkdir "$stage" || io_fail upload "cannot create the staging area"
	if ! terr=$(tar -xf - -C "$stage" 2>&1); then
		io_fail upload "the archive did not arrive complete: $terr"
	fi
}

# Commit the staged candidate (mutex and lock held). $1: confirm seconds, 0 for none.
commit_candidate() {
	[ -d "$S/candidate" ] || fail no-candidate "edit the candidate first"
	boot_hook
	cur=$(current)
	new=$(next_gen)
	mv "$S/candidate" "$S/gen/$new" || io_fail commit "cannot store generation $new"
	if ! berr=$(make_backups "$new" "$cur" 2>&1); then
		rm -rf "$S/gen/$new"
		io_fail commit "cannot store generation $new: $berr"
	fi
	say "created $(now) from $cur" > "$S/gen/$new/info"
	switch_gen "$new" "$cur" "$S/gen/$new/plan"
	case $? in
	0) ;;
	1)
		rm -rf "$S/gen/$new"
		say "generation $cur"
		log "commit of $new failed: could not install the files; $cur kept"
		io_fail commit "could not install the files of generation $new ($SWITCH_ERR); generation $cur restored" ;;
	*)
		perr=$PLAN_ERR
		run_plan "$S/gen/$new/revert-plan" before
		install_gen "$cur" "$new"
		set_current "$cur"
		run_plan "$S/gen/$new/revert-plan" || :
		rm -rf "$S/gen/$new"
		msgs "$perr"
		say "generation $cur"
		log "commit of $new failed in its plan; $cur restored"
		fail commit "apply plan failed ($(printf '%s' "$perr" | scrub | head -n 1)); generation $cur restored" ;;
	esac
	if [ "$1" -gt 0 ]; then
		arm "$new" "$cur" "$1"
		log "committed $new (from $cur), confirm within $1 s"
	else
		log "committed $new (from $cur)"
	fi
	prune
	say "generation $new"
	say "previous $cur"
	if [ -f "$S/pending" ]; then
		read -r ag ap adl apid < "$S/pending"
		say "deadline $adl"
	fi
	ok
}

no_pending() {
	[ -f "$S/pending" ] || return 0
	read -r qg qp qd qpid < "$S/pending"
	fail pending "generation $qg waits for confirm until $qd"
}

# Run one check of the candidate; its output becomes msg lines and fails the validation.
run_check() {
	vout=$("$@" 2>&1 < /dev/null) || { msgs "$vout"; vfailed=1; }
}

# The anchor name pf.conf's "load anchor NAME from" gives anchor file $1, else the file's name without ".conf".
anchor_of() {
	ao=$(awk -v f="/etc/pf/${1##*/}" '$1 == "load" && $2 == "anchor" && $4 == "from" {
		a = $3; p = $5; gsub(/["\047]/, "", a); gsub(/["\047]/, "", p); if (p == f) { print a; exit } }' \
		"$vc/etc/pf.conf" 2>/dev/null)
	if [ -z "$ao" ]; then ao=${1##*/}; ao=${ao%.conf}; fi
	say "$ao"
}

# --- subcommands ---------------------------------------------------------------------------------------------------

cmd_lock() {
	is_holder "$1" && is_num "$2" || fail usage "lock HOLDER TTL"
	for attempt in 1 2; do
		if mkdir "$S/lock" 2>/dev/null; then
			lock_write "$1" "$2" || io_fail internal "cannot write the lock"
			ok
		fi
		lock_info
		if [ "$lh" = "$1" ]; then
			lock_write "$1" "$2" || io_fail internal "cannot write the lock"
			ok
		fi
		if [ $(($(now) - ls_)) -gt "$lt" ]; then
			mv "$S/lock" "$S/lock.stale.$$" 2>/dev/null && rm -rf "$S/lock.stale.$$"
			log "lock of $lh expired"
			continue
		fi
		break
	done
	say "holder $lh"
	say "since $ls_"
	fail lock-held "$lh $ls_"
}

cmd_unlock() {
	is_holder "$1" || fail usage "unlock HOLDER"
	[ -d "$S/lock" ] || ok
	lock_info
	[ "$lh" = "$1" ] || fail not-locked "held by $lh"
	mv "$S/lock" "$S/lock.stale.$$" 2>/dev/null && rm -rf "$S/lock.stale.$$"
	ok
}

cmd_edit_candidate() {
	is_holder "$1" || fail usage "edit-candidate HOLDER"
	check_lock "$1"
	stage_archive
	check_staged "$stage" || fail upload "$CHECK_ERR"
	if [ -d "$S/candidate" ]; then mv "$S/candidate" "$T/old"; fi
	mv "$stage" "$S/candidate" || io_fail upload "cannot install the candidate"
	say "files $(wc -l < "$S/candidate/manifest" | tr -d ' ')"
	ok
}

cmd_validate() {
	is_holder "$1" || fail usage "validate HOLDER"
	check_lock "$1"
	[ -d "$S/candidate" ] || fail no-candidate "edit the candidate first"
	tmpdir
	vc=$S/candidate/files
	vfailed=0
	# pfctl -n reads the files of pf.conf's "load anchor NAME from FILE" lines too: a copy whose /etc/pf/ paths point
	# at the candidate checks the anchors the commit will install, not the ones on disk now.
	if [ -f "$vc/etc/pf.conf" ]; then
		mkdir -p "$T/check/etc" || io_fail internal "cannot create $T/check"
		sed -e "s|\"/etc/pf/|\"$vc/etc/pf/|g" -e "s|'/etc/pf/|'$vc/etc/pf/|g" "$vc/etc/pf.conf" \
			> "$T/check/etc/pf.conf" || io_fail internal "cannot copy pf.conf"
		run_check pfctl -nf "$T/check/etc/pf.conf"
	fi
	# each anchor file as the plan's pfctl-anchor step loads it: alone, under its anchor's name
	for vf in "$vc"/etc/pf/*; do
		[ -f "$vf" ] || continue
		run_check pfctl -a "$(anchor_of "$vf")" -nf "$vf"
	done
	[ -f "$vc/etc/ssh/sshd_config" ] && run_check sshd -t -f "$vc/etc/ssh/sshd_config"
	[ -f "$vc/etc/unwind.conf" ] && run_check unwind -n -f "$vc/etc/unwind.conf"
	[ -f "$vc/etc/ifstated.conf" ] && run_check ifstated -n -f "$vc/etc/ifstated.conf"
	[ -f "$vc/etc/rad.conf" ] && run_check rad -n -f "$vc/etc/rad.conf"
	[ -f "$vc/etc/dhcp6leased.conf" ] && run_check dhcp6leased -n -f "$vc/etc/dhcp6leased.conf"
	# a block of lines can only be spliced into a file whose block is intact
	while read -r csum cmode cowner cgroup cpath ckind; do
		[ "$ckind" = lines ] && [ -f "$R$cpath" ] || continue
		block body "$R$cpath" "$LINES_BEGIN" "$LINES_END" > /dev/null 2>&1
		if [ $? = 3 ]; then
			say "msg $cpath: $DAMAGED"
			vfailed=1
		fi
	done < "$S/candidate/manifest"
	# netstart(8) reads /etc/hostname.IF; a copy of it that reads the candidate's files instead gives the only dry
	# run these files have (-n prints the commands without running them). It catches shell-level errors (quoting) and
	# whatever netstart itself rejects; ifconfig arguments are only checked when the commit runs them.
	if [ -f "$R/etc/netstart" ]; then
		sed "s|/etc/hostname\\.|$vc/etc/hostname.|g" "$R/etc/netstart" > "$T/netstart" ||
			io_fail internal "cannot copy netstart"
		for vf in "$vc"/etc/hostname.*; do
			[ -f "$vf" ] || continue
			run_check sh "$T/netstart" -n "${vf##*/hostname.}"
		done
	fi
	[ $vfailed = 0 ] || fail validate "the router's checks refused the candidate"
	ok
}

cmd_commit() {
	is_holder "$1" && is_num "$2" || fail usage "commit HOLDER SECONDS"
	check_lock "$1"
	mutex_enter
	no_pending
	commit_candidate "$2"
}

cmd_confirm() {
	is_holder "$1" && is_num "$2" || fail usage "confirm HOLDER GEN"
	check_not_foreign "$1"
	mutex_enter
	if [ -f "$S/pending" ]; then
		read -r cg cpv cdl cpid < "$S/pending"
		if [ "$2" = 0 ] || [ "$2" = "$cg" ]; then
			if [ "$(now)" -ge "$cdl" ]; then
				disarm "$cpid"
				do_revert "$cg" "$cpv"
				say "reverted $cg $cpv"
				fail reverted "$cg $cpv"
			fi
			rm -f "$S/pending"
			disarm "$cpid"
			log "confirmed $cg"
			say "generation $cg"
			say "previous $cpv"
			ok
		fi
	fi
	if [ -f "$S/reverted" ]; then
		read -r rg rp rt < "$S/reverted"
		if [ "$2" = "$rg" ] || { [ "$2" = 0 ] && [ "$rg" -gt "$(current)" ]; }; then
			say "reverted $rg $rp"
			fail reverted "$rg $rp"
		fi
	fi
	if [ "$2" != 0 ] && [ "$2" = "$(current)" ]; then
		say "generation $2"
		say "previous $2"
		ok
	fi
	fail nothing-pending "no confirmed commit waits for confirm"
}

cmd_cancel_commit() {
	is_holder "$1" || fail usage "cancel-commit HOLDER"
	check_not_foreign "$1"
	mutex_enter
	[ -f "$S/pending" ] || fail nothing-pending "no confirmed commit waits for confirm"
	read -r xg xp xd xpid < "$S/pending"
	disarm "$xpid"
	do_revert "$xg" "$xp"
	say "generation $xp"
	say "previous $xg"
	ok
}

cmd_rollback() {
	is_holder "$1" && is_num "$2" && is_num "$3" || fail usage "rollback HOLDER GEN SECONDS"
	check_lock "$1"
	mutex_enter
	no_pending
	[ "$2" != 0 ] && [ -d "$S/gen/$2" ] || fail no-generation "generation $2 is not kept on this router"
	stage_archive
	if ! cp -Rp "$S/gen/$2/files" "$stage/files" || ! cp -p "$S/gen/$2/manifest" "$stage/manifest"; then
		io_fail upload "cannot copy generation $2"
	fi
	check_staged "$stage" || fail upload "$CHECK_ERR"
	rm -rf "$S/candidate"
	mv "$stage" "$S/candidate" || io_fail upload "cannot stage generation $2"
	commit_candidate "$3"
}

cmd_get_config() {
	gcur=$(current)
	say "generation $gcur"
	if [ -f "$S/pending" ]; then
		read -r gg gp gd gpid < "$S/pending"
		say "pending $gg $gp $gd"
	fi
	if [ -f "$S/reverted" ]; then
		read -r rg rp rt < "$S/reverted"
		say "reverted $rg $rp $rt"
	fi
	[ -f "$S/txn" ] && say "txn $(cat "$S/txn")"
	# failover: ifstated's actions append "EPOCH STATE" to failover.log; the last line is the state it is in
	if [ -s "$S/failover.log" ]; then
		tail -n 10 "$S/failover.log" | while read -r fat fstate; do
			case $fstate in ''|*[!A-Za-z0-9_.+-]*) continue ;; esac
			is_digits "$fat" && say "failover-event $fat $fstate"
		done
	fi
	while read -r gsum gmode gowner ggroup gpath gkind; do
		if [ "$gkind" = lines ]; then
			# our block only: the other lines, and the file's owner, group and mode, are the admin's
			say "managed $gsum $gmode $gowner $ggroup $gpath lines"
			tmpdir
			if [ -f "$R$gpath" ] && block body "$R$gpath" "$LINES_BEGIN" "$LINES_END" > "$T/body" 2>/dev/null; then
				say "file $(sha "$T/body") $gmode $gowner $ggroup $gpath lines"
			else
				say "missing $gpath"
			fi
			continue
		fi
		say "managed $gsum $gmode $gowner $ggroup $gpath"
		if [ -f "$R$gpath" ]; then
			say "file $(sha "$R$gpath") $(fattrs "$R$gpath") $gpath"
		else
			say "missing $gpath"
		fi
	done < "$S/gen/$gcur/manifest"
	ok
}

cmd_show_generation() {
	is_num "$1" || { say "pbr-agent $VERSION"; fail usage "show-generation GEN"; }
	[ -d "$S/gen/$1" ] || { say "pbr-agent $VERSION"; fail no-generation "generation $1 is not kept on this router"; }
	cd "$S/gen/$1" && exec tar -cf - manifest files
}

# Read-only and without the lock: it changes nothing, and an import must work while a commit runs elsewhere. Each
# file is copied first and hashed from the copy, so that its manifest line and its content agree even when the admin
# edits it meanwhile. Whole files, shared ones with the admin's lines: the import needs them all.
cmd_read_files() {
	[ $# -eq 0 ] || { say "pbr-agent $VERSION"; fail usage "read-files"; }
	tmpdir
	rd=$T/read
	if ! mkdir -p "$rd/files" || ! : > "$rd/manifest"; then
		say "pbr-agent $VERSION"
		io_fail internal "cannot create $rd"
	fi
	for rf in "$R"/etc/* "$R"/etc/ssh/* "$R"/etc/pf/*; do
		[ -f "$rf" ] && [ ! -L "$rf" ] && say "${rf#"$R"}"
	done | grep -Ex "$READ_RE" > "$T/paths"
	while read -r rp; do
		if ! mkdir -p "$rd/files${rp%/*}" || ! cp "$R$rp" "$rd/files$rp"; then
			say "pbr-agent $VERSION"
			io_fail internal "cannot read $rp"
		fi
		say "$(sha "$rd/files$rp") $(fattrs "$R$rp") $rp" >> "$rd/manifest"
	done < "$T/paths"
	(cd "$rd" && tar -cf - manifest files)
}

cmd_uninstall() {
	is_holder "$1" || fail usage "uninstall HOLDER"
	check_lock "$1"
	mutex_enter
	no_pending
	if [ -f "$R$RC_LOCAL" ]; then
		tmpdir
		uerr=$(block remove "$R$RC_LOCAL" "$HOOK_BEGIN" "$HOOK_END" 2>&1 > "$T/rclocal")
		case $? in
		0) ;;
		3) fail internal "cannot remove the boot hook: $RC_LOCAL: $DAMAGED" ;;
		*) io_fail internal "cannot remove the boot hook: $uerr" ;;
		esac
		put_text "$T/rclocal" "$RC_LOCAL" || io_fail internal "cannot remove the boot hook: $PUT_ERR"
	fi
	# the generations, the lock, this script: the managed files stay as the router runs them
	rm -rf "$S" || io_fail internal "cannot remove $S"
	MUTEX_HELD=
	say "removed ${S#"$R"}"
	ok
}

cmd_revert_after() {
	is_num "$1" && is_num "$2" || exit 1
	# disarm's TERM ends the wait at once (a trapped signal would wait for sleep to finish)
	trap - TERM
	sleep "$1"
	trap 'exit 143' TERM
	mutex_enter
	[ -f "$S/pending" ] || exit 0
	read -r tg tp td tpid < "$S/pending"
	[ "$tg" = "$2" ] || exit 0
	do_revert "$tg" "$tp"
}

cmd_boot_check() {
	[ -f "$S/gen/0/revert-plan" ] || exit 0
	sweep
	mutex_enter
	[ -f "$S/pending" ] || exit 0
	read -r bg bp bd bpid < "$S/pending"
	do_revert "$bg" "$bp"
	log "boot: generation $bg was not confirmed before the reboot; $bp restored"
	say "pbr-agent: generation $bg was not confirmed before the reboot: generation $bp restored"
}

# ping(8) from routing table RDOMAIN (ping6 for an IPv6 address), at most COUNT requests with a one-second wait
# after the last: ping's summary line as "probe SENT RECEIVED" (the controller passes a probe when an echo request
# was answered); a ping that prints no summary (no such routing table, no route) is the probe's error.
cmd_probe() {
	line="$*"
	# one line of these characters only (grep -x would accept a line of a multi-line argument), then the pattern
	case $line in
	*[!0-9A-Za-z.:\ ]*) fail usage "probe ping RDOMAIN COUNT ADDRESS" ;;
	esac
	[ $# -eq 4 ] && printf '%s\n' "$line" | grep -Eqx "$PROBE_RE" || fail usage "probe ping RDOMAIN COUNT ADDRESS"
	case $4 in
	*:*) tool=ping6 ;;
	*) tool=ping ;;
	esac
	out=$("$tool" -n -c "$3" -w 1 -V "$2" "$4" 2>&1)
	summary=$(printf '%s\n' "$out" | sed -En 's/^([0-9]+) packets transmitted, ([0-9]+) packets received.*/\1 \2/p' |
		tail -n 1)
	[ -n "$summary" ] || fail probe "$(printf '%s\n' "$out" | tail -n 1)"
	say "probe $summary"
	ok
}

cmd_vocabulary() {
	say "plan $PLAN_RE"
	say "manifest $MANIFEST_RE"
	say "read $READ_RE"
	say "probe $PROBE_RE"
	say "lines $LINES_BEGIN"
	say "lines $LINES_END"
	say "hook $HOOK_BEGIN"
	say "hook $HOOK_END"
}

# --- main ----------------------------------------------------------------------------------------------------------

case ${1:-} in
boot-check) cmd_boot_check; exit 0 ;;
vocabulary) cmd_vocabulary; exit 0 ;;
esac
if [ $# -lt 3 ] || [ "$1" != -v ]; then
	say "pbr-agent $VERSION"
	fail usage "pbr-agent.sh -v VERSION SUBCOMMAND ..."
fi
sub=${3:-}
if [ "${2:-}" != "$VERSION" ]; then
	say "pbr-agent $VERSION"
	fail version "$VERSION"
fi
shift 3
init
case $sub in
show-generation) cmd_show_generation "$@" ;;
read-files) cmd_read_files "$@"; exit ;;
revert-after) cmd_revert_after "$@"; exit 0 ;;
esac
say "pbr-agent $VERSION"
case $sub in
version) ok ;;
lock) cmd_lock "$@" ;;
unlock) cmd_unlock "$@" ;;
edit-candidate) cmd_edit_candidate "$@" ;;
validate) cmd_validate "$@" ;;
commit) cmd_commit "$@" ;;
confirm) cmd_confirm "$@" ;;
cancel-commit) cmd_cancel_commit "$@" ;;
rollback) cmd_rollback "$@" ;;
get-config) cmd_get_config ;;
probe) cmd_probe "$@" ;;
uninstall) cmd_uninstall "$@" ;;
*) fail usage "unknown subcommand" ;;
esac
