package vn.loa.controller.cap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import vn.loa.protocol.v1.Priority;

/**
 * CAP {@code severity}/{@code urgency}/{@code certainty} → Loa priority: an ordered list of rules, the first that
 * matches wins, pure. Configurable as text, one rule a line, {@code SEVERITY URGENCY CERTAINTY -> PRIORITY} with
 * {@code *} for any value ({@link #parse}); {@link #DEFAULT} is the documented table (docs/integration.md).
 */
public record CapPriorityTable(List<Rule> rules) {

    static final Set<String> SEVERITIES = Set.of("Extreme", "Severe", "Moderate", "Minor", "Unknown");
    static final Set<String> URGENCIES = Set.of("Immediate", "Expected", "Future", "Past", "Unknown");
    static final Set<String> CERTAINTIES = Set.of("Observed", "Likely", "Possible", "Unlikely", "Unknown");
    static final Set<Priority> TARGETS = Set.of(Priority.EMERGENCY, Priority.PRIORITY, Priority.NORMAL);

    /** One rule; a null field matches any value. */
    public record Rule(String severity, String urgency, String certainty, Priority priority) {
        boolean matches(String s, String u, String c) {
            return (severity == null || severity.equals(s)) && (urgency == null || urgency.equals(u))
                    && (certainty == null || certainty.equals(c));
        }
    }

    /**
     * Extreme or Severe, Immediate or Expected, Observed or Likely: EMERGENCY (khẩn cấp); any other Extreme or
     * Severe, and Moderate that is Immediate: PRIORITY (ưu tiên); everything else NORMAL (thông thường).
     */
    public static final CapPriorityTable DEFAULT = parse("""
            Extreme  Immediate Observed -> EMERGENCY
            Extreme  Immediate Likely   -> EMERGENCY
            Extreme  Expected  Observed -> EMERGENCY
            Extreme  Expected  Likely   -> EMERGENCY
            Severe   Immediate Observed -> EMERGENCY
            Severe   Immediate Likely   -> EMERGENCY
            Severe   Expected  Observed -> EMERGENCY
            Severe   Expected  Likely   -> EMERGENCY
            Extreme  *         *        -> PRIORITY
            Severe   *         *        -> PRIORITY
            Moderate Immediate *        -> PRIORITY
            *        *         *        -> NORMAL
            """);

    public CapPriorityTable {
        rules = List.copyOf(rules);
        if (rules.isEmpty() || !rules.getLast().matches("Unknown", "Unknown", "Unknown")
                || rules.getLast().severity() != null || rules.getLast().urgency() != null
                || rules.getLast().certainty() != null) {
            throw new IllegalArgumentException("the CAP priority table must end with a catch-all rule '* * * -> NORMAL' (or another priority)");
        }
    }

    /** The priority for an {@code <info>}'s three values (the CAP enumerations' spelling). */
    public Priority priorityOf(String severity, String urgency, String certainty) {
        return rules.stream().filter(r -> r.matches(severity, urgency, certainty)).findFirst().orElseThrow().priority();
    }

    /** Parses the table's text form; every error is reported together, with its line number. */
    public static CapPriorityTable parse(String text) {
        List<Rule> rules = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] halves = line.split("->");
            String[] when = halves[0].trim().split("\\s+");
            if (halves.length != 2 || when.length != 3) {
                errors.add("line " + (i + 1) + ": expected 'SEVERITY URGENCY CERTAINTY -> PRIORITY', got '" + line + "'");
                continue;
            }
            String target = halves[1].trim().toUpperCase(Locale.ROOT);
            Priority p = TARGETS.stream().filter(t -> t.name().equals(target)).findFirst().orElse(null);
            if (p == null) {
                errors.add("line " + (i + 1) + ": priority must be EMERGENCY, PRIORITY or NORMAL, got '" + halves[1].trim() + "'");
            }
            String s = value(when[0], SEVERITIES, "severity", i, errors);
            String u = value(when[1], URGENCIES, "urgency", i, errors);
            String c = value(when[2], CERTAINTIES, "certainty", i, errors);
            rules.add(new Rule(s, u, c, p));
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid CAP priority table: " + String.join("; ", errors));
        }
        return new CapPriorityTable(rules);
    }

    private static String value(String v, Set<String> allowed, String field, int line, List<String> errors) {
        if (v.equals("*")) {
            return null;
        }
        if (!allowed.contains(v)) {
            errors.add("line " + (line + 1) + ": " + field + " '" + v + "' is not one of " + new java.util.TreeSet<>(allowed));
        }
        return v;
    }
}
