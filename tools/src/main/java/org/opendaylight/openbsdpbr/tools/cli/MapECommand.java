/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.tools.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.opendaylight.openbsdpbr.impl.mape.CeLayout;
import org.opendaylight.openbsdpbr.impl.mape.MapECalculator;
import org.opendaylight.openbsdpbr.impl.mape.MapEException;
import org.opendaylight.openbsdpbr.impl.mape.MapEParameters;
import org.opendaylight.openbsdpbr.impl.mape.MapEResult;
import org.opendaylight.openbsdpbr.impl.mape.PortRange;
import org.opendaylight.openbsdpbr.tools.cli.Inputs.CommandLine;
import org.opendaylight.openbsdpbr.tools.cli.Inputs.UsageException;

/**
 * {@code openbsd-pbr map-e}: computes a MAP-E CE's IPv4 address, PSID, CE IPv6 address and port ranges offline from
 * the delegated prefix and the Basic Mapping Rule, as text or as JSON ({@code --json}).
 *
 * <pre>
 * openbsd-pbr map-e --prefix 2001:db8:12:3400::/56 --rule-ipv6 2001:db8::/40 --rule-ipv4 192.0.2.0/24 \
 *     --ea-bits 16 --psid-offset 6 [--layout rfc7597|draft03] [--json]
 * </pre>
 * Options take their value as the next argument or after {@code =}. Exit status 0 on success, 2 on a usage error
 * (unknown, repeated or missing option), 1 on invalid parameter values; errors are one line on the error stream that
 * names the option.
 */
public final class MapECommand {
    /** The usage line. */
    static final String USAGE = "usage: openbsd-pbr map-e --prefix P --rule-ipv6 P6 --rule-ipv4 P4 --ea-bits N"
        + " --psid-offset A [--layout rfc7597|draft03] [--json]";

    private static final String PREFIX = "--prefix";
    private static final String RULE_IPV6 = "--rule-ipv6";
    private static final String RULE_IPV4 = "--rule-ipv4";
    private static final String EA_BITS = "--ea-bits";
    private static final String PSID_OFFSET = "--psid-offset";
    private static final String LAYOUT = "--layout";
    private static final String JSON = "--json";
    private static final Set<String> VALUE_OPTIONS = Set.of(PREFIX, RULE_IPV6, RULE_IPV4, EA_BITS, PSID_OFFSET,
        LAYOUT);
    private static final List<String> REQUIRED = List.of(PREFIX, RULE_IPV6, RULE_IPV4, EA_BITS, PSID_OFFSET);

    /** MapEException parameter names (as in the YANG model) to the options that carry them. */
    private static final Map<String, String> OPTION_OF_PARAMETER = Map.of(
        MapEParameters.DELEGATED_PREFIX, PREFIX,
        MapEParameters.RULE_IPV6_PREFIX, RULE_IPV6,
        MapEParameters.RULE_IPV4_PREFIX, RULE_IPV4,
        MapEParameters.EA_BITS_LENGTH, EA_BITS,
        MapEParameters.PSID_OFFSET, PSID_OFFSET,
        MapEParameters.LAYOUT, LAYOUT);

    private static final String HELP = USAGE + "\n"
        + "Computes a MAP-E (RFC 7597) CE's IPv4 address, PSID, CE IPv6 address and port ranges.\n"
        + "  --prefix P        delegated IPv6 prefix, e.g. 2001:db8:12:3400::/56\n"
        + "  --rule-ipv6 P6    BMR rule IPv6 prefix, e.g. 2001:db8::/40\n"
        + "  --rule-ipv4 P4    BMR rule IPv4 prefix, e.g. 192.0.2.0/24\n"
        + "  --ea-bits N       BMR EA-bits length, 0..48\n"
        + "  --psid-offset A   PSID offset, 0..15 (v6plus and OCN: 4)\n"
        + "  --layout L        CE interface-id layout: rfc7597 (default) or draft03 (v6plus, OCN)\n"
        + "  --json            print a JSON object instead of text\n";

    private MapECommand() {
        // static only
    }

    /**
     * Runs the command.
     *
     * @param args the arguments after {@code map-e}
     * @param out where the result (or the help text) goes
     * @param error where the error line goes
     * @return 0 on success, 2 on a usage error, 1 on invalid parameters
     */
    public static int run(final List<String> args, final PrintStream out, final PrintStream error) {
        final var parsed = CommandLine.parse("map-e", args, VALUE_OPTIONS, Set.of(JSON), given -> {
            if (!given.positional().isEmpty()) {
                throw new UsageException("unexpected argument '" + given.positional().get(0) + "'");
            }
            for (String option : REQUIRED) {
                if (given.option(option) == null) {
                    throw new UsageException("missing " + option);
                }
            }
        }, HELP, out, error);
        final CommandLine line = parsed.line();
        if (line == null) {
            return parsed.exit();
        }
        final Map<String, String> values = line.options();
        final boolean json = line.has(JSON);

        final MapEResult result;
        try {
            final int eaBits = parseInt(values.get(EA_BITS), EA_BITS);
            final int psidOffset = parseInt(values.get(PSID_OFFSET), PSID_OFFSET);
            final CeLayout layout = parseLayout(values.getOrDefault(LAYOUT, "rfc7597"));
            result = MapECalculator.compute(new MapEParameters(values.get(PREFIX), values.get(RULE_IPV6),
                values.get(RULE_IPV4), eaBits, psidOffset, layout));
        } catch (InvalidOption e) {
            error.println("map-e: " + e.getMessage());
            return 1;
        } catch (MapEException e) {
            error.println("map-e: " + OPTION_OF_PARAMETER.getOrDefault(e.parameter(), e.parameter()) + ": "
                + e.detail());
            return 1;
        }
        out.print(json ? toJson(result) : toText(result));
        return 0;
    }

    /** The result as text: one field a line, then the port ranges one a line. */
    static String toText(final MapEResult result) {
        final StringBuilder sb = new StringBuilder();
        sb.append("IPv4 address:    ").append(result.ipv4String()).append('\n')
            .append("PSID:            ").append(result.psid()).append(" (0x")
            .append(Integer.toHexString(result.psid())).append(")\n")
            .append("PSID length:     ").append(result.psidLength()).append('\n')
            .append("PSID offset:     ").append(result.psidOffset()).append('\n')
            .append("CE IPv6 address: ").append(result.ceAddressString()).append('\n')
            .append("Ports:           ").append(result.portCount()).append(" in ")
            .append(result.portRanges().size()).append(result.portRanges().size() == 1 ? " range" : " ranges")
            .append('\n');
        for (PortRange range : result.portRanges()) {
            sb.append(range.start()).append('-').append(range.end()).append('\n');
        }
        return sb.toString();
    }

    /**
     * The result as a JSON object: the leaf names of the {@code compute-map-e} RPC output plus {@code psid-offset},
     * {@code port-count} and {@code port-ranges} (a list of {@code {"start": N, "end": N}}).
     */
    static String toJson(final MapEResult result) {
        final StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"ipv4-address\": ").append(jsonString(result.ipv4String())).append(",\n")
            .append("  \"psid\": ").append(result.psid()).append(",\n")
            .append("  \"psid-length\": ").append(result.psidLength()).append(",\n")
            .append("  \"psid-offset\": ").append(result.psidOffset()).append(",\n")
            .append("  \"ce-ipv6-address\": ").append(jsonString(result.ceAddressString())).append(",\n")
            .append("  \"port-count\": ").append(result.portCount()).append(",\n")
            .append("  \"port-ranges\": [");
        final List<PortRange> ranges = result.portRanges();
        for (int i = 0; i < ranges.size(); i++) {
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"start\": ").append(ranges.get(i).start())
                .append(", \"end\": ").append(ranges.get(i).end()).append('}');
        }
        return sb.append("\n  ]\n}\n").toString();
    }

    /** A JSON string literal (RFC 8259 §7). */
    static String jsonString(final String value) {
        final StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            final char ch = value.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static int parseInt(final String text, final String option) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidOption(option + ": '" + text + "' is not a whole number", e);
        }
    }

    private static CeLayout parseLayout(final String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "rfc7597" -> CeLayout.RFC7597;
            case "draft03" -> CeLayout.DRAFT03;
            default -> throw new InvalidOption(LAYOUT + ": '" + text + "' is neither rfc7597 nor draft03", null);
        };
    }

    /** An option value that is not even of the right type. */
    private static final class InvalidOption extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidOption(final String message, final Throwable cause) {
            super(message, cause);
        }
    }
}
