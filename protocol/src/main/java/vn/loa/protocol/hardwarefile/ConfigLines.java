package vn.loa.protocol.hardwarefile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code key = value} lines of a hardware file, read with typed, checked getters; every error is
 * collected with its line number (the {@link HardwareConfigParser} turns the entries into a station).
 */
final class ConfigLines {
    record Entry(String key, String value, int line) {
        String where() {
            return "line " + line + " (" + key + " = " + value + ")";
        }
    }

    private final List<ConfigError> errors = new ArrayList<>();
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** Reads every line; a key none of {@code known} matches is an error. */
    void read(String text, List<Pattern> known) {
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            readLine(lines[i].strip(), i + 1, known);
        }
    }

    private void readLine(String line, int number, List<Pattern> known) {
        if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
            return;
        }
        int sep = line.indexOf('=');
        if (sep < 0) {
            sep = line.indexOf(':');
        }
        if (sep <= 0) {
            errors.add(new ConfigError(number, "line " + number + ": '" + line + "' is not 'key = value'"));
            return;
        }
        String key = line.substring(0, sep).strip();
        String value = line.substring(sep + 1).strip();
        Entry previous = entries.get(key);
        if (previous != null) {
            errors.add(new ConfigError(number, "line " + number + ": " + key + " is set twice (first on line "
                    + previous.line() + "); keep one"));
            return;
        }
        if (known.stream().noneMatch(p -> p.matcher(key).matches())) {
            errors.add(new ConfigError(number, "line " + number + ": unknown setting '" + key
                    + "' (see docs/hardware.md for the keys)"));
            return;
        }
        entries.put(key, new Entry(key, value, number));
    }

    List<ConfigError> errors() {
        return errors;
    }

    /** An error about the file as a whole (a setting missing): no line to point at. */
    void error(String message) {
        errors.add(new ConfigError(0, message));
    }

    /** An error about a setting: its line, and the message after where it is ("line 7 (key = value): ..."). */
    void errorAt(String key, String message) {
        Entry e = entries.get(key);
        errors.add(new ConfigError(e.line(), e.where() + ": " + message));
    }

    /** The keys set, in file order. */
    Set<String> keys() {
        return entries.keySet();
    }

    /** Where a key is set, for an error message: its line and text. */
    String where(String key) {
        return entries.get(key).where();
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    String text(String key, String fallback) {
        Entry e = entries.get(key);
        return e == null ? fallback : e.value();
    }

    Integer pin(String key) {
        Entry e = entries.get(key);
        int pin = integer(key, -1, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (pin == -1 && !isInteger(e.value())) {
            return null;
        }
        if (pin < HardwareConfigParser.MIN_PIN || pin > HardwareConfigParser.MAX_PIN) {
            errorAt(e.key(), "unknown pin GPIO " + pin + " (use the BCM number of a header pin, " + HardwareConfigParser.MIN_PIN
                    + "–" + HardwareConfigParser.MAX_PIN + "; GPIO 0 and 1 are reserved for HAT identification)");
            return null;
        }
        return pin;
    }

    Boolean level(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            return Boolean.TRUE;
        }
        return switch (e.value().toLowerCase()) {
            case "high", "active-high" -> Boolean.TRUE;
            case "low", "active-low" -> Boolean.FALSE;
            default -> {
                errorAt(e.key(), "the active level must be 'high' or 'low'");
                yield null;
            }
        };
    }

    int integer(String key, int fallback, int min, int max) {
        Entry e = entries.get(key);
        if (e == null) {
            return fallback;
        }
        if (!isInteger(e.value())) {
            errorAt(e.key(), "not a whole number");
            return fallback;
        }
        long v = Long.parseLong(e.value());
        if (v < min || v > max) {
            errorAt(e.key(), "must be between " + min + " and " + max);
            return fallback;
        }
        return (int) v;
    }

    double decimal(String key, double fallback, double min, double max) {
        Entry e = entries.get(key);
        if (e == null) {
            return fallback;
        }
        try {
            double v = Double.parseDouble(e.value());
            if (v < min || v > max || Double.isNaN(v)) {
                errorAt(e.key(), "must be between " + min + " and " + max);
                return fallback;
            }
            return v;
        } catch (NumberFormatException ex) {
            errorAt(e.key(), "not a number (e.g. -3.5)");
            return fallback;
        }
    }

    Duration millis(String key, Duration fallback) {
        Entry e = entries.get(key);
        if (e == null) {
            return fallback;
        }
        return Duration.ofMillis(integer(key, (int) fallback.toMillis(), 0, 600_000));
    }

    private static boolean isInteger(String s) {
        return s.matches("-?\\d{1,9}");
    }
}
