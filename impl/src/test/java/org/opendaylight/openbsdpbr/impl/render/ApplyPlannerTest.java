/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.files.FileSet;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.api.plan.ApplyPlan;

class ApplyPlannerTest {
    private static final String PPPOE0 = """
        rdomain 1
        inet 0.0.0.0 255.255.255.255 NONE mtu 1454 pppoedev em0 authproto chap authname 'user' authkey 'secret' up
        dest 0.0.0.1
        !/sbin/route -T 1 add default -ifp pppoe0 0.0.0.1
        """;

    /** A router like the seed: files by path. */
    private static Map<String, String> seed() {
        final Map<String, String> files = new TreeMap<>();
        files.put("/etc/hostname.em0", "up\n");
        files.put("/etc/hostname.em1", "up\n");
        files.put("/etc/hostname.em2", "up\n");
        files.put("/etc/hostname.lo1", "rdomain 1\ninet 127.0.0.1/8\n");
        files.put("/etc/hostname.pppoe0", PPPOE0);
        files.put("/etc/hostname.gif0", "mtu 1460\ntunnel 2001:db8::1 2001:db8::64\ninet 192.0.2.18 255.255.255.255\n");
        files.put("/etc/hostname.veb0", "add em1\nadd em2\nadd vport0\nup\n");
        files.put("/etc/hostname.vport0", "inet 192.168.1.1/24\nup\n");
        files.put("/etc/pf.conf", "set skip on lo\nblock in on pppoe0\n");
        files.put("/etc/rc.conf.local", "unwind_flags=\nunwind_rtable=1\n");
        files.put("/etc/unwind.conf", "forwarder { 8.8.8.8 1.1.1.1 }\n");
        files.put("/etc/ssh/sshd_config", "ListenAddress 0.0.0.0\nListenAddress 0.0.0.0 rdomain 1\n");
        return files;
    }

    private static FileSet fileSet(final Map<String, String> files) {
        final List<ManagedFile> list = new ArrayList<>();
        files.forEach((path, content) -> list.add(path.contains("pppoe")
            ? ManagedFile.secretOf(path, content) : ManagedFile.of(path, content)));
        return FileSet.of(list);
    }

    private static List<String> plan(final Map<String, String> from, final Map<String, String> to) {
        return ApplyPlanner.plan(fileSet(from), fileSet(to)).commands();
    }

    private static String planLines(final Map<String, String> from, final Map<String, String> to) {
        return ApplyPlanner.plan(fileSet(from), fileSet(to)).toPlanText();
    }

    @Test
    void noChangeIsAnEmptyPlan() {
        final ApplyPlan plan = ApplyPlanner.plan(fileSet(seed()), fileSet(seed()));
        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.toPlanText()).isEmpty();
    }

    @Test
    void modeChangeAloneRestartsNothing() {
        final FileSet before = fileSet(seed());
        final List<ManagedFile> files = new ArrayList<>(before.files().values());
        files.replaceAll(file -> file.path().equals("/etc/hostname.em1")
            ? new ManagedFile(file.path(), "root", "wheel", 0640, file.content(), false) : file);
        assertThat(ApplyPlanner.plan(before, FileSet.of(files)).isEmpty()).isTrue();
    }

    @Test
    void pfOnlyChangeLoadsPfAndNeverTouchesPppoe() {
        final Map<String, String> after = seed();
        after.put("/etc/pf.conf", "set skip on lo\nblock in on pppoe0\npass in on pppoe0 proto tcp to port 22\n");
        final List<String> commands = plan(seed(), after);
        assertThat(commands).containsExactly("pfctl -f /etc/pf.conf");
        assertThat(String.join("\n", commands)).doesNotContain("pppoe0");
    }

    @Test
    void uplinkChangeRestartsOnlyThatInterface() {
        final Map<String, String> after = seed();
        after.put("/etc/hostname.pppoe0", PPPOE0.replace("'secret'", "'other'"));
        assertThat(plan(seed(), after)).containsExactly("sh /etc/netstart pppoe0");
    }

    @Test
    void interfacesStartInNetstartOrder() {
        final Map<String, String> after = seed();
        after.replaceAll((path, content) -> path.startsWith("/etc/hostname.") ? content + "# changed\n" : content);
        after.put("/etc/hostname.em10", "up\n");
        after.put("/etc/hostname.vlan5", "parent em1 vnetid 5\n");
        after.put("/etc/hostname.wg0", "wgkey x\n");
        // lo first; non-delayed kinds by name; then vlan and pppoe (before the default route); then the tunnels;
        // bridges last, once their members exist
        assertThat(plan(seed(), after)).containsExactly(
            "sh /etc/netstart lo1",
            "sh /etc/netstart em0",
            "sh /etc/netstart em1",
            "sh /etc/netstart em10",
            "sh /etc/netstart em2",
            "sh /etc/netstart vport0",
            "sh /etc/netstart vlan5",
            "sh /etc/netstart pppoe0",
            "sh /etc/netstart gif0",
            "sh /etc/netstart wg0",
            "sh /etc/netstart veb0");
    }

    @Test
    void newRouterStartsEverythingThenLoadsPfThenServices() {
        final ApplyPlan plan = ApplyPlanner.plan(FileSet.empty(), fileSet(seed()));
        assertThat(plan.commands()).containsExactly(
            "sh /etc/netstart lo1",
            "sh /etc/netstart em0",
            "sh /etc/netstart em1",
            "sh /etc/netstart em2",
            "sh /etc/netstart vport0",
            "sh /etc/netstart pppoe0",
            "sh /etc/netstart gif0",
            "sh /etc/netstart veb0",
            "pfctl -f /etc/pf.conf",
            "rcctl start unwind",
            "rcctl reload sshd");
        assertThat(plan.toPlanText()).startsWith("netstart lo1\nnetstart em0\n").endsWith("rcctl reload sshd\n");
    }

    @Test
    void interfaceRemovalDestroysItBeforeAnythingStarts() {
        final Map<String, String> after = seed();
        after.remove("/etc/hostname.gif0");
        after.put("/etc/hostname.em0", "up\n# no CE address any more\n");
        after.put("/etc/pf.conf", "set skip on lo\n");
        assertThat(plan(seed(), after)).containsExactly(
            "ifconfig gif0 destroy",
            "sh /etc/netstart em0",
            "pfctl -f /etc/pf.conf");
    }

    @Test
    void removalsRunInReverseBootOrderAndSparePhysicalInterfaces() {
        final Map<String, String> after = seed();
        after.remove("/etc/hostname.veb0");
        after.remove("/etc/hostname.vport0");
        after.remove("/etc/hostname.em2");
        after.remove("/etc/hostname.pppoe0");
        after.remove("/etc/hostname.lo1");
        // em2 is physical: there is nothing to destroy; lo1 goes last, once rdomain 1 is empty
        assertThat(plan(seed(), after)).containsExactly(
            "ifconfig veb0 destroy",
            "ifconfig pppoe0 destroy",
            "ifconfig vport0 destroy",
            "ifconfig lo1 destroy");
    }

    @Test
    void loopbackOfAnRdomainStillInUseIsNotDestroyed() {
        final Map<String, String> after = seed();
        after.remove("/etc/hostname.lo1");
        assertThat(plan(seed(), after)).isEmpty();
    }

    @Test
    void unwindRtableChangeStopsUnwindBeforeTheFilesChangeAndStartsItAfter() {
        final Map<String, String> after = seed();
        after.put("/etc/rc.conf.local", "unwind_flags=\nunwind_rtable=2\n");
        // rc.d finds the running daemon by its rtable: a restart after the switch would miss it
        assertThat(plan(seed(), after)).containsExactly("rcctl stop unwind   # before the files change",
            "rcctl start unwind");
        assertThat(planLines(seed(), after)).isEqualTo("before rcctl stop unwind\nrcctl start unwind\n");
    }

    @Test
    void unwindFlagsChangeRestartsUnwind() {
        final Map<String, String> after = seed();
        after.put("/etc/rc.conf.local", "unwind_flags=-v\nunwind_rtable=1\n");
        assertThat(plan(seed(), after)).containsExactly("rcctl restart unwind");
    }

    @Test
    void unwindConfigChangeReloadsUnwind() {
        final Map<String, String> after = seed();
        after.put("/etc/unwind.conf", "forwarder { 1.1.1.1 }\n");
        assertThat(plan(seed(), after)).containsExactly("rcctl reload unwind");
    }

    @Test
    void unwindStartsWhenEnabledAndStopsWhenNoLonger() {
        final Map<String, String> without = seed();
        without.remove("/etc/rc.conf.local");
        without.remove("/etc/unwind.conf");
        assertThat(plan(without, seed())).containsExactly("rcctl start unwind");
        assertThat(plan(seed(), without)).containsExactly("rcctl stop unwind");

        final Map<String, String> disabled = seed();
        disabled.put("/etc/rc.conf.local", "unwind_flags=NO\n");
        assertThat(plan(seed(), disabled)).containsExactly("rcctl stop unwind");
    }

    @Test
    void otherRcConfLocalLinesTouchNoService() {
        final Map<String, String> after = seed();
        after.put("/etc/rc.conf.local", "# comment\nunwind_flags=\nunwind_rtable=1\n");
        assertThat(plan(seed(), after)).isEmpty();
    }

    @Test
    void sshdConfigChangeReloadsSshd() {
        final Map<String, String> after = seed();
        after.put("/etc/ssh/sshd_config", "ListenAddress 0.0.0.0\n");
        assertThat(plan(seed(), after)).containsExactly("rcctl reload sshd");
    }

    @Test
    void removedPfAndSshdFilesAreNotReloaded() {
        final Map<String, String> after = seed();
        after.remove("/etc/pf.conf");
        after.remove("/etc/ssh/sshd_config");
        assertThat(plan(seed(), after)).isEmpty();
    }

    @Test
    void interfaceNamesAreParsedLikeNetstart() {
        assertThat(ApplyPlanner.interfaceOf("/etc/hostname.pppoe0")).isEqualTo("pppoe0");
        assertThat(ApplyPlanner.interfaceOf("/etc/hostname.em0.bak")).isNull();
        assertThat(ApplyPlanner.interfaceOf("/etc/hostname.em")).isNull();
        assertThat(ApplyPlanner.interfaceOf("/etc/hostname.0")).isNull();
        assertThat(ApplyPlanner.interfaceOf("/etc/pf.conf")).isNull();
    }
}
