package vn.loa.protocol.hardwarefile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a pushed {@code station.properties} (docs/configuration.md#agent-settings): the same {@code key = value}
 * lines as the packaged file, but only the keys that may be changed remotely. The station's identity
 * ({@code station}, {@code secret}) and where its key material lives ({@code data}) are refused with an error on
 * their line: a push must never be able to make a station someone else or lose its certificate. The controller
 * validates with this parser and the agent parses again with it, so both find the same errors, each with its line.
 */
public final class StationSettingsParser {
    /** The keys a push may set. */
    static final List<String> PUSHABLE = List.of("controller", "gpsd", "dataQuotaMiB", "warmUpMs", "zoneSettleMs",
            "holdMs", "chimeFile");
    /** Keys of the packaged file that a push must not set, and why. */
    static final Map<String, String> LOCAL_ONLY = Map.of(
            "station", "the station id cannot be pushed: it comes from the station's certificate (loa-agent enroll)",
            "secret", "the station secret cannot be pushed: key material stays on the station (loa-agent enroll)",
            "data", "the data directory cannot be pushed: it holds the station's certificate and the pushed files",
            "hardware", "the hardware driver cannot be pushed: push the hardware file instead");
    private static final List<Pattern> KNOWN;
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+]");

    static {
        List<Pattern> known = new ArrayList<>();
        PUSHABLE.forEach(k -> known.add(Pattern.compile(Pattern.quote(k))));
        LOCAL_ONLY.keySet().forEach(k -> known.add(Pattern.compile(Pattern.quote(k))));
        KNOWN = List.copyOf(known);
    }

    private StationSettingsParser() {
    }

    public static StationSettings parse(String text, String source) throws StationSettingsException {
        ConfigLines lines = new ConfigLines();
        lines.read(text, KNOWN);
        for (String key : List.copyOf(lines.keys())) {
            String why = LOCAL_ONLY.get(key);
            if (why != null) {
                lines.errorAt(key, why + "; remove this line");
            }
        }
        List<String> controllers = lines.has("controller") ? controllers(lines) : List.of();
        Optional<String> gpsd = Optional.empty();
        if (lines.has("gpsd")) {
            String g = lines.text("gpsd", "");
            if (address(g, true) == null) {
                lines.errorAt("gpsd", "must be HOST or HOST:PORT (e.g. localhost:2947)");
            }
            gpsd = Optional.of(g);
        }
        Optional<Long> quota = lines.has("dataQuotaMiB")
                ? Optional.of((long) lines.integer("dataQuotaMiB", 0, 1, 10_000_000)) : Optional.empty();
        Optional<Duration> warmUp = optionalMillis(lines, "warmUpMs");
        Optional<Duration> zoneSettle = optionalMillis(lines, "zoneSettleMs");
        Optional<Duration> hold = optionalMillis(lines, "holdMs");
        Optional<String> chime = Optional.empty();
        if (lines.has("chimeFile")) {
            String c = lines.text("chimeFile", "");
            if (!c.startsWith("/")) {
                lines.errorAt("chimeFile", "must be an absolute path on the station (e.g. /var/lib/loa-agent/chime.lop)");
            }
            chime = Optional.of(c);
        }
        if (!lines.errors().isEmpty()) {
            throw new StationSettingsException(source, lines.errors());
        }
        return new StationSettings(controllers, gpsd, quota, warmUp, zoneSettle, hold, chime);
    }

    private static List<String> controllers(ConfigLines lines) {
        List<String> out = new ArrayList<>();
        for (String part : lines.text("controller", "").split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String a = address(part.strip(), false);
            if (a == null) {
                lines.errorAt("controller", "'" + part.strip() + "' is not HOST:PORT (e.g. loa.example.vn:7070); "
                        + "several controllers are comma-separated");
                return List.of();
            }
            out.add(a);
        }
        if (out.isEmpty()) {
            lines.errorAt("controller", "no controller address (HOST:PORT[,HOST:PORT…])");
        }
        return out;
    }

    /** {@code HOST:PORT} checked (the port optional when {@code portOptional}), or null when it is not one. */
    static String address(String text, boolean portOptional) {
        int colon = text.lastIndexOf(':');
        boolean bracketed = text.startsWith("[");
        if (colon < 0 || (bracketed && colon < text.indexOf(']'))) {
            return portOptional && HOST.matcher(text).matches() ? text : null;
        }
        String host = text.substring(0, colon);
        String port = text.substring(colon + 1);
        if (!HOST.matcher(host).matches() || !port.matches("\\d{1,5}")) {
            return null;
        }
        int p = Integer.parseInt(port);
        return p >= 1 && p <= 65535 ? text : null;
    }

    private static Optional<Duration> optionalMillis(ConfigLines lines, String key) {
        return lines.has(key) ? Optional.of(Duration.ofMillis(lines.integer(key, 0, 0, 600_000))) : Optional.empty();
    }
}
