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
# pfctl-load, rcctl ACTION SERVICE); a line starting "before " runs before the new files are installed.
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
#   pbr-agent.sh -v VERSION revert-after SECONDS GEN (internal: the confirm timer)
#   pbr-agent.sh boot-check                          from /etc/rc.local: revert a commit left unconfirmed by a reboot
#
# Replies (except show-generation's tar): "pbr-agent VERSION", data lines, then "@ok" or "@error KIND DETAIL".
#
# State lives under $PBR_ROOT/var/pbr (PBR_ROOT is empty on a router; tests point it at a sandbox):
#   lock/info            holder, last use (epoch seconds), lifetime
#   mutex/               serializes commit, confirm, cancel, rollback and the revert timer (pid inside)
#   candidate/           plan, revert-plan, files/etc/..., manifest ("SHA256 MODE OWNER GROUP PATH" per line)
#   gen/N/               a generation: the candidate as committed, plus backup/ (files found on disk before we
#                        managed them, restored when a path leaves the managed set) and info
#   current              the generation installed; gen/0 is the empty baseline
#   pending              "GEN PREVIOUS DEADLINE TIMER-PID" while a confirmed commit waits
#   reverted             "GEN RESTORED EPOCH" of the last revert
#   txn                  "GEN FROM" while files are being switched (an interrupted switch is undone first)
#   log                  one line per commit, confirm and revert
VERSION=2

umask 077
R=${PBR_ROOT:-}
S=$R/var/pbr
AGENT=$S/pbr-agent.sh
KEEP=${PBR_KEEP:-10}
PATH=$PATH:/sbin:/usr/sbin:/bin:/usr/bin
export PATH

MANIFEST_RE='[0-9a-f]{64} [0-7]{4} [a-z_][a-z0-9_]{0,31} [a-z_][a-z0-9_]{0,31} /etc/[A-Za-z0-9._/-]{1,100}'
IF_RE='[a-z]{1,10}[0-9]{1,4}'
PLAN_RE="(before )?(netstart $IF_RE|destroy $IF_RE|pfctl-load|rcctl (enable|disable|start|stop|restart|reload) \
(unwind|sshd|unbound|dhcpleased|slaacd|resolvd))"

# --- replies -------------------------------------------------------------------------------------------------------

say() { printf '%s\n' "$*"; }
ok() { say "@ok"; exit 0; }
fail() { fk=$1; shift; say "@error $fk $(printf '%s' "$*" | tr '\n' ' ')"; exit 1; }

# Mask secrets (PPPoE authkey, WireGuard keys, passwords) in anything a router tool printed.
scrub() {
	sed -E "s/(authkey|wgkey|wgpsk|pskkey|password|passphrase|secret)([[:space:]=:]+)('[^']*'|\"[^\"]*\"|[^[:space:]]+)/\\1\\2********/g"
}

# Print a tool's output as "msg" lines, secrets masked, staging paths shown as the paths they will have.
msgs() {
	printf '%s\n' "$1" | scrub | sed -e "s|$S/candidate/files||g" -e "s|$S/candidate.new.[0-9]*/files||g" \
		-e 's/^/msg /'
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

# Whether PATH ($1) is listed in manifest $2.
listed() { awk -v p="$1" '$5 == p { found = 1 } END { exit !found }' "$2"; }

log() { say "$(now) $*" >> "$S/log" 2>/dev/null; }

current() {
	if [ -f "$S/current" ]; then cat "$S/current"; else say 0; fi
}

set_current() {
	say "$1" > "$S/current.new" && mv -f "$S/current.new" "$S/current"
}

next_gen() {
	ng=$(ls "$S/gen" | grep -Ex '[0-9]+' | sort -n | tail -n 1)
	say $((ng + 1))
}

init() {
	[ -d "$S/gen/0" ] && return 0
	mkdir -p "$S/gen/0.new/files" || io_fail internal "cannot create $S"
	: > "$S/gen/0.new/manifest" && : > "$S/gen/0.new/plan" && : > "$S/gen/0.new/revert-plan" &&
		mv "$S/gen/0.new" "$S/gen/0" || io_fail internal "cannot create $S/gen/0"
	[ -f "$S/current" ] || set_current 0
}

# --- locks ---------------------------------------------------------------------------------------------------------

# The controller-visible lock: a directory (mkdir is atomic) with "HOLDER LASTUSE TTL" inside.
lock_info() {
	lh=unknown; ls_=$(now); lt=600
	[ -f "$S/lock/info" ] && read -r lh ls_ lt < "$S/lock/info"
	:
}

# Needs the lock held by $1; refreshes its last use.
check_lock() {
	[ -d "$S/lock" ] || fail not-locked "take the lock first"
	lock_info
	[ "$lh" = "$1" ] || fail not-locked "held by $lh"
	say "$lh $(now) $lt" > "$S/lock/info"
}

# Refuses when someone else holds the lock (confirm and cancel-commit need no lock of their own).
check_not_foreign() {
	[ -d "$S/lock" ] || return 0
	lock_info
	[ "$lh" = "$1" ] && return 0
	say "holder $lh"
	fail lock-held "$lh $ls_"
}

# The internal mutex, held while generations change. A mutex whose process is gone is broken.
mutex_enter() {
	mi=0
	until mkdir "$S/mutex" 2>/dev/null; do
		mp=$(cat "$S/mutex/pid" 2>/dev/null)
		if [ -n "$mp" ] && ! kill -0 "$mp" 2>/dev/null; then
			mv "$S/mutex" "$S/mutex.stale.$$" 2>/dev/null && rm -rf "$S/mutex.stale.$$"
			continue
		fi
		mi=$((mi + 1))
		[ $mi -gt 300 ] && fail busy "another operation is running"
		sleep 0.2
	done
	say $$ > "$S/mutex/pid"
	trap 'rm -rf "$S/mutex"' EXIT
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

# Make the files of generation $1 the ones on disk, coming from generation $2: install every file of $1; a path of $2
# that $1 does not manage is restored from $2's backup (what was there before we managed it), else removed.
install_gen() {
	ig=$S/gen/$1
	fg=$S/gen/$2
	while read -r isum imode iowner igroup ipath; do
		put "$ig/files$ipath" "$imode" "$iowner" "$igroup" "$ipath" || return 1
	done < "$ig/manifest"
	while read -r isum imode iowner igroup ipath; do
		listed "$ipath" "$ig/manifest" && continue
		if [ -f "$fg/backup/manifest" ] && listed "$ipath" "$fg/backup/manifest"; then
			awk -v p="$ipath" '$5 == p' "$fg/backup/manifest" > "$S/line.$$"
			read -r bsum bmode bowner bgroup bpath < "$S/line.$$"
			rm -f "$S/line.$$"
			put "$fg/backup/files$bpath" "$bmode" "$bowner" "$bgroup" "$bpath" || return 1
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
	while read -r msum mmode mowner mgroup mpath; do
		if listed "$mpath" "$pg/manifest"; then
			[ -f "$pg/backup/manifest" ] && listed "$mpath" "$pg/backup/manifest" || continue
			src=$pg/backup/files$mpath
			awk -v p="$mpath" '$5 == p' "$pg/backup/manifest" >> "$mg/backup/manifest" || return 1
		else
			[ -f "$R$mpath" ] || continue
			src=$R$mpath
			say "$(sha "$src") $(fstat "$src" | awk '{ print $3, $1, $2 }') $mpath" >> "$mg/backup/manifest" ||
				return 1
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
		rcctl)
			pout=$(rcctl "$pa" "$pb" 2>&1 < /dev/null) ;;
		*)
			false ;;
		esac || {
			if [ "${2:-after}" = before ]; then
				log "before the switch: $pverb $pa $pb: $(printf '%s' "$pout" | scrub | head -n 1)"
				continue
			fi
			PLAN_ERR="$pverb $pa $pb: $pout"; return 1
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

# Undo a switch that a crash or power loss interrupted.
recover() {
	[ -f "$S/txn" ] || return 0
	read -r tg tf < "$S/txn"
	install_gen "$tf" "$tg"
	set_current "$tf"
	rm -f "$S/txn"
	log "recovered: generation $tg was half installed, back to $tf"
}

# Revert generation $1 to $2 (mutex held): the files of $2, then $1's revert plan.
do_revert() {
	run_plan "$S/gen/$1/revert-plan" before
	if ! install_gen "$2" "$1"; then
		log "revert of $1 to $2 could not install every file"
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

# Check a staged directory: plan lines in the fixed vocabulary, manifest lines well formed, every file present with
# its hash, nothing else. Sets CHECK_ERR.
check_staged() {
	cd_=$1
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
	while read -r csum cmode cowner cgroup cpath; do
		[ -f "$cd_/files$cpath" ] || { CHECK_ERR="missing $cpath"; return 1; }
		[ "$(sha "$cd_/files$cpath")" = "$csum" ] || { CHECK_ERR="damaged $cpath"; return 1; }
	done < "$cd_/manifest"
	cn=$(find "$cd_/files" -type f | wc -l)
	[ "$cn" -eq "$(wc -l < "$cd_/manifest")" ] || { CHECK_ERR="files not in the manifest"; return 1; }
}

# Commit the staged candidate (mutex and lock held). $1: confirm seconds, 0 for none.
commit_candidate() {
	[ -d "$S/candidate" ] || fail no-candidate "edit the candidate first"
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

# --- subcommands ---------------------------------------------------------------------------------------------------

cmd_lock() {
	is_holder "$1" && is_num "$2" || fail usage "lock HOLDER TTL"
	for attempt in 1 2; do
		if mkdir "$S/lock" 2>/dev/null; then
			say "$1 $(now) $2" > "$S/lock/info"
			ok
		fi
		lock_info
		if [ "$lh" = "$1" ]; then
			say "$1 $(now) $2" > "$S/lock/info"
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
	rm -rf "$S/lock"
	ok
}

cmd_edit_candidate() {
	is_holder "$1" || fail usage "edit-candidate HOLDER"
	check_lock "$1"
	stage=$S/candidate.new.$$
	rm -rf "$stage"
	mkdir "$stage" || io_fail upload "cannot create the staging area"
	if ! terr=$(tar -xf - -C "$stage" 2>&1); then
		rm -rf "$stage"
		io_fail upload "the archive did not arrive complete: $terr"
	fi
	if ! check_staged "$stage"; then
		rm -rf "$stage"
		fail upload "$CHECK_ERR"
	fi
	rm -rf "$S/candidate.old.$$"
	if [ -d "$S/candidate" ]; then mv "$S/candidate" "$S/candidate.old.$$"; fi
	mv "$stage" "$S/candidate" || io_fail upload "cannot install the candidate"
	rm -rf "$S/candidate.old.$$"
	say "files $(wc -l < "$S/candidate/manifest" | tr -d ' ')"
	ok
}

cmd_validate() {
	is_holder "$1" || fail usage "validate HOLDER"
	check_lock "$1"
	[ -d "$S/candidate" ] || fail no-candidate "edit the candidate first"
	vc=$S/candidate/files
	vfailed=0
	if [ -f "$vc/etc/pf.conf" ] && ! vout=$(pfctl -nf "$vc/etc/pf.conf" 2>&1 < /dev/null); then
		msgs "$vout"; vfailed=1
	fi
	if [ -f "$vc/etc/ssh/sshd_config" ] && ! vout=$(sshd -t -f "$vc/etc/ssh/sshd_config" 2>&1 < /dev/null); then
		msgs "$vout"; vfailed=1
	fi
	if [ -f "$vc/etc/unwind.conf" ] && ! vout=$(unwind -n -f "$vc/etc/unwind.conf" 2>&1 < /dev/null); then
		msgs "$vout"; vfailed=1
	fi
	# netstart(8) reads /etc/hostname.IF; a copy of it that reads the candidate's files instead gives the only dry
	# run these files have (-n prints the commands without running them). It catches shell-level errors (quoting) and
	# whatever netstart itself rejects; ifconfig arguments are only checked when the commit runs them.
	if [ -f "$R/etc/netstart" ]; then
		vtmp=$S/netstart.$$
		sed "s|/etc/hostname\\.|$vc/etc/hostname.|g" "$R/etc/netstart" > "$vtmp"
		for vf in "$vc"/etc/hostname.*; do
			[ -f "$vf" ] || continue
			vif=${vf##*/hostname.}
			if ! vout=$(sh "$vtmp" -n "$vif" 2>&1 < /dev/null); then
				msgs "$vout"; vfailed=1
			fi
		done
		rm -f "$vtmp"
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
	stage=$S/candidate.new.$$
	rm -rf "$stage"
	mkdir "$stage" || io_fail upload "cannot create the staging area"
	if ! terr=$(tar -xf - -C "$stage" 2>&1); then
		rm -rf "$stage"
		io_fail upload "the archive did not arrive complete: $terr"
	fi
	if ! cp -Rp "$S/gen/$2/files" "$stage/files" || ! cp -p "$S/gen/$2/manifest" "$stage/manifest"; then
		rm -rf "$stage"
		io_fail upload "cannot copy generation $2"
	fi
	if ! check_staged "$stage"; then
		rm -rf "$stage"
		fail upload "$CHECK_ERR"
	fi
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
	while read -r gsum gmode gowner ggroup gpath; do
		say "managed $gsum $gmode $gowner $ggroup $gpath"
		if [ -f "$R$gpath" ]; then
			say "file $(sha "$R$gpath") $(fstat "$R$gpath" | awk '{ print $3, $1, $2 }') $gpath"
		else
			say "missing $gpath"
		fi
	done < "$S/gen/$gcur/manifest"
	ok
}

cmd_show_generation() {
	is_num "$1" || { say "@error usage show-generation GEN" >&2; exit 1; }
	[ -d "$S/gen/$1" ] || { say "@error no-generation generation $1 is not kept on this router" >&2; exit 1; }
	cd "$S/gen/$1" && exec tar -cf - manifest files
}

cmd_revert_after() {
	is_num "$1" && is_num "$2" || exit 1
	sleep "$1"
	mutex_enter
	[ -f "$S/pending" ] || exit 0
	read -r tg tp td tpid < "$S/pending"
	[ "$tg" = "$2" ] || exit 0
	do_revert "$tg" "$tp"
}

cmd_boot_check() {
	[ -d "$S/gen/0" ] || exit 0
	mutex_enter
	[ -f "$S/pending" ] || exit 0
	read -r bg bp bd bpid < "$S/pending"
	do_revert "$bg" "$bp"
	log "boot: generation $bg was not confirmed before the reboot"
}

# --- main ----------------------------------------------------------------------------------------------------------

if [ "${1:-}" = boot-check ]; then
	cmd_boot_check
	exit 0
fi
[ $# -ge 3 ] && [ "$1" = -v ] || fail usage "pbr-agent.sh -v VERSION SUBCOMMAND ..."
sub=${3:-}
if [ "${2:-}" != "$VERSION" ]; then
	say "pbr-agent $VERSION"
	fail version "$VERSION"
fi
shift 3
init
case $sub in
show-generation) cmd_show_generation "$@" ;;
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
*) fail usage "unknown subcommand" ;;
esac
