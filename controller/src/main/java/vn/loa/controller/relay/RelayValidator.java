package vn.loa.controller.relay;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import vn.loa.controller.schedule.Targets;

/** Checks a draft relay and reports every problem at once. */
public final class RelayValidator {
    static final int MAX_WINDOWS = 24;
    static final int MAX_URL = 2000;
    private static final int MAX_TITLE = 300;

    private final Function<Targets, List<String>> targetProblems;
    private final vn.loa.controller.outbound.OutboundPolicy outbound;
    private final java.util.function.LongPredicate bulletinExists;

    /** @param targetProblems why targets are invalid (unknown stations, areas, zones); empty when fine */
    public RelayValidator(Function<Targets, List<String>> targetProblems) {
        this(targetProblems, vn.loa.controller.outbound.OutboundPolicy.publicOnly());
    }

    /** @param outbound which upstream addresses the controller may fetch (docs/security.md#outbound-requests) */
    public RelayValidator(Function<Targets, List<String>> targetProblems,
            vn.loa.controller.outbound.OutboundPolicy outbound) {
        this(targetProblems, outbound, id -> false);
    }

    /** @param bulletinExists whether a bulletin exists, for a relay's fallback */
    public RelayValidator(Function<Targets, List<String>> targetProblems,
            vn.loa.controller.outbound.OutboundPolicy outbound, java.util.function.LongPredicate bulletinExists) {
        this.targetProblems = targetProblems;
        this.outbound = outbound;
        this.bulletinExists = bulletinExists;
    }

    /** A checked relay, ready to store. */
    public record Valid(String title, URI url, Targets targets, RelayCalendar calendar, Long fallbackBulletinId) {
        public Valid(String title, URI url, Targets targets, RelayCalendar calendar) {
            this(title, url, targets, calendar, null);
        }
    }

    /** The checked relay, or the reasons it is refused. */
    public record Result(Optional<Valid> valid, List<String> errors) {
    }

    public Result check(RelayDraft d, LocalDate today) {
        List<String> errors = new ArrayList<>();
        String title = d.title() == null ? null : d.title().strip();
        if (title == null || title.isEmpty()) {
            errors.add("title: required text");
        } else if (title.length() > MAX_TITLE) {
            errors.add("title: at most " + MAX_TITLE + " characters");
        }
        URI url = url(d.url(), errors);
        if (d.targets() == null) {
            errors.add("targets: required, e.g. {\"stationIds\":[1],\"areaIds\":[],\"zoneIds\":[]}");
        } else {
            errors.addAll(targetProblems.apply(d.targets()));
        }
        List<DailyWindow> windows = windows(d.windows(), errors);
        Set<DayOfWeek> days = days(d.days(), errors);
        LocalDate from = date("from", d.from(), true, errors);
        LocalDate until = date("until", d.until(), false, errors);
        if (from != null && until != null && until.isBefore(from)) {
            errors.add("until: " + until + " is before from (" + from + ")");
        } else if (until != null && until.isBefore(today)) {
            errors.add("until: " + until + " is in the past");
        }
        if (d.fallbackBulletinId() != null && !bulletinExists.test(d.fallbackBulletinId())) {
            errors.add("fallbackBulletinId: there is no bulletin " + d.fallbackBulletinId());
        }
        if (!errors.isEmpty()) {
            return new Result(Optional.empty(), errors);
        }
        return new Result(Optional.of(new Valid(title, url, d.targets(),
                new RelayCalendar(windows, days, from, until, RelayCalendar.VIETNAM), d.fallbackBulletinId())),
                List.of());
    }

    private URI url(String text, List<String> errors) {
        if (text == null || text.isBlank()) {
            errors.add("url: required, an http:// or https:// stream address");
            return null;
        }
        if (text.length() > MAX_URL) {
            errors.add("url: at most " + MAX_URL + " characters");
            return null;
        }
        try {
            return outbound.check("url", text);
        } catch (vn.loa.controller.rejection.Rejection e) {
            errors.add(e.getMessage());
            return null;
        }
    }

    private static List<DailyWindow> windows(List<RelayDraft.Window> drafts, List<String> errors) {
        List<DailyWindow> out = new ArrayList<>();
        if (drafts == null || drafts.isEmpty()) {
            errors.add("windows: at least one, e.g. [{\"start\":\"06:00\",\"end\":\"06:30\"}] (Asia/Ho_Chi_Minh)");
            return out;
        }
        if (drafts.size() > MAX_WINDOWS) {
            errors.add("windows: at most " + MAX_WINDOWS);
            return out;
        }
        for (int i = 0; i < drafts.size(); i++) {
            RelayDraft.Window w = drafts.get(i);
            String at = "windows[" + i + "]";
            Optional<Integer> start = DailyWindow.parseTime(w.start(), false);
            Optional<Integer> end = DailyWindow.parseTime(w.end(), true);
            if (start.isEmpty()) {
                errors.add(at + ".start: '" + w.start() + "' is not a time of day like 06:00");
            }
            if (end.isEmpty()) {
                errors.add(at + ".end: '" + w.end() + "' is not a time of day like 06:30 (24:00 for midnight)");
            }
            if (start.isEmpty() || end.isEmpty()) {
                continue;
            }
            if (end.get() <= start.get()) {
                errors.add(at + ": ends at " + w.end() + ", not after its start " + w.start()
                        + " (a window cannot cross midnight; split it in two)");
                continue;
            }
            DailyWindow window = new DailyWindow(start.get(), end.get());
            for (int j = 0; j < out.size(); j++) {
                DailyWindow other = out.get(j);
                if (window.overlaps(other)) {
                    errors.add(at + ": " + window.start() + "–" + window.end() + " overlaps " + other.start() + "–"
                            + other.end());
                }
            }
            out.add(window);
        }
        return out;
    }

    private static Set<DayOfWeek> days(List<String> names, List<String> errors) {
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        if (names == null) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        if (names.isEmpty()) {
            errors.add("days: leave it out for every day, or name at least one of MON TUE WED THU FRI SAT SUN");
        }
        for (String n : names) {
            Optional<DayOfWeek> d = day(n);
            if (d.isEmpty()) {
                errors.add("days: '" + n + "' is not one of MON TUE WED THU FRI SAT SUN");
            } else {
                out.add(d.get());
            }
        }
        return out;
    }

    static Optional<DayOfWeek> day(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().substring(0, 3).equals(name.toUpperCase(Locale.ROOT))) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    private static LocalDate date(String field, String text, boolean required, List<String> errors) {
        if (text == null) {
            if (required) {
                errors.add(field + ": required, a date like 2026-12-01");
            }
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(field + ": '" + text + "' is not a date like 2026-12-01");
            return null;
        }
    }
}
