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
import vn.loa.controller.rejection.Problems;
import vn.loa.controller.rejection.RejectionCode;

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
            throw new InvalidRuleException(RejectionCode.RULE_MISSING.problem(TYPES));
        }
        if (!json.isObject()) {
            throw new InvalidRuleException(RejectionCode.RULE_NOT_OBJECT.problem(show(json)));
        }
        JsonNode typeNode = json.get("type");
        if (typeNode == null || typeNode.isNull()) {
            throw new InvalidRuleException(RejectionCode.RULE_TYPE_REQUIRED.problem(TYPES));
        }
        String type = typeNode.isTextual() ? typeNode.asText().trim().toLowerCase(Locale.ROOT) : "";
        Problems errors = new Problems();
        ScheduleRule rule = switch (type) {
            case "once" -> parseOnce(json, errors);
            case "daily", "weekly", "monthly" -> parseRecurring(type, json, errors);
            default -> throw new InvalidRuleException(RejectionCode.RULE_TYPE_UNSUPPORTED.problem(show(typeNode), TYPES));
        };
        if (!errors.isEmpty()) {
            throw new InvalidRuleException(errors.list());
        }
        return rule;
    }

    private ScheduleRule parseOnce(JsonNode json, Problems errors) {
        checkFields(json, "once", ONCE_FIELDS, errors);
        JsonNode at = json.get("at");
        if (at == null || at.isNull()) {
            errors.add(RejectionCode.RULE_AT_REQUIRED);
            return null;
        }
        Instant instant = at.isTextual() ? parseDateTime(at.asText().trim()) : null;
        if (instant == null) {
            errors.add(RejectionCode.RULE_AT_NOT_A_DATE_TIME, show(at));
            return null;
        }
        if (!Recurrences.isSupported(LocalDate.ofInstant(instant, zone))) {
            errors.add(RejectionCode.RULE_DATE_OUT_OF_RANGE, "rule.at", show(at), Recurrences.MIN_DATE, Recurrences.MAX_DATE);
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

    private ScheduleRule parseRecurring(String type, JsonNode json, Problems errors) {
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
            errors.add(RejectionCode.RULE_UNTIL_BEFORE_FROM, until, from);
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

    private static void checkFields(JsonNode json, String type, List<String> allowed, Problems errors) {
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                errors.add(RejectionCode.RULE_UNKNOWN_FIELD, "rule." + name, type, allowed);
            }
        }
    }

    private static List<LocalTime> parseTimes(JsonNode node, Problems errors) {
        if (node == null || node.isNull()) {
            errors.add(RejectionCode.RULE_TIMES_REQUIRED);
            return null;
        }
        if (!node.isArray()) {
            errors.add(RejectionCode.RULE_TIMES_NOT_A_LIST, show(node));
            return null;
        }
        if (node.isEmpty()) {
            errors.add(RejectionCode.RULE_TIMES_EMPTY);
            return null;
        }
        Set<LocalTime> times = new LinkedHashSet<>();
        boolean ok = true;
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            Matcher m = element.isTextual() ? TIME.matcher(element.asText().trim()) : null;
            if (m == null || !m.matches()) {
                errors.add(RejectionCode.RULE_NOT_A_TIME, "rule.times[" + i + "]", show(element));
                ok = false;
            } else {
                times.add(LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
            }
        }
        if (times.size() > ScheduleRule.MAX_TIMES_PER_DAY) {
            errors.add(RejectionCode.RULE_TOO_MANY_TIMES, times.size(), ScheduleRule.MAX_TIMES_PER_DAY);
            ok = false;
        }
        return ok ? List.copyOf(times) : null;
    }

    private static Set<DayOfWeek> parseDays(JsonNode node, Problems errors) {
        if (node == null || node.isNull()) {
            errors.add(RejectionCode.RULE_DAYS_REQUIRED);
            return null;
        }
        if (!node.isArray()) {
            errors.add(RejectionCode.RULE_DAYS_NOT_A_LIST, show(node));
            return null;
        }
        if (node.isEmpty()) {
            errors.add(RejectionCode.RULE_DAYS_EMPTY);
            return null;
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        boolean ok = true;
        for (JsonNode element : node) {
            DayOfWeek day = element.isTextual() ? parseDay(element.asText()) : null;
            if (day == null) {
                errors.add(RejectionCode.RULE_NOT_A_DAY, show(element));
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

    private static List<Integer> parseDaysOfMonth(JsonNode node, Problems errors) {
        if (node == null || node.isNull()) {
            errors.add(RejectionCode.RULE_DAYS_OF_MONTH_REQUIRED);
            return null;
        }
        if (!node.isArray()) {
            errors.add(RejectionCode.RULE_DAYS_OF_MONTH_NOT_A_LIST, show(node));
            return null;
        }
        if (node.isEmpty()) {
            errors.add(RejectionCode.RULE_DAYS_OF_MONTH_EMPTY);
            return null;
        }
        List<Integer> days = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            if (element.isIntegralNumber() && element.canConvertToInt() && MonthlyRule.isValidDay(element.intValue())) {
                days.add(element.intValue());
            } else {
                errors.add(RejectionCode.RULE_NOT_A_DAY_OF_MONTH, "rule.daysOfMonth[" + i + "]", show(element));
                ok = false;
            }
        }
        return ok ? days : null;
    }

    private static LocalDate parseDateField(String field, JsonNode node, boolean required, Problems errors) {
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(RejectionCode.RULE_DATE_REQUIRED, field);
            }
            return null;
        }
        LocalDate date = parseDate(node);
        if (date == null) {
            errors.add(RejectionCode.RULE_NOT_A_DATE, field, show(node));
        } else if (!Recurrences.isSupported(date)) {
            errors.add(RejectionCode.RULE_DATE_OUT_OF_RANGE, field, show(node), Recurrences.MIN_DATE, Recurrences.MAX_DATE);
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

    private static List<LocalDate> parseExcept(JsonNode node, Problems errors) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            errors.add(RejectionCode.RULE_EXCEPT_NOT_A_LIST, show(node));
            return null;
        }
        if (node.size() > ScheduleRule.MAX_EXCEPT_DATES) {
            errors.add(RejectionCode.RULE_TOO_MANY_EXCEPT, node.size(), ScheduleRule.MAX_EXCEPT_DATES);
            return null;
        }
        List<LocalDate> dates = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            LocalDate date = element.isNull() ? null : parseDateField("rule.except[" + i + "]", element, true, errors);
            if (element.isNull()) {
                errors.add(RejectionCode.RULE_NOT_A_DATE, "rule.except[" + i + "]", "null");
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
