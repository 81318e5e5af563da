/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.impl.analysis.host.IfstatedConf;
import org.opendaylight.openbsdpbr.impl.analysis.host.Route;
import org.opendaylight.openbsdpbr.impl.analysis.host.RoutingTable;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpAddress;
import org.opendaylight.openbsdpbr.impl.analysis.pf.PfParser;
import org.opendaylight.openbsdpbr.impl.analysis.pf.PfRule;
import org.opendaylight.openbsdpbr.impl.analysis.source.ModelException;

/**
 * A router's failover as its files run it: {@code /etc/ifstated.conf} ({@link IfstatedConf}) decides, from its probes,
 * which pf anchor files are loaded. Read from the files, never from the intent, so that the answers and the checks
 * also catch renderer mistakes.
 *
 * <ul>
 *   <li>A probe is an external test whose command pins it to a routing table ({@code ping ... -V N TARGET},
 *       {@code nc ... -V N TARGET PORT}); the uplink it tests is the interface that table routes the target
 *       through. With a set of uplink interfaces down, a probe through one of them fails and every other succeeds.</li>
 *   <li>{@link #reach(Set)}: the state ifstated settles in from its init-state with those probe values, and the anchor
 *       files loaded on the way ({@code pfctl -a NAME -f FILE}, the last one per anchor wins).</li>
 *   <li>{@link #filesIn(Reached)}: the router's files with each such anchor's {@code load anchor} file holding what the
 *       state loaded, for a {@link RouterModel} of that state.</li>
 *   <li>{@link #problems()}: what would make the failover not work: a state that cannot be reached from the
 *       init-state, one without a way back to it, a set-state to no state, an anchor file that is not among the
 *       router's files, a label killed ({@code pfctl -V N -k label -k L}) that no pass rule carries, a probe that is
 *       not pinned to a routing table or whose table has no route to its target.</li>
 * </ul>
 */
public final class FailoverStates {
    private static final String PFCTL_ANCHOR = "pfctl -a ";
    /** {@code pfctl [-V RDOMAIN] -k label -k LABEL}: the label. */
    private static final java.util.regex.Pattern PFCTL_KILL_LABEL =
        java.util.regex.Pattern.compile("pfctl (?:-V \\d+ )?-k label -k (\\S+)\\s*");

    private final RouterModel model;
    private final IfstatedConf conf;
    private final Map<String, String> files;

    /**
     * The state ifstated settles in.
     *
     * @param name its name
     * @param anchors the file each anchor holds then, by anchor name
     */
    public record Reached(String name, Map<String, String> anchors) {
        public Reached {
            anchors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(anchors));
        }

        /** What the state loads, for an answer's assumptions. */
        public String describe() {
            final List<String> parts = new ArrayList<>();
            anchors.forEach((anchor, file) -> parts.add("anchor " + anchor + " from " + file));
            return parts.isEmpty() ? "no anchor loaded" : String.join(", ", parts);
        }
    }

    private FailoverStates(final RouterModel model, final IfstatedConf conf) {
        this.model = model;
        this.conf = conf;
        files = model.sources();
    }

    /**
     * The failover of a model's files, or null when they hold no ifstated.conf.
     *
     * @throws ModelException when ifstated.conf is outside what {@link IfstatedConf} reads
     */
    public static @Nullable FailoverStates of(final RouterModel model) {
        final String text = model.sources().get(IfstatedConf.PATH);
        return text == null ? null : new FailoverStates(model, IfstatedConf.parse(IfstatedConf.PATH, text));
    }

    /**
     * The interfaces of uplinks named by the intent's uplink names or already by their interfaces (what an operator
     * writes after {@code --down}: {@code pppoe} or {@code pppoe0}).
     */
    public static Set<String> interfaces(final RouterIntent intent, final java.util.Collection<String> names) {
        final Set<String> result = new TreeSet<>();
        for (String name : names) {
            result.add(intent.uplinks().stream().filter(uplink -> uplink.name().equals(name)).findFirst()
                .map(Uplink::interfaceName).orElse(name));
        }
        return result;
    }

    /** The file read. */
    public IfstatedConf conf() {
        return conf;
    }

    /**
     * The interface a probe tests: where its routing table ({@code -V N}) routes its target, or null when the command
     * is no pinned probe or the table has no route.
     */
    public @Nullable String probedInterface(final IfstatedConf.External test) {
        final String[] words = test.command().split("\\s+");
        for (int i = 0; i + 2 < words.length; i++) {
            if ("-V".equals(words[i]) && words[i + 1].matches("[0-9]{1,3}")) {
                final RoutingTable table = model.tables().get(Integer.parseInt(words[i + 1]));
                final IpAddress target;
                try {
                    target = IpAddress.parse(words[i + 2]);
                } catch (IllegalArgumentException e) {
                    return null;
                }
                final Route route = table == null ? null : table.lookup(target);
                return route == null ? null : route.iface();
            }
        }
        return null;
    }

    /** The uplink interfaces the probes test, in file order. */
    public Set<String> probed() {
        final Set<String> result = new LinkedHashSet<>();
        for (IfstatedConf.State state : conf.states().values()) {
            for (IfstatedConf.Action action : state.body()) {
                if (action instanceof IfstatedConf.If test) {
                    for (IfstatedConf.External external : IfstatedConf.externals(test.test())) {
                        final String iface = probedInterface(external);
                        if (iface != null) {
                            result.add(iface);
                        }
                    }
                }
            }
        }
        return result;
    }

    /**
     * The state ifstated settles in when these uplink interfaces are down and the others up.
     *
     * @throws IllegalArgumentException naming an interface no probe tests
     */
    public Reached reach(final Set<String> down) {
        final Set<String> probed = probed();
        for (String iface : down) {
            if (!probed.contains(iface)) {
                throw new IllegalArgumentException(iface + " is not an uplink the router's failover probes (it probes "
                    + String.join(", ", probed) + ")");
            }
        }
        final List<String> commands = new ArrayList<>(IfstatedConf.commands(conf.states().get(conf.initState())
            .init()));
        final String name = settle(conf.initState(), down, commands);
        final Map<String, String> anchors = new LinkedHashMap<>();
        for (String command : commands) {
            final AnchorLoad load = anchorLoad(command);
            if (load != null) {
                anchors.put(load.anchor(), load.file());
            }
        }
        return new Reached(name, anchors);
    }

    /**
     * Where ifstated settles from a state when these uplink interfaces are down and the others up
     * ({@link IfstatedConf#settle}); the commands it runs on the way go to {@code commands}.
     */
    public String settle(final String from, final Set<String> down, final List<String> commands) {
        return conf.settle(from, leaf -> value(leaf, down), commands);
    }

    /** The value of a test with these interfaces down: a probe through one fails, a link test sees it down. */
    private boolean value(final IfstatedConf.Expr leaf, final Set<String> down) {
        if (leaf instanceof IfstatedConf.External external) {
            final String iface = probedInterface(external);
            return iface != null && !down.contains(iface);
        }
        final IfstatedConf.Link link = (IfstatedConf.Link) leaf;
        return down.contains(link.iface()) == "down".equals(link.state());
    }

    /** A {@code pfctl -a ANCHOR -f FILE} command: the anchor and the file it loads. */
    private record AnchorLoad(String anchor, String file) {
    }

    /** The anchor load of a command, or null when it is none. */
    private static @Nullable AnchorLoad anchorLoad(final String command) {
        if (!command.startsWith(PFCTL_ANCHOR)) {
            return null;
        }
        final String[] words = command.split("\\s+");
        return words.length == 5 && "-f".equals(words[3]) ? new AnchorLoad(words[2], words[4]) : null;
    }

    /**
     * One row of the failover matrix: a failure state and where each labelled path leaves in it.
     *
     * @param state the state's name
     * @param down the smallest set of uplink interfaces down that leads to it
     * @param paths per path (a label's part before {@code @}: {@code route:NAME}, {@code rdomain:N}), the interface
     *     its rtable's default route leaves through and the rtable, e.g. {@code gif0 (rtable 0)}
     */
    public record Row(String state, Set<String> down, Map<String, String> paths) {
        public Row {
            down = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(down));
            paths = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(paths));
        }
    }

    /**
     * The failover matrix: for every state some set of down uplinks leads to (each set tried, fewest down first),
     * where each labelled path of the anchors that state loads leaves: the rule's rtable and that table's default
     * route, read from the files of that state.
     */
    public List<Row> matrix() {
        final List<String> probed = new ArrayList<>(probed());
        final List<Set<String>> sets = new ArrayList<>();
        for (int mask = 0; mask < 1 << probed.size(); mask++) {
            final Set<String> down = new LinkedHashSet<>();
            for (int bit = 0; bit < probed.size(); bit++) {
                if ((mask & 1 << bit) != 0) {
                    down.add(probed.get(bit));
                }
            }
            sets.add(down);
        }
        sets.sort(java.util.Comparator.comparingInt(Set::size));
        final Map<String, Row> rows = new LinkedHashMap<>();
        for (Set<String> down : sets) {
            final Reached reached = reach(down);
            if (rows.containsKey(reached.name())) {
                continue;
            }
            final RouterModel state = RouterModel.of(filesIn(reached));
            final Map<String, String> paths = new LinkedHashMap<>();
            for (String anchor : reached.anchors().keySet()) {
                final List<PfRule> rules = state.anchor(anchor);
                if (rules == null) {
                    continue;
                }
                for (PfRule rule : rules) {
                    final String label = rule.actions().label();
                    final Integer rtable = rule.actions().rtable();
                    if (rule.action() == PfRule.Action.PASS && label != null && label.indexOf('@') > 0
                            && rtable != null) {
                        final RoutingTable table = state.tables().get(rtable);
                        final Route route = table == null ? null : table.defaultRoute(false);
                        paths.put(label.substring(0, label.indexOf('@')), (route == null ? "no default route"
                            : route.iface()) + " (rtable " + rtable + ")");
                    }
                }
            }
            rows.put(reached.name(), new Row(reached.name(), down, paths));
        }
        return List.copyOf(rows.values());
    }

    /**
     * The router's files as pf runs them in a state: pf.conf's {@code load anchor NAME from FILE} names the file the
     * state loaded into that anchor instead, so that the rules of an answer name the file they come from. pf.conf's
     * lines keep their numbers.
     */
    public Map<String, String> filesIn(final Reached state) {
        final Map<String, String> result = new HashMap<>(files);
        final Map<String, String> loadFiles = model.pf() == null ? Map.of() : model.pf().anchorFiles();
        String pf = files.get(RouterModel.PF_CONF);
        for (Map.Entry<String, String> loaded : state.anchors().entrySet()) {
            final String target = loadFiles.get(loaded.getKey());
            if (pf != null && target != null && files.containsKey(loaded.getValue())) {
                pf = pf.replace("from \"" + target + "\"", "from \"" + loaded.getValue() + "\"");
            }
        }
        if (pf != null) {
            result.put(RouterModel.PF_CONF, pf);
        }
        return result;
    }

    /** What would keep the failover from working, each as {@code FILE:LINE: problem}; empty when nothing. */
    public List<String> problems() {
        final List<String> problems = new ArrayList<>();
        final Map<String, List<String>> edges = new LinkedHashMap<>();
        final Set<String> labels = labels(problems);
        for (IfstatedConf.State state : conf.states().values()) {
            final List<String> targets = IfstatedConf.targets(state.body());
            edges.put(state.name(), targets);
            for (String target : targets) {
                if (!conf.states().containsKey(target)) {
                    problems.add(where(state.line()) + "state " + state.name() + " changes to " + target
                        + ", which does not exist");
                }
            }
            final List<String> commands = new ArrayList<>(IfstatedConf.commands(state.init()));
            commands.addAll(IfstatedConf.commands(state.body()));
            for (String command : commands) {
                final AnchorLoad load = anchorLoad(command);
                if (load != null && !files.containsKey(load.file())) {
                    problems.add(where(state.line()) + "state " + state.name() + " loads " + load.file()
                        + ", which is not among the router's files");
                }
                final java.util.regex.Matcher kill = PFCTL_KILL_LABEL.matcher(command);
                if (kill.matches()) {
                    final String label = kill.group(1);
                    if (!labels.contains(label)) {
                        problems.add(where(state.line()) + "state " + state.name() + " kills the states of label "
                            + label + ", which no pass rule carries: pfctl would kill nothing");
                    }
                }
            }
            for (IfstatedConf.Action action : state.body()) {
                if (action instanceof IfstatedConf.If test) {
                    for (IfstatedConf.External external : IfstatedConf.externals(test.test())) {
                        if (probedInterface(external) == null) {
                            problems.add(where(test.line()) + "the probe \"" + external.command() + "\" is not"
                                + " pinned to a routing table with a route to its target (-V RTABLE TARGET)");
                        }
                    }
                }
            }
        }
        final Set<String> reachable = closure(conf.initState(), edges);
        for (IfstatedConf.State state : conf.states().values()) {
            if (!reachable.contains(state.name())) {
                problems.add(where(state.line()) + "state " + state.name() + " cannot be reached from "
                    + conf.initState());
            } else if (!closure(state.name(), edges).contains(conf.initState())) {
                problems.add(where(state.line()) + "state " + state.name() + " has no way back to "
                    + conf.initState());
            }
        }
        return problems;
    }

    /** Every label of a pass rule in pf.conf and in every anchor file ifstated loads. */
    private Set<String> labels(final List<String> problems) {
        final Set<String> labels = new TreeSet<>();
        if (model.pf() != null) {
            collect(model.pf().rules(), labels);
        }
        final Set<String> anchorFiles = new TreeSet<>();
        for (IfstatedConf.State state : conf.states().values()) {
            final List<String> commands = new ArrayList<>(IfstatedConf.commands(state.init()));
            commands.addAll(IfstatedConf.commands(state.body()));
            for (String command : commands) {
                final AnchorLoad load = anchorLoad(command);
                if (load != null) {
                    anchorFiles.add(load.file());
                }
            }
        }
        for (String file : anchorFiles) {
            final String text = files.get(file);
            if (text != null) {
                try {
                    collect(PfParser.parseAnchor(file, text), labels);
                } catch (ModelException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        return labels;
    }

    private void collect(final List<PfRule> rules, final Set<String> labels) {
        for (PfRule rule : rules) {
            if (rule.action() == PfRule.Action.PASS && rule.actions().label() != null) {
                labels.add(rule.actions().label());
            }
            if (rule.anchor() != null) {
                final List<PfRule> inner = rule.anchor().rules() != null ? rule.anchor().rules()
                    : model.anchor(rule.anchor().name());
                if (inner != null) {
                    collect(inner, labels);
                }
            }
        }
    }

    private static Set<String> closure(final String start, final Map<String, List<String>> edges) {
        final Set<String> seen = new LinkedHashSet<>();
        final ArrayDeque<String> queue = new ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            final String state = queue.poll();
            if (seen.add(state)) {
                queue.addAll(edges.getOrDefault(state, List.of()));
            }
        }
        return seen;
    }

    private static String where(final int line) {
        return IfstatedConf.PATH + ":" + line + ": ";
    }
}
