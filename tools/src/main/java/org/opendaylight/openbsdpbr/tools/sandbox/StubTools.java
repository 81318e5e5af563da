/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.opendaylight.openbsdpbr.tools.lab.LabValidator;

/**
 * Stand-ins for the OpenBSD tools {@code pbr-agent.sh} runs, for a sandbox router on Linux: {@code pfctl},
 * {@code sshd}, {@code unwind}, {@code ifstated}, {@code rad}, {@code dhcp6leased}, {@code ifconfig}, {@code rcctl},
 * {@code sysctl}, {@code ping}, {@code ping6}, {@code install}, {@code tar} and {@code /etc/netstart}. Each records
 * its call (one line in the calls file) and behaves as {@link LabValidator} says the lab's tools do: a line holding
 * {@link LabValidator#BAD} is a syntax error in the tool's own words, pf.conf's {@code load anchor} files must exist,
 * a ruleset holding {@link LabValidator#FAIL_LOAD} fails to load (and one holding {@code slow-load} takes two
 * seconds). {@code install} and {@code tar} do the real work, with faults switched on by files in the faults
 * directory: {@code disk-full} (tar cannot write), {@code crash-switch} (the agent is killed with SIGKILL once the
 * second file of a switch is written next to its target, as by a power loss). One more: a file holding
 * {@code echo-secret} makes {@code pfctl -n} also print a line with a PPPoE secret, as netstart output might, so that
 * tests see it masked.
 */
public final class StubTools {
    /** The fault file that makes tar fail as on a full disk. */
    public static final String DISK_FULL = "disk-full";
    /** The fault file that makes ping(8) get no answer (it may list the addresses that get none, one per line). */
    public static final String PROBE_UNANSWERED = "probe-unanswered";
    /** The fault file that kills the agent half way through a switch. */
    public static final String CRASH_SWITCH = "crash-switch";

    private static final String SYNTAX = "awk -v f=\"$file\" '/" + LabValidator.BAD + "/ { print f \":\" NR \": syntax "
        + "error\"; n++ } END { exit n > 0 }' \"$file\" >&2";

    private StubTools() {
        // utility
    }

    /**
     * Write the stand-ins.
     *
     * @param bin the directory for the tools (put it first on PATH)
     * @param root the sandbox root ({@code root/etc/netstart} is written)
     * @param calls the file every call is recorded in
     * @param faults the directory whose files switch faults on
     */
    public static void write(final Path bin, final Path root, final Path calls, final Path faults)
            throws IOException {
        Files.createDirectories(bin);
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(faults);
        if (!Files.exists(calls)) {
            Files.writeString(calls, "");
        }
        final String record = "echo \"$(basename \"$0\") $*\" >> '" + calls + "'\n";
        script(bin.resolve("pfctl"), record + """
            anchor=; file=; mode=
            while [ $# -gt 0 ]; do
                case $1 in
                -a) anchor=$2; shift 2 ;;
                -nf) mode=check; file=$2; shift 2 ;;
                -f) mode=load; file=$2; shift 2 ;;
                *) shift ;;
                esac
            done
            if [ ! -f "$file" ]; then echo "pfctl: $file: No such file or directory" >&2; exit 1; fi
            case $mode in
            check)
                if grep -q echo-secret "$file"; then echo "ifconfig pppoe0 authkey 'leaked-secret' up" >&2; fi
                %SYNTAX% || exit 1
                [ -n "$anchor" ] && exit 0
                failed=0
                for file in $(awk '$1 == "load" && $2 == "anchor" && $4 == "from" {
                    p = $5; gsub(/["\\047]/, "", p); print p }' "$file"); do
                    if [ ! -f "$file" ]; then
                        echo "pfctl: $file: No such file or directory" >&2; failed=1
                    else
                        %SYNTAX% || failed=1
                    fi
                done
                exit $failed ;;
            load)
                if grep -q slow-load "$file"; then sleep 2; fi
                if grep -q %FAIL% "$file"; then echo "%LOADERR%" >&2; exit 1; fi ;;
            esac
            exit 0
            """.replace("%SYNTAX%", SYNTAX).replace("%FAIL%", LabValidator.FAIL_LOAD)
            .replace("%LOADERR%", LabValidator.LOAD_ERROR));
        script(bin.resolve("sshd"), record + """
            file=
            while [ $# -gt 0 ]; do case $1 in -f) file=$2; shift 2 ;; *) shift ;; esac; done
            [ -n "$file" ] || exit 0
            awk -v f="$file" '/%BAD%/ { print f ": line " NR ": Bad configuration option: %BAD%"; n++ }
                END { if (n) { print f ": terminating, " n " bad configuration options"; exit 1 } }' "$file" >&2
            """.replace("%BAD%", LabValidator.BAD));
        for (String daemon : List.of("unwind", "ifstated", "rad", "dhcp6leased")) {
            script(bin.resolve(daemon), record + """
                file=
                while [ $# -gt 0 ]; do case $1 in -f) file=$2; shift 2 ;; *) shift ;; esac; done
                [ -n "$file" ] || exit 0
                %SYNTAX%
                """.replace("%SYNTAX%", SYNTAX));
        }
        for (String tool : List.of("ifconfig", "rcctl", "sysctl")) {
            script(bin.resolve(tool), record + "exit 0\n");
        }
        // ping(8) and ping6: OpenBSD's output and exit status; every request is answered unless the probe-unanswered
        // fault file is there (it may list the addresses that do not answer, one per line; without any: none answers)
        for (String tool : List.of("ping", "ping6")) {
            script(bin.resolve(tool), record + """
                count=1; for last; do :; done
                while [ $# -gt 1 ]; do case $1 in -c) count=$2; shift 2 ;; *) shift ;; esac; done
                answered=$count
                if [ -f '%FAULTS%/%UNANSWERED%' ]; then
                    if ! grep -q '[.:]' '%FAULTS%/%UNANSWERED%' || grep -qx "$last" '%FAULTS%/%UNANSWERED%'; then
                        answered=0
                    fi
                fi
                echo "PING $last: 56 data bytes"
                echo
                echo "--- $last ping statistics ---"
                loss=$(( (count - answered) * 100 / count ))
                echo "$count packets transmitted, $answered packets received, $loss.0% packet loss"
                [ "$answered" -gt 0 ]
                """.replace("%FAULTS%", faults.toString()).replace("%UNANSWERED%", PROBE_UNANSWERED));
        }
        // install(1): record; a crash-switch fault kills the agent once the second file it installs under /etc (its
        // boot hook aside) is written next to its target; else really install (owner and group when we can set them)
        script(bin.resolve("install"), record + """
            # the real install(1), with owner and group only when we can set them
            real_install() {
                if [ "$(id -u)" != 0 ]; then
                    args=; while [ $# -gt 0 ]; do case $1 in -o|-g) shift 2 ;; *) args="$args $1"; shift ;; esac; done
                    /usr/bin/install $args
                else
                    /usr/bin/install "$@"
                fi
            }
            for last; do :; done
            if [ -f '%FAULTS%/%CRASH%' ]; then
                case $last in
                */etc/rc.local.pbr-new) ;;
                *.pbr-new)
                    n=$(($(cat '%FAULTS%/%CRASH%') + 1))
                    echo $n > '%FAULTS%/%CRASH%'
                    if [ $n -ge 2 ]; then
                        # the new file is written next to its target, then the power goes before the rename
                        real_install "$@"
                        p=$PPID
                        while [ -n "$p" ] && [ "$p" -gt 1 ]; do
                            up=$(ps -o ppid= -p "$p" | tr -d ' ')
                            case $(ps -o args= -p "$p") in
                            *pbr-agent.sh*) kill -9 "$p" ;;
                            esac
                            p=$up
                        done
                        exit 1
                    fi ;;
                esac
            fi
            real_install "$@"
            """.replace("%FAULTS%", faults.toString()).replace("%CRASH%", CRASH_SWITCH));
        // tar(1): a disk-full fault makes extraction fail as on a full file system
        script(bin.resolve("tar"), """
            if [ -f '%FAULTS%/%FULL%' ]; then
                case " $* " in
                *" -xf "*) cat > /dev/null; echo "%MESSAGE%" >&2; exit 1 ;;
                esac
            fi
            if [ -x /bin/tar ]; then exec /bin/tar "$@"; fi
            exec /usr/bin/tar "$@"
            """.replace("%FAULTS%", faults.toString()).replace("%FULL%", DISK_FULL)
            .replace("%MESSAGE%", LabValidator.DISK_FULL));
        script(root.resolve("etc/netstart"), "echo \"netstart $*\" >> '" + calls + "'\nexit 0\n");
    }

    private static void script(final Path file, final String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
