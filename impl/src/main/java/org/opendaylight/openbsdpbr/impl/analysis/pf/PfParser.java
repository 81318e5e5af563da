/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.analysis.pf;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.jdt.annotation.Nullable;
import org.opendaylight.openbsdpbr.impl.analysis.ip.IpPrefix;
import org.opendaylight.openbsdpbr.impl.analysis.ip.PrefixSet;
import org.opendaylight.openbsdpbr.impl.analysis.pf.PfHosts.Op;
import org.opendaylight.openbsdpbr.impl.analysis.pf.PfHosts.PortOp;
import org.opendaylight.openbsdpbr.impl.analysis.pf.PfHosts.Term;
import org.opendaylight.openbsdpbr.impl.analysis.pf.PfRule.Action;
import org.opendaylight.openbsdpbr.impl.analysis.pf.PfRule.Direction;
import org.opendaylight.openbsdpbr.impl.analysis.pf.PfRule.OnInterface;
import org.opendaylight.openbsdpbr.impl.analysis.source.ModelException;
import org.opendaylight.openbsdpbr.impl.analysis.source.SourceLine;

/**
 * A strict parser of pf.conf(5) in pfctl's statement order: macros, tables, {@code set} options, {@code pass},
 * {@code block}, {@code match} and {@code anchor} rules, {@code load anchor}. It reads every statement openbsd-pbr
 * renders and the common forms admins write around them; anything else is a {@link ModelException} naming the file,
 * line and token, so that a rule the analysis does not understand can never be silently ignored.
 *
 * <p>Two levels of "not understood": a statement outside the grammar below is an error; a rule that parses but uses
 * something the flow engine does not model (route-to, af-to, user, tagged, address ranges, ...) keeps it in
 * {@link PfRule.Criteria#unmodelled()} or {@link PfRule.Actions#unmodelled()}, and a flow that reaches such a rule gets
 * an "unknown" answer naming it.
 *
 * <pre>
 * rule     = ("pass" | "block" [drop|return|return-rst|return-icmp|return-icmp6] | "match") [in|out] [log [(..)]]
 *            [quick] [on IFSPEC | on rdomain N] [inet|inet6] [proto PROTO] [all | [from HOSTS] [to HOSTS]] OPTION*
 * HOSTS    = [!] HOST [port PORTS] | "{" [!] HOST [,] ... "}" [port PORTS]
 * HOST     = any | self | ADDRESS[/LEN] | &lt;TABLE&gt; | IF[:network|:broadcast|:peer][:0] | (IF[...]) | no-route
 *            | urpf-failed | route LABEL
 * OPTION   = flags F/M | keep|modulate|synproxy state [(..)] | no state | rtable N
 *            | nat-to|rdr-to|binat-to POOL
 *            [port P[:Q]] [static-port] [round-robin|random|source-hash|bitmask|least-states] [sticky-address]
 *            [map-e-portset A/L/P] | scrub (..) | probability P% | label S | tag S | [!] tagged S
 *            | icmp-type T [code C] | icmp6-type T [code C] | route-to|reply-to|dup-to .. | af-to ..
 *            | user .. | group .. | tos .. | prio N
 *            | set prio|tos|delay .. | queue .. | max-pkt-rate N/S | once | allow-opts | received-on IF
 *            | divert-to|divert-reply|divert-packet ..
 * </pre>
 */
public final class PfParser {
    /** IP protocol numbers by pf name (protocols(5)). */
    private static final Map<String, Integer> PROTOCOLS = Map.ofEntries(Map.entry("icmp", 1), Map.entry("igmp", 2),
        Map.entry("ipencap", 4), Map.entry("tcp", 6), Map.entry("udp", 17), Map.entry("ipv6", 41),
        Map.entry("gre", 47), Map.entry("esp", 50), Map.entry("ah", 51), Map.entry("icmp6", 58),
        Map.entry("ipv6-icmp", 58), Map.entry("ospf", 89), Map.entry("pim", 103), Map.entry("etherip", 97),
        Map.entry("carp", 112), Map.entry("sctp", 132), Map.entry("pfsync", 240));
    /** Port numbers by service name (services(5)): the ones branch routers use. */
    private static final Map<String, Integer> SERVICES = Map.ofEntries(Map.entry("ftp", 21), Map.entry("ssh", 22),
        Map.entry("telnet", 23), Map.entry("smtp", 25), Map.entry("domain", 53), Map.entry("bootps", 67),
        Map.entry("bootpc", 68), Map.entry("http", 80), Map.entry("www", 80), Map.entry("pop3", 110),
        Map.entry("ntp", 123), Map.entry("imap", 143), Map.entry("snmp", 161), Map.entry("ldap", 389),
        Map.entry("https", 443), Map.entry("isakmp", 500), Map.entry("syslog", 514), Map.entry("submission", 587),
        Map.entry("imaps", 993), Map.entry("pop3s", 995), Map.entry("openvpn", 1194), Map.entry("ipsec-nat-t", 4500),
        Map.entry("dhcpv6-client", 546), Map.entry("dhcpv6-server", 547));
    /** ICMP types by pf name (pf.conf(5) icmp-type). */
    private static final Map<String, Integer> ICMP_TYPES = Map.ofEntries(Map.entry("echorep", 0),
        Map.entry("unreach", 3), Map.entry("squench", 4), Map.entry("redir", 5), Map.entry("echoreq", 8),
        Map.entry("routeradv", 9), Map.entry("routersol", 10), Map.entry("timex", 11), Map.entry("paramprob", 12));
    /** ICMPv6 types by pf name (pf.conf(5) icmp6-type). */
    private static final Map<String, Integer> ICMP6_TYPES = Map.ofEntries(Map.entry("unreach", 1),
        Map.entry("toobig", 2), Map.entry("timex", 3), Map.entry("paramprob", 4), Map.entry("echoreq", 128),
        Map.entry("echorep", 129), Map.entry("groupqry", 130), Map.entry("listqry", 130), Map.entry("grouprep", 131),
        Map.entry("listenrep", 131), Map.entry("groupterm", 132), Map.entry("listendone", 132),
        Map.entry("routersol", 133), Map.entry("routeradv", 134), Map.entry("neighbrsol", 135),
        Map.entry("neighbradv", 136), Map.entry("redir", 137));
    /** {@code set} options that change nothing about where a packet goes: kept as written. */
    private static final Set<String> PLAIN_OPTIONS = Set.of("optimization", "ruleset-optimization", "limit",
        "timeout", "loginterface", "hostid", "debug", "reassemble", "fingerprints", "syncookies", "state-defaults");

    /** Words pfctl's lexer turns into keywords: never an interface or address. */
    private static final Set<String> RESERVED = Set.of("pass", "block", "match", "anchor", "in", "out", "on", "from",
        "to", "port", "proto", "inet", "inet6", "all", "quick", "log", "keep", "modulate", "synproxy", "state", "flags",
        "rtable", "nat-to", "rdr-to", "binat-to", "label", "tag", "tagged", "probability", "scrub", "user", "group");

    private final String file;
    private final PfLexer lexer;
    private final String[] lines;
    private PfToken token;
    private @Nullable PfToken lookahead;
    private final Map<String, PfTable> tables = new LinkedHashMap<>();
    private final Map<String, String> anchorFiles = new LinkedHashMap<>();
    private final Set<String> skip = new HashSet<>();
    private @Nullable SourceLine skipSource;
    private boolean blockReturn;
    private boolean ifBound;
    private final List<SourceLine> otherOptions = new ArrayList<>();

    private PfParser(final String file, final String text) {
        this.file = file;
        lexer = new PfLexer(file, text);
        lines = text.split("\n", -1);
        token = lexer.next();
    }

    /**
     * Parses a pf.conf.
     *
     * @param file its path on the router, for locations and errors
     * @param text its content
     * @return the ruleset
     * @throws ModelException at the first statement outside the grammar, naming its line
     */
    public static PfRuleset parse(final String file, final String text) {
        return new PfParser(file, text).ruleset();
    }

    /**
     * Parses a file of rules only, as {@code load anchor} reads one ({@code pfctl -a NAME -f FILE}): tables and
     * options are refused there.
     */
    public static List<PfRule> parseAnchor(final String file, final String text) {
        final PfParser parser = new PfParser(file, text);
        final List<PfRule> rules = new ArrayList<>();
        while (parser.token.kind() != PfToken.Kind.EOF) {
            if (parser.token.kind() == PfToken.Kind.NEWLINE) {
                parser.next();
                continue;
            }
            rules.add(parser.ruleStatement());
        }
        return rules;
    }

    private PfRuleset ruleset() {
        final List<PfRule> rules = new ArrayList<>();
        while (token.kind() != PfToken.Kind.EOF) {
            if (token.kind() == PfToken.Kind.NEWLINE) {
                next();
                continue;
            }
            if ((token.kind() == PfToken.Kind.WORD || token.kind() == PfToken.Kind.NUMBER) && peek().is("=")) {
                macro();
            } else if (token.isWord("table")) {
                table();
            } else if (token.isWord("set")) {
                option();
            } else if (token.isWord("load")) {
                loadAnchor();
            } else {
                rules.add(ruleStatement());
            }
        }
        return new PfRuleset(file, lexer.macros(), tables,
            new PfRuleset.Options(skip, skipSource, blockReturn, ifBound, otherOptions), rules, anchorFiles);
    }

    // --- tokens ---------------------------------------------------------------------------------------------------

    private PfToken next() {
        final PfToken current = token;
        if (lookahead != null) {
            token = lookahead;
            lookahead = null;
        } else {
            token = lexer.next();
        }
        return current;
    }

    private PfToken peek() {
        if (lookahead == null) {
            lookahead = lexer.next();
        }
        return lookahead;
    }

    private ModelException error(final String problem) {
        return new ModelException(file, token.line(), problem);
    }

    private ModelException unexpected(final String expected) {
        return error("unexpected " + token.shown() + (token.macro() != null ? " (from $" + token.macro() + ")" : "")
            + ", expected " + expected);
    }

    private void expect(final String punct) {
        if (!token.is(punct)) {
            throw unexpected("'" + punct + "'");
        }
        next();
    }

    private void expectWord(final String word) {
        if (!token.isWord(word)) {
            throw unexpected("'" + word + "'");
        }
        next();
    }

    /** A word, number or quoted string as text. */
    private String text(final String expected) {
        if (token.kind() != PfToken.Kind.WORD && token.kind() != PfToken.Kind.NUMBER
                && token.kind() != PfToken.Kind.QUOTED) {
            throw unexpected(expected);
        }
        return next().text();
    }

    private int number(final String what, final int min, final int max) {
        if (token.kind() != PfToken.Kind.NUMBER) {
            throw unexpected(what);
        }
        final String text = token.text();
        final long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ModelException(file, token.line(), what + " " + text + " is out of range", e);
        }
        if (value < min || value > max) {
            throw error(what + " " + text + " is out of range " + min + ".." + max);
        }
        next();
        return (int) value;
    }

    private void endOfStatement() {
        if (token.kind() == PfToken.Kind.NEWLINE) {
            next();
        } else if (token.kind() != PfToken.Kind.EOF) {
            throw unexpected("end of line");
        }
    }

    private void skipNewlines() {
        while (token.kind() == PfToken.Kind.NEWLINE) {
            next();
        }
    }

    /** One element, or a braced list of them ({@code { a, b }}: commas and newlines optional). */
    private <T> List<T> list(final Supplier<T> element, final String what) {
        final List<T> result = new ArrayList<>();
        if (!token.is("{")) {
            result.add(element.get());
            return result;
        }
        next();
        skipNewlines();
        while (!token.is("}")) {
            if (token.kind() == PfToken.Kind.EOF) {
                throw unexpected("'}'");
            }
            result.add(element.get());
            if (token.is(",")) {
                next();
            }
            skipNewlines();
        }
        next();
        if (result.isEmpty()) {
            throw error("an empty " + what + " list");
        }
        return result;
    }

    /** Skips a parenthesized group, returning its inside as written (words separated by spaces). */
    private String parenthesized() {
        expect("(");
        final StringBuilder sb = new StringBuilder();
        int depth = 1;
        while (true) {
            if (token.isEnd()) {
                throw unexpected("')'");
            }
            if (token.is("(")) {
                depth++;
            } else if (token.is(")") && --depth == 0) {
                next();
                return sb.toString().trim();
            }
            if (!sb.isEmpty() && !token.is(",") && !token.is("/") && sb.charAt(sb.length() - 1) != '/') {
                sb.append(' ');
            }
            sb.append(token.kind() == PfToken.Kind.QUOTED ? "\"" + token.text() + "\"" : token.text());
            next();
        }
    }

    // --- statements -----------------------------------------------------------------------------------------------

    /** The statement's text from its first line to the line where it ends, continuations joined, comment dropped. */
    private SourceLine source(final int first, final int last) {
        final StringBuilder sb = new StringBuilder();
        for (int i = first; i <= last && i <= lines.length; i++) {
            String text = lines[i - 1];
            if (text.endsWith("\\")) {
                text = text.substring(0, text.length() - 1);
            }
            sb.append(text).append(' ');
        }
        return new SourceLine(file, first, stripComment(sb.toString()).replaceAll("\\s+", " ").trim());
    }

    /**
     * {@code text} up to its comment: pf.conf(5)'s {@code #} outside single or double quotes. The importer reads
     * admin-written files with the same rule.
     */
    public static String stripComment(final String text) {
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            final char ch = text.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
            } else if (ch == '#') {
                return text.substring(0, i);
            }
        }
        return text;
    }

    /** The comment lines right above a line, top to bottom. */
    private List<String> commentsAbove(final int line) {
        final List<String> comments = new ArrayList<>();
        for (int i = line - 2; i >= 0; i--) {
            final String text = lines[i].trim();
            if (!text.startsWith("#")) {
                break;
            }
            comments.add(0, text.substring(1).trim());
        }
        return comments;
    }

    private void macro() {
        final PfToken name = next();
        // pf.conf(5): "Macro names must start with a letter, digit, or underscore, and may contain any of those"
        if (!name.text().matches("[A-Za-z0-9_]+")) {
            throw new ModelException(file, name.line(), "bad macro name '" + name.text() + "'");
        }
        expect("=");
        final StringBuilder value = new StringBuilder();
        while (!token.isEnd()) {
            if (!value.isEmpty()) {
                value.append(' ');
            }
            value.append(next().text());
        }
        lexer.define(name.text(), value.toString());
        endOfStatement();
    }

    private void table() {
        final int first = token.line();
        next();
        expect("<");
        final String name = text("a table name");
        expect(">");
        boolean persist = false;
        boolean constant = false;
        while (token.isWord("persist") || token.isWord("const") || token.isWord("counters")) {
            persist |= token.isWord("persist");
            constant |= token.isWord("const");
            next();
        }
        final List<PrefixSet.Entry> entries = new ArrayList<>();
        final List<String> interfaces = new ArrayList<>();
        final List<String> files = new ArrayList<>();
        if (token.is("{")) {
            next();
            skipNewlines();
            while (!token.is("}")) {
                tableEntry(entries, interfaces);
                if (token.is(",")) {
                    next();
                }
                skipNewlines();
            }
            next();
        }
        while (token.isWord("file")) {
            next();
            if (token.kind() != PfToken.Kind.QUOTED) {
                throw unexpected("a quoted file name");
            }
            files.add(next().text());
        }
        final int last = token.line();
        endOfStatement();
        if (tables.containsKey(name)) {
            throw new ModelException(file, first, "table <" + name + "> defined twice");
        }
        tables.put(name, new PfTable(name, source(first, last), persist, constant, PrefixSet.of(entries), files,
            interfaces));
    }

    private void tableEntry(final List<PrefixSet.Entry> entries, final List<String> interfaces) {
        boolean negated = false;
        if (token.is("!")) {
            negated = true;
            next();
        }
        final String text = text("an address");
        final int length = prefixLength();
        final IpPrefix prefix = length < 0 ? IpPrefix.tryParse(text) : IpPrefix.tryParseShort(text, length);
        if (prefix != null) {
            entries.add(new PrefixSet.Entry(prefix, negated));
        } else if (length < 0 && !negated && isInterfaceWord(text)) {
            interfaces.add(text);
        } else {
            throw error("'" + text + "' is not an address (host names are not resolved here)");
        }
    }

    /** {@code /LENGTH} after an address, or -1 when there is none. */
    private int prefixLength() {
        if (!token.is("/")) {
            return -1;
        }
        next();
        return number("a prefix length", 0, 128);
    }

    private void option() {
        final int first = token.line();
        next();
        final String name = text("an option name");
        switch (name) {
            case "skip" -> {
                expectWord("on");
                for (OnInterface iface : interfaces()) {
                    if (iface.negated()) {
                        throw error("set skip takes no negation");
                    }
                    skip.add(iface.name());
                }
                skipSource = source(first, token.line());
            }
            case "block-policy" -> {
                final String policy = text("drop or return");
                if (!"drop".equals(policy) && !"return".equals(policy)) {
                    throw error("block-policy is drop or return, not '" + policy + "'");
                }
                blockReturn = "return".equals(policy);
            }
            case "state-policy" -> {
                final String policy = text("if-bound or floating");
                if (!"if-bound".equals(policy) && !"floating".equals(policy)) {
                    throw error("state-policy is if-bound or floating, not '" + policy + "'");
                }
                ifBound = "if-bound".equals(policy);
            }
            default -> {
                if (!PLAIN_OPTIONS.contains(name)) {
                    throw new ModelException(file, first, "unknown option 'set " + name + "'");
                }
                int depth = 0;
                while (!token.isEnd() || depth > 0) {
                    if (token.kind() == PfToken.Kind.EOF) {
                        throw unexpected("'}'");
                    }
                    depth += token.is("{") ? 1 : token.is("}") ? -1 : 0;
                    next();
                }
                otherOptions.add(source(first, token.line()));
            }
        }
        endOfStatement();
    }

    private void loadAnchor() {
        next();
        expectWord("anchor");
        final String name = text("an anchor name");
        expectWord("from");
        if (token.kind() != PfToken.Kind.QUOTED) {
            throw unexpected("a quoted file name");
        }
        anchorFiles.put(name, next().text());
        endOfStatement();
    }

    // --- rules ----------------------------------------------------------------------------------------------------

    private PfRule ruleStatement() {
        final int first = token.line();
        final Action action = switch (token.text()) {
            case "pass" -> Action.PASS;
            case "block" -> Action.BLOCK;
            case "match" -> Action.MATCH;
            case "anchor" -> Action.ANCHOR;
            default -> throw token.kind() == PfToken.Kind.WORD
                ? error("unknown statement '" + token.text() + "'") : unexpected("a statement");
        };
        next();
        String anchorName = null;
        if (action == Action.ANCHOR && (token.kind() == PfToken.Kind.QUOTED || token.kind() == PfToken.Kind.WORD
                && !isRuleKeyword(token.text()))) {
            anchorName = next().text();
        }
        final String blockMode = action == Action.BLOCK ? blockMode() : null;
        final Direction direction = token.isWord("in") ? Direction.IN : token.isWord("out") ? Direction.OUT
            : Direction.BOTH;
        if (direction != Direction.BOTH) {
            next();
        }
        if (token.isWord("log")) {
            next();
            if (token.is("(")) {
                parenthesized();
            }
        }
        final boolean quick = token.isWord("quick");
        if (quick) {
            next();
        }
        List<OnInterface> on = List.of();
        Integer onRdomain = null;
        if (token.isWord("on")) {
            next();
            if (token.isWord("rdomain")) {
                next();
                onRdomain = number("an rdomain", 0, 255);
            } else {
                on = interfaces();
            }
        }
        PfRule.Af af = null;
        if (token.isWord("inet") || token.isWord("inet6")) {
            af = next().text().equals("inet") ? PfRule.Af.INET : PfRule.Af.INET6;
        }
        List<Integer> protocols = List.of();
        if (token.isWord("proto")) {
            next();
            protocols = protocols();
        }
        PfHosts from = PfHosts.ANY;
        PfHosts to = PfHosts.ANY;
        if (token.isWord("all")) {
            next();
        } else {
            if (token.isWord("from")) {
                next();
                from = hosts();
            }
            if (token.isWord("to")) {
                next();
                to = hosts();
            }
        }
        final Options options = new Options(action);
        options.parse();
        if (!protocols.isEmpty() && (!from.ports().isEmpty() || !to.ports().isEmpty())) {
            for (int protocol : protocols) {
                if (protocol != 6 && protocol != 17) {
                    throw error("ports need proto tcp or udp");
                }
            }
        } else if (protocols.isEmpty() && (!from.ports().isEmpty() || !to.ports().isEmpty())) {
            throw error("ports need proto tcp or udp");
        }
        List<PfRule> inline = null;
        int last = token.line();
        if (action == Action.ANCHOR && token.is("{")) {
            next();
            last = token.line();
            endOfStatement();
            inline = new ArrayList<>();
            while (true) {
                skipNewlines();
                if (token.is("}")) {
                    next();
                    break;
                }
                if (token.kind() == PfToken.Kind.EOF) {
                    throw unexpected("'}' closing anchor " + (anchorName == null ? "" : anchorName));
                }
                inline.add(ruleStatement());
            }
        } else {
            endOfStatement();
        }
        // pfctl: "nat-to can only be used outbound", "rdr-to can only be used inbound"
        if (options.nat != null && direction != Direction.OUT) {
            throw new ModelException(file, first, "nat-to can only be used outbound");
        }
        if (options.rdr != null && direction != Direction.IN) {
            throw new ModelException(file, first, "rdr-to can only be used inbound");
        }
        if (action != Action.ANCHOR && anchorName != null) {
            throw new ModelException(file, first, "only anchors have names");
        }
        final PfRule.Criteria criteria = new PfRule.Criteria(direction, on, onRdomain, af, protocols, from, to,
            options.flags, options.icmpTypes, options.unmodelledCriteria);
        final PfRule.Actions actions = new PfRule.Actions(blockMode, options.rtable, options.nat, options.rdr,
            options.scrub, options.maxMss, options.state, options.stateOptions, options.probability, options.label,
            options.tag, options.unmodelledActions);
        return new PfRule(source(first, last), commentsAbove(first), action, quick, criteria, actions,
            action == Action.ANCHOR ? new PfRule.Anchor(anchorName == null ? "" : anchorName, inline) : null);
    }

    private static boolean isRuleKeyword(final String word) {
        return switch (word) {
            case "in", "out", "log", "quick", "on", "inet", "inet6", "proto", "all", "from", "to" -> true;
            default -> false;
        };
    }

    private @Nullable String blockMode() {
        if (token.isWord("drop")) {
            next();
            return "drop";
        }
        if (token.isWord("return") || token.isWord("return-rst") || token.isWord("return-icmp")
                || token.isWord("return-icmp6")) {
            final String mode = next().text();
            if (token.is("(")) {
                return mode + " (" + parenthesized() + ")";
            }
            return mode;
        }
        return null;
    }

    private List<OnInterface> interfaces() {
        return list(this::interfaceName, "interface");
    }

    private OnInterface interfaceName() {
        boolean negated = false;
        if (token.is("!")) {
            negated = true;
            next();
        }
        final String name = text("an interface");
        if (!"any".equals(name) && !isInterfaceWord(name)) {
            throw error("'" + name + "' is not an interface or interface group");
        }
        return new OnInterface(name, negated);
    }

    /** An interface ({@code em0}), a group ({@code egress}, {@code lo}) or {@code self}. */
    static boolean isInterfaceWord(final String word) {
        if (word.isEmpty() || word.length() > 15 || !Character.isLetter(word.charAt(0))) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            final char ch = word.charAt(i);
            if (!(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '_')) {
                return false;
            }
        }
        return true;
    }

    private List<Integer> protocols() {
        return list(this::protocol, "protocol");
    }

    private int protocol() {
        if (token.kind() == PfToken.Kind.NUMBER) {
            return number("a protocol number", 0, 255);
        }
        final String name = text("a protocol");
        final Integer number = PROTOCOLS.get(name.toLowerCase(Locale.ROOT));
        if (number == null) {
            throw error("unknown protocol '" + name + "'");
        }
        return number;
    }

    private PfHosts hosts() {
        final List<Term> terms = token.isWord("port") ? new ArrayList<>()
            : new ArrayList<>(list(this::hostTerm, "address"));
        List<PortOp> ports = List.of();
        if (token.isWord("port")) {
            next();
            ports = ports();
        }
        if (terms.size() == 1 && !terms.get(0).negated() && terms.get(0).address() == PfAddress.Any.INSTANCE) {
            terms.clear();
        }
        return new PfHosts(terms, ports);
    }

    private Term hostTerm() {
        boolean negated = false;
        if (token.is("!")) {
            negated = true;
            next();
        }
        if (token.is("<")) {
            next();
            final String name = text("a table name");
            expect(">");
            return new Term(negated, new PfAddress.Table(name));
        }
        if (token.is("(")) {
            next();
            final String name = text("an interface");
            expect(")");
            return new Term(negated, interfaceTerm(name, true));
        }
        if (token.kind() != PfToken.Kind.WORD && token.kind() != PfToken.Kind.NUMBER
                || token.kind() == PfToken.Kind.WORD && RESERVED.contains(token.text())) {
            throw unexpected("an address");
        }
        final String text = next().text();
        switch (text) {
            case "any" -> {
                return new Term(negated, PfAddress.Any.INSTANCE);
            }
            case "no-route", "urpf-failed" -> {
                return new Term(negated, new PfAddress.Unmodelled(text));
            }
            case "route" -> {
                return new Term(negated, new PfAddress.Unmodelled("route " + text("a route label")));
            }
            default -> {
                // an address, a network, an interface
            }
        }
        final int length = prefixLength();
        final IpPrefix prefix = length < 0 ? IpPrefix.tryParse(text) : IpPrefix.tryParseShort(text, length);
        if (prefix != null) {
            if (token.is("-")) {
                next();
                return new Term(negated, new PfAddress.Unmodelled(text + " - " + text("an address")));
            }
            return new Term(negated, new PfAddress.Literal(prefix));
        }
        if (length < 0 && (isInterfaceWord(text.split(":", 2)[0]))) {
            return new Term(negated, interfaceTerm(text, false));
        }
        throw error("'" + text + "' is neither an address nor an interface (host names are not resolved here)");
    }

    private PfAddress interfaceTerm(final String text, final boolean dynamic) {
        final String[] parts = text.split(":", -1);
        if (!isInterfaceWord(parts[0])) {
            throw error("'" + text + "' is not an interface");
        }
        PfAddress.Modifier modifier = PfAddress.Modifier.ADDRESS;
        boolean firstOnly = false;
        for (int i = 1; i < parts.length; i++) {
            switch (parts[i]) {
                case "network" -> modifier = PfAddress.Modifier.NETWORK;
                case "broadcast" -> modifier = PfAddress.Modifier.BROADCAST;
                case "peer" -> modifier = PfAddress.Modifier.PEER;
                case "0" -> firstOnly = true;
                default -> throw error("unknown interface modifier ':" + parts[i] + "' in '" + text + "'");
            }
        }
        return new PfAddress.Interface(parts[0], modifier, dynamic, firstOnly);
    }

    private List<PortOp> ports() {
        return list(this::portOp, "port");
    }

    private PortOp portOp() {
        final Op unary = token.is("=") ? Op.EQ : token.is("!=") ? Op.NE : token.is("<") ? Op.LT
            : token.is("<=") ? Op.LE : token.is(">") ? Op.GT : token.is(">=") ? Op.GE : null;
        if (unary != null) {
            next();
            final int port = port(text("a port"));
            return new PortOp(unary, port, port);
        }
        final String text = text("a port");
        final int colon = text.indexOf(':');
        if (colon > 0) {
            final int low = port(text.substring(0, colon));
            final String rest = text.substring(colon + 1);
            final int high = "*".equals(rest) ? 65535 : port(rest);
            if (high < low) {
                throw error("port range " + text + " ends before it starts");
            }
            return new PortOp(Op.RANGE, low, high);
        }
        final int low = port(text);
        if (token.is("><") || token.is("<>")) {
            final Op op = next().text().equals("><") ? Op.BETWEEN : Op.OUTSIDE;
            return new PortOp(op, low, port(text("a port")));
        }
        return new PortOp(Op.EQ, low, low);
    }

    private int port(final String text) {
        final Integer named = SERVICES.get(text);
        if (named != null) {
            return named;
        }
        try {
            final int value = Integer.parseInt(text);
            if (value >= 0 && value <= 65535) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error("'" + text + "' is not a port number or known service name");
    }

    /** The options after a rule's addresses, as they are read. */
    private final class Options {
        private final Action action;
        String flags;
        final List<Integer> icmpTypes = new ArrayList<>();
        final List<String> unmodelledCriteria = new ArrayList<>();
        final List<String> unmodelledActions = new ArrayList<>();
        Integer rtable;
        PfRule.Translation nat;
        PfRule.Translation rdr;
        String scrub;
        Integer maxMss;
        PfRule.State state;
        String stateOptions;
        Double probability;
        String label;
        String tag;

        Options(final Action action) {
            this.action = action;
            state = action == Action.PASS ? PfRule.State.KEEP : PfRule.State.NONE;
        }

        void parse() {
            while (!token.isEnd() && !(action == Action.ANCHOR && token.is("{"))) {
                if (token.is("!")) {
                    next();
                    expectWord("tagged");
                    unmodelledCriteria.add("! tagged " + text("a tag"));
                    continue;
                }
                if (token.kind() != PfToken.Kind.WORD) {
                    throw unexpected("a rule option");
                }
                final String option = next().text();
                switch (option) {
                    case "flags" -> flags = flags();
                    case "keep", "modulate", "synproxy" -> {
                        expectWord("state");
                        state = switch (option) {
                            case "keep" -> PfRule.State.KEEP;
                            case "modulate" -> PfRule.State.MODULATE;
                            default -> PfRule.State.SYNPROXY;
                        };
                        if (token.is("(")) {
                            stateOptions = parenthesized();
                        }
                    }
                    case "no" -> {
                        expectWord("state");
                        state = PfRule.State.NONE;
                    }
                    case "rtable" -> rtable = number("an rtable", 0, 255);
                    case "nat-to" -> nat = translation(option);
                    case "rdr-to" -> rdr = translation(option);
                    case "binat-to" -> {
                        translation(option);
                        unmodelledActions.add("binat-to");
                    }
                    case "af-to" -> {
                        if (!token.isWord("inet") && !token.isWord("inet6")) {
                            throw unexpected("inet or inet6");
                        }
                        next();
                        expectWord("from");
                        translation(option);
                        if (token.isWord("to")) {
                            next();
                            translation(option);
                        }
                        unmodelledActions.add("af-to");
                    }
                    case "route-to", "reply-to", "dup-to" -> {
                        routeHosts();
                        unmodelledActions.add(option);
                    }
                    case "divert-to", "divert-reply", "divert-packet" -> {
                        divert(option);
                        unmodelledActions.add(option);
                    }
                    case "scrub" -> {
                        scrub = parenthesized();
                        final String[] words = scrub.split(" ");
                        for (int i = 0; i + 1 < words.length; i++) {
                            if ("max-mss".equals(words[i])) {
                                try {
                                    maxMss = Integer.valueOf(words[i + 1]);
                                } catch (NumberFormatException e) {
                                    throw new ModelException(file, token.line(), "max-mss needs a number", e);
                                }
                            }
                        }
                    }
                    case "probability" -> probability = probability();
                    case "label" -> label = text("a label");
                    case "tag" -> tag = text("a tag");
                    case "tagged" -> unmodelledCriteria.add("tagged " + text("a tag"));
                    case "icmp-type", "icmp6-type" -> icmpTypes(option);
                    case "user", "group", "tos", "prio", "received-on", "os" ->
                        unmodelledCriteria.add(option + " " + argument());
                    case "set" -> {
                        final String what = text("prio, tos or delay");
                        if (!"prio".equals(what) && !"tos".equals(what) && !"delay".equals(what)) {
                            throw error("unknown 'set " + what + "' in a rule");
                        }
                        argument();
                    }
                    case "queue" -> argument();
                    case "max-pkt-rate" -> {
                        number("a packet count", 0, Integer.MAX_VALUE);
                        expect("/");
                        number("seconds", 0, Integer.MAX_VALUE);
                    }
                    case "once", "allow-opts" -> {
                        // neither changes where a packet goes
                    }
                    default -> throw new ModelException(file, token.line(), "unknown rule option '" + option
                        + "'");
                }
            }
        }

        private String flags() {
            if (token.isWord("any")) {
                next();
                return "any";
            }
            final StringBuilder sb = new StringBuilder();
            if (token.kind() == PfToken.Kind.WORD) {
                sb.append(next().text());
            }
            expect("/");
            sb.append('/').append(text("TCP flags"));
            final String written = sb.toString();
            if (!written.matches("[FSRPAUEW]*/[FSRPAUEW]+")) {
                throw error("bad TCP flags '" + written + "'");
            }
            return written;
        }

        private double probability() {
            final String text = text("a probability");
            if (!text.endsWith("%")) {
                throw error("a probability is a percentage, not '" + text + "'");
            }
            final double percent;
            try {
                percent = Double.parseDouble(text.substring(0, text.length() - 1));
            } catch (NumberFormatException e) {
                throw new ModelException(file, token.line(), "bad probability '" + text + "'", e);
            }
            if (percent <= 0 || percent > 100) {
                throw error("a probability is above 0% and at most 100%: " + text);
            }
            return percent / 100;
        }

        private void icmpTypes(final String option) {
            final Map<String, Integer> names = "icmp-type".equals(option) ? ICMP_TYPES : ICMP6_TYPES;
            final boolean list = token.is("{");
            if (list) {
                next();
            }
            do {
                if (list && token.is(",")) {
                    next();
                }
                skipNewlines();
                if (list && token.is("}")) {
                    break;
                }
                final int type;
                if (token.kind() == PfToken.Kind.NUMBER) {
                    type = number("an ICMP type", 0, 255);
                } else {
                    final String name = text("an ICMP type");
                    final Integer known = names.get(name);
                    if (known == null) {
                        throw error("unknown " + option + " '" + name + "'");
                    }
                    type = known;
                }
                icmpTypes.add(type);
                if (token.isWord("code")) {
                    next();
                    unmodelledCriteria.add(option + " " + type + " code " + text("an ICMP code"));
                }
            } while (list);
            if (list) {
                expect("}");
            }
        }

        /** One argument, {@code = X}, {@code (a, b)} or a braced list, as written. */
        private String argument() {
            if (token.is("(")) {
                return "(" + parenthesized() + ")";
            }
            if (token.is("{")) {
                final StringBuilder sb = new StringBuilder("{");
                next();
                while (!token.is("}")) {
                    if (token.kind() == PfToken.Kind.EOF) {
                        throw unexpected("'}'");
                    }
                    sb.append(' ').append(next().text());
                }
                next();
                return sb.append(" }").toString();
            }
            String prefix = "";
            if (token.is("=") || token.is("!=") || token.is("<") || token.is(">") || token.is("<=")
                    || token.is(">=")) {
                prefix = next().text() + " ";
            }
            return prefix + text("a value");
        }

        private void routeHosts() {
            if (token.is("(")) {
                parenthesized();
            } else if (token.is("{")) {
                argument();
            } else {
                hostTerm();
            }
            poolOptions(null);
        }

        private void divert(final String option) {
            if (!"divert-packet".equals(option) && !"divert-reply".equals(option)) {
                hostTerm();
            }
            if ("divert-reply".equals(option)) {
                return;
            }
            expectWord("port");
            text("a port");
        }

        private PfRule.Translation translation(final String option) {
            final List<Term> pool = list(PfParser.this::hostTerm, option + " address");
            int low = -1;
            int high = -1;
            if (token.isWord("port")) {
                next();
                final String text = text("a port or port range");
                final int colon = text.indexOf(':');
                if (colon > 0) {
                    low = port(text.substring(0, colon));
                    final String rest = text.substring(colon + 1);
                    high = "*".equals(rest) ? 65535 : port(rest);
                    if (high < low) {
                        throw error("port range " + text + " ends before it starts");
                    }
                } else {
                    low = port(text);
                    high = low;
                }
            }
            final String[] poolType = new String[1];
            final boolean[] staticPort = new boolean[1];
            final PfRule.MapEPortset mapE = poolOptions(new Object[] { poolType, staticPort });
            return new PfRule.Translation(pool, low, high, staticPort[0], poolType[0], mapE);
        }

        /** Pool options after a translation or route target; fills {@code out} when given. */
        private PfRule.@Nullable MapEPortset poolOptions(final Object @Nullable [] out) {
            PfRule.MapEPortset mapE = null;
            while (true) {
                if (token.isWord("static-port")) {
                    next();
                    if (out != null) {
                        ((boolean[]) out[1])[0] = true;
                    }
                } else if (token.isWord("round-robin") || token.isWord("random") || token.isWord("bitmask")
                        || token.isWord("least-states") || token.isWord("sticky-address")) {
                    final String type = next().text();
                    if (out != null && !"sticky-address".equals(type)) {
                        ((String[]) out[0])[0] = type;
                    }
                } else if (token.isWord("source-hash")) {
                    next();
                    if (token.kind() == PfToken.Kind.WORD && token.text().startsWith("0x")
                            || token.kind() == PfToken.Kind.QUOTED) {
                        next();
                    }
                    if (out != null) {
                        ((String[]) out[0])[0] = "source-hash";
                    }
                } else if (token.isWord("map-e-portset")) {
                    next();
                    final int offset = number("a PSID offset", 0, 15);
                    expect("/");
                    final int length = number("a PSID length", 0, 16);
                    expect("/");
                    final int psid = number("a PSID", 0, 65535);
                    if (offset + length > 16 || psid >= 1 << length) {
                        throw error("map-e-portset " + offset + "/" + length + "/" + psid + " is not a port set");
                    }
                    mapE = new PfRule.MapEPortset(offset, length, psid);
                } else {
                    return mapE;
                }
            }
        }
    }
}
