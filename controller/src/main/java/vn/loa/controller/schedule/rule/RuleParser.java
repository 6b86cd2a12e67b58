package vn.loa.controller.schedule.rule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the {@code rule} field of the schedule API.
 *
 * <pre>
 * {"type":"once","at":"2026-12-01T17:00:00+07:00"}           (or a local date-time, read in the zone)
 * {"type":"daily","times":["05:30","17:00"],"from":"2026-12-01","until":"2026-12-31"}
 * {"type":"weekly","days":["MON","THU"],"times":["06:00"],"from":"2026-12-01"}
 * {"type":"monthly","daysOfMonth":[1,15,-1],"times":["06:00"],"from":"2026-12-01","except":["2027-01-01"]}
 * </pre>
 *
 * <p>All field errors of one rule are collected and reported together in one {@link InvalidRuleException}.
 * Unknown fields are errors (a misspelt {@code "untill"} must not silently make a rule open-ended).
 * The zone is not part of the JSON: parsed rules get the parser's zone, and {@link #toJson} of a
 * recurring rule in another zone re-parses into the parser's zone.
 */
public final class RuleParser {

    private static final String TYPES = "once, daily, weekly, monthly";
    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private static final List<String> ONCE_FIELDS = List.of("type", "at");
    private static final List<String> DAILY_FIELDS = List.of("type", "times", "from", "until", "except");
    private static final List<String> WEEKLY_FIELDS = List.of("type", "days", "times", "from", "until", "except");
    private static final List<String> MONTHLY_FIELDS =
            List.of("type", "daysOfMonth", "times", "from", "until", "except");

    private final ZoneId zone;

    /** A parser for rules evaluated in {@link ScheduleRule#DEFAULT_ZONE}. */
    public RuleParser() {
        this(ScheduleRule.DEFAULT_ZONE);
    }

    public RuleParser(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public ZoneId zone() {
        return zone;
    }

    // ---- parsing ---------------------------------------------------------------------------

    /**
     * @throws InvalidRuleException with every problem found, joined with "; "
     */
    public ScheduleRule parse(JsonNode json) {
        if (json == null || json.isNull() || json.isMissingNode()) {
            throw new InvalidRuleException("rule: is required (an object with a \"type\": " + TYPES + ")");
        }
        if (!json.isObject()) {
            throw new InvalidRuleException("rule: " + show(json) + " is not an object (e.g. "
                    + "{\"type\":\"daily\",\"times\":[\"17:00\"],\"from\":\"2026-12-01\"})");
        }
        JsonNode typeNode = json.get("type");
        if (typeNode == null || typeNode.isNull()) {
            throw new InvalidRuleException("rule.type: is required (" + TYPES + ")");
        }
        String type = typeNode.isTextual() ? typeNode.asText().trim().toLowerCase(Locale.ROOT) : "";
        List<String> errors = new ArrayList<>();
        ScheduleRule rule = switch (type) {
            case "once" -> parseOnce(json, errors);
            case "daily", "weekly", "monthly" -> parseRecurring(type, json, errors);
            default -> throw new InvalidRuleException("rule.type: " + show(typeNode) + " is not supported ("
                    + TYPES + ")");
        };
        if (!errors.isEmpty()) {
            throw new InvalidRuleException(errors);
        }
        return rule;
    }

    private ScheduleRule parseOnce(JsonNode json, List<String> errors) {
        checkFields(json, "once", ONCE_FIELDS, errors);
        JsonNode at = json.get("at");
        if (at == null || at.isNull()) {
            errors.add("rule.at: is required (a date-time, e.g. 2026-12-01T17:00:00+07:00)");
            return null;
        }
        Instant instant = at.isTextual() ? parseDateTime(at.asText().trim()) : null;
        if (instant == null) {
            errors.add("rule.at: " + show(at) + " is not a date-time (e.g. 2026-12-01T17:00:00+07:00, "
                    + "or 2026-12-01T17:00 for local time)");
            return null;
        }
        if (!Recurrences.isSupported(LocalDate.ofInstant(instant, zone))) {
            errors.add("rule.at: " + show(at) + " is out of range (" + Recurrences.MIN_DATE + ".."
                    + Recurrences.MAX_DATE + ")");
            return null;
        }
        return errors.isEmpty() ? new OnceRule(instant, zone) : null;
    }

    private Instant parseDateTime(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException offsetFailed) {
            try {
                return ZonedDateTime.of(LocalDateTime.parse(text), zone).toInstant();
            } catch (DateTimeException localFailed) {
                return null;
            }
        }
    }

    private ScheduleRule parseRecurring(String type, JsonNode json, List<String> errors) {
        List<String> allowed = switch (type) {
            case "daily" -> DAILY_FIELDS;
            case "weekly" -> WEEKLY_FIELDS;
            default -> MONTHLY_FIELDS;
        };
        checkFields(json, type, allowed, errors);
        Set<DayOfWeek> days = type.equals("weekly") ? parseDays(json.get("days"), errors) : null;
        List<Integer> daysOfMonth = type.equals("monthly") ? parseDaysOfMonth(json.get("daysOfMonth"), errors) : null;
        List<LocalTime> times = parseTimes(json.get("times"), errors);
        LocalDate from = parseDateField("rule.from", json.get("from"), true, errors);
        LocalDate until = parseDateField("rule.until", json.get("until"), false, errors);
        List<LocalDate> except = parseExcept(json.get("except"), errors);
        if (from != null && until != null && until.isBefore(from)) {
            errors.add("rule.until (" + until + ") is before rule.from (" + from + ")");
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return switch (type) {
            case "daily" -> new DailyRule(times, from, until, except, zone);
            case "weekly" -> new WeeklyRule(days, times, from, until, except, zone);
            default -> new MonthlyRule(daysOfMonth, times, from, until, except, zone);
        };
    }

    private static void checkFields(JsonNode json, String type, List<String> allowed, List<String> errors) {
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                errors.add("rule." + name + ": is not a field of a " + type + " rule (allowed: "
                        + String.join(", ", allowed) + ")");
            }
        }
    }

    private static List<LocalTime> parseTimes(JsonNode node, List<String> errors) {
        if (node == null || node.isNull()) {
            errors.add("rule.times: is required (a list of times of day, HH:mm, e.g. [\"05:30\", \"17:00\"])");
            return null;
        }
        if (!node.isArray()) {
            errors.add("rule.times: " + show(node) + " is not a list of times of day (HH:mm), "
                    + "e.g. [\"05:30\", \"17:00\"]");
            return null;
        }
        if (node.isEmpty()) {
            errors.add("rule.times: is empty; give at least one time of day (HH:mm)");
            return null;
        }
        Set<LocalTime> times = new LinkedHashSet<>();
        boolean ok = true;
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            Matcher m = element.isTextual() ? TIME.matcher(element.asText().trim()) : null;
            if (m == null || !m.matches()) {
                errors.add("rule.times[" + i + "]: " + show(element) + " is not a time of day (HH:mm)");
                ok = false;
            } else {
                times.add(LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
            }
        }
        if (times.size() > ScheduleRule.MAX_TIMES_PER_DAY) {
            errors.add("rule.times: " + times.size() + " different times given; at most "
                    + ScheduleRule.MAX_TIMES_PER_DAY + " per day are allowed");
            ok = false;
        }
        return ok ? List.copyOf(times) : null;
    }

    private static Set<DayOfWeek> parseDays(JsonNode node, List<String> errors) {
        if (node == null || node.isNull()) {
            errors.add("rule.days: is required (a list of days, MON..SUN, e.g. [\"MON\", \"THU\"])");
            return null;
        }
        if (!node.isArray()) {
            errors.add("rule.days: " + show(node) + " is not a list of days (MON..SUN), e.g. [\"MON\", \"THU\"]");
            return null;
        }
        if (node.isEmpty()) {
            errors.add("rule.days: is empty; give at least one day (MON..SUN)");
            return null;
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        boolean ok = true;
        for (JsonNode element : node) {
            DayOfWeek day = element.isTextual() ? parseDay(element.asText()) : null;
            if (day == null) {
                errors.add("rule.days: " + show(element) + " is not a day (MON..SUN)");
                ok = false;
            } else {
                days.add(day);
            }
        }
        return ok ? days : null;
    }

    /** MON..SUN or MONDAY..SUNDAY, case-insensitive; {@code null} otherwise. */
    private static DayOfWeek parseDay(String text) {
        String upper = text.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (upper.equals(dayName(day)) || upper.equals(day.name())) {
                return day;
            }
        }
        return null;
    }

    /** The three-letter API name of a day: MON..SUN. */
    static String dayName(DayOfWeek day) {
        return day.name().substring(0, 3);
    }

    private static List<Integer> parseDaysOfMonth(JsonNode node, List<String> errors) {
        if (node == null || node.isNull()) {
            errors.add("rule.daysOfMonth: is required (a list of days of month, 1..31 or -1 for the last day, "
                    + "e.g. [1, 15, -1])");
            return null;
        }
        if (!node.isArray()) {
            errors.add("rule.daysOfMonth: " + show(node) + " is not a list of days of month (1..31, "
                    + "or -1 for the last day), e.g. [1, 15, -1]");
            return null;
        }
        if (node.isEmpty()) {
            errors.add("rule.daysOfMonth: is empty; give at least one day of month (1..31, or -1 for the last day)");
            return null;
        }
        List<Integer> days = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            if (element.isIntegralNumber() && element.canConvertToInt() && MonthlyRule.isValidDay(element.intValue())) {
                days.add(element.intValue());
            } else {
                errors.add("rule.daysOfMonth[" + i + "]: " + show(element)
                        + " is not a day of month (1..31, or -1 for the last day)");
                ok = false;
            }
        }
        return ok ? days : null;
    }

    private static LocalDate parseDateField(String field, JsonNode node, boolean required, List<String> errors) {
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(field + ": is required (a date, YYYY-MM-DD)");
            }
            return null;
        }
        LocalDate date = parseDate(node);
        if (date == null) {
            errors.add(field + ": " + show(node) + " is not a date (YYYY-MM-DD)");
        } else if (!Recurrences.isSupported(date)) {
            errors.add(field + ": " + show(node) + " is out of range (" + Recurrences.MIN_DATE + ".."
                    + Recurrences.MAX_DATE + ")");
            return null;
        }
        return date;
    }

    private static LocalDate parseDate(JsonNode node) {
        if (!node.isTextual() || !DATE.matcher(node.asText().trim()).matches()) {
            return null;
        }
        try {
            return LocalDate.parse(node.asText().trim());
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static List<LocalDate> parseExcept(JsonNode node, List<String> errors) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            errors.add("rule.except: " + show(node) + " is not a list of dates (YYYY-MM-DD), e.g. [\"2026-12-25\"]");
            return null;
        }
        if (node.size() > ScheduleRule.MAX_EXCEPT_DATES) {
            errors.add("rule.except: " + node.size() + " dates given; at most " + ScheduleRule.MAX_EXCEPT_DATES
                    + " are allowed");
            return null;
        }
        List<LocalDate> dates = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            LocalDate date = element.isNull() ? null : parseDateField("rule.except[" + i + "]", element, true, errors);
            if (element.isNull()) {
                errors.add("rule.except[" + i + "]: null is not a date (YYYY-MM-DD)");
            }
            if (date == null) {
                ok = false;
            } else {
                dates.add(date);
            }
        }
        return ok ? dates : null;
    }

    /** A JSON value as an operator typed it: text in single quotes, anything else as JSON. */
    private static String show(JsonNode node) {
        return node.isTextual() ? "'" + node.asText() + "'" : node.toString();
    }

    // ---- writing ---------------------------------------------------------------------------

    /** The API JSON of a rule; {@link #parse} reads it back into an equal rule (in this parser's zone). */
    public JsonNode toJson(ScheduleRule rule) {
        Objects.requireNonNull(rule, "rule");
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        switch (rule) {
            case OnceRule once -> {
                json.put("type", "once");
                json.put("at", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(once.at().atZone(once.zone())));
            }
            case DailyRule daily -> {
                json.put("type", "daily");
                putRecurring(json, daily);
            }
            case WeeklyRule weekly -> {
                json.put("type", "weekly");
                ArrayNode days = json.putArray("days");
                weekly.days().forEach(day -> days.add(dayName(day)));
                putRecurring(json, weekly);
            }
            case MonthlyRule monthly -> {
                json.put("type", "monthly");
                ArrayNode days = json.putArray("daysOfMonth");
                monthly.daysOfMonth().forEach(days::add);
                putRecurring(json, monthly);
            }
        }
        return json;
    }

    private static void putRecurring(ObjectNode json, Recurring rule) {
        ArrayNode times = json.putArray("times");
        rule.times().forEach(time -> times.add(HH_MM.format(time)));
        json.put("from", rule.from().toString());
        if (rule.until() != null) {
            json.put("until", rule.until().toString());
        }
        if (!rule.except().isEmpty()) {
            ArrayNode except = json.putArray("except");
            rule.except().forEach(date -> except.add(date.toString()));
        }
    }
}
