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
import vn.loa.controller.rejection.ObjectKind;
import vn.loa.controller.rejection.Problem;
import vn.loa.controller.rejection.Problems;
import vn.loa.controller.rejection.Rejection;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.schedule.Targets;

/** Checks a draft relay and reports every problem at once. */
public final class RelayValidator {
    static final int MAX_WINDOWS = 24;
    static final int MAX_URL = 2000;
    private static final int MAX_TITLE = 300;
    private static final List<String> DAY_NAMES = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    private final Function<Targets, List<Problem>> targetProblems;
    private final vn.loa.controller.outbound.OutboundPolicy outbound;
    private final java.util.function.LongPredicate bulletinExists;

    /** @param targetProblems why targets are invalid (unknown stations, areas, zones); empty when fine */
    public RelayValidator(Function<Targets, List<Problem>> targetProblems) {
        this(targetProblems, vn.loa.controller.outbound.OutboundPolicy.publicOnly());
    }

    /** @param outbound which upstream addresses the controller may fetch (docs/security.md#outbound-requests) */
    public RelayValidator(Function<Targets, List<Problem>> targetProblems,
            vn.loa.controller.outbound.OutboundPolicy outbound) {
        this(targetProblems, outbound, id -> false);
    }

    /** @param bulletinExists whether a bulletin exists, for a relay's fallback */
    public RelayValidator(Function<Targets, List<Problem>> targetProblems,
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
    public record Result(Optional<Valid> valid, List<Problem> problems) {
    }

    public Result check(RelayDraft d, LocalDate today) {
        Problems errors = new Problems();
        String title = d.title() == null ? null : d.title().strip();
        if (title == null || title.isEmpty()) {
            errors.add(RejectionCode.REQUIRED, "title");
        } else if (title.length() > MAX_TITLE) {
            errors.add(RejectionCode.TOO_LONG, "title", MAX_TITLE);
        }
        URI url = url(d.url(), errors);
        if (d.targets() == null) {
            errors.add(RejectionCode.REQUIRED, "targets");
        } else {
            targetProblems.apply(d.targets()).forEach(errors::add);
        }
        List<DailyWindow> windows = windows(d.windows(), errors);
        Set<DayOfWeek> days = days(d.days(), errors);
        LocalDate from = date("from", d.from(), true, errors);
        LocalDate until = date("until", d.until(), false, errors);
        if (from != null && until != null && until.isBefore(from)) {
            errors.add(RejectionCode.BEFORE, "until", until, "from", from);
        } else if (until != null && until.isBefore(today)) {
            errors.add(RejectionCode.IN_THE_PAST, "until", until);
        }
        if (d.fallbackBulletinId() != null && !bulletinExists.test(d.fallbackBulletinId())) {
            errors.add(RejectionCode.DOES_NOT_EXIST, "fallbackBulletinId", ObjectKind.BULLETIN, d.fallbackBulletinId());
        }
        if (!errors.isEmpty()) {
            return new Result(Optional.empty(), errors.list());
        }
        return new Result(Optional.of(new Valid(title, url, d.targets(),
                new RelayCalendar(windows, days, from, until, RelayCalendar.VIETNAM), d.fallbackBulletinId())),
                List.of());
    }

    private URI url(String text, Problems errors) {
        if (text == null || text.isBlank()) {
            errors.add(RejectionCode.REQUIRED, "url");
            return null;
        }
        if (text.length() > MAX_URL) {
            errors.add(RejectionCode.TOO_LONG, "url", MAX_URL);
            return null;
        }
        try {
            return outbound.check("url", text);
        } catch (Rejection e) {
            errors.addAll(e);
            return null;
        }
    }

    private static List<DailyWindow> windows(List<RelayDraft.Window> drafts, Problems errors) {
        List<DailyWindow> out = new ArrayList<>();
        if (drafts == null || drafts.isEmpty()) {
            errors.add(RejectionCode.EMPTY_LIST, "windows");
            return out;
        }
        if (drafts.size() > MAX_WINDOWS) {
            errors.add(RejectionCode.TOO_MANY, "windows", MAX_WINDOWS);
            return out;
        }
        for (int i = 0; i < drafts.size(); i++) {
            RelayDraft.Window w = drafts.get(i);
            String at = "windows[" + i + "]";
            Optional<Integer> start = DailyWindow.parseTime(w.start(), false);
            Optional<Integer> end = DailyWindow.parseTime(w.end(), true);
            if (start.isEmpty()) {
                errors.add(RejectionCode.NOT_A_TIME, at + ".start", w.start());
            }
            if (end.isEmpty()) {
                errors.add(RejectionCode.NOT_A_TIME, at + ".end", w.end());
            }
            if (start.isEmpty() || end.isEmpty()) {
                continue;
            }
            if (end.get() <= start.get()) {
                errors.add(RejectionCode.WINDOW_BACKWARDS, at, w.end(), w.start());
                continue;
            }
            DailyWindow window = new DailyWindow(start.get(), end.get());
            for (int j = 0; j < out.size(); j++) {
                DailyWindow other = out.get(j);
                if (window.overlaps(other)) {
                    errors.add(RejectionCode.WINDOWS_OVERLAP, at, window.start() + "–" + window.end(),
                            other.start() + "–" + other.end());
                }
            }
            out.add(window);
        }
        return out;
    }

    private static Set<DayOfWeek> days(List<String> names, Problems errors) {
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        if (names == null) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        if (names.isEmpty()) {
            errors.add(RejectionCode.EMPTY_LIST, "days");
        }
        for (String n : names) {
            Optional<DayOfWeek> d = day(n);
            if (d.isEmpty()) {
                errors.add(RejectionCode.NOT_ONE_OF, "days", n, DAY_NAMES);
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

    private static LocalDate date(String field, String text, boolean required, Problems errors) {
        if (text == null) {
            if (required) {
                errors.add(RejectionCode.REQUIRED, field);
            }
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(RejectionCode.NOT_A_DATE, field, text);
            return null;
        }
    }
}
