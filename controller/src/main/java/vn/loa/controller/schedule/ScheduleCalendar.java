package vn.loa.controller.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import vn.loa.controller.area.AreaTree;
import vn.loa.controller.bulletin.Bulletin;
import vn.loa.controller.schedule.rule.TooManyOccurrencesException;
import vn.loa.controller.station.Station;
import vn.loa.protocol.v1.Priority;

/**
 * Expands schedules into the runs of a time window, per station, and finds conflicts: two runs that
 * overlap on one station (each run lasts its bulletin's duration).
 */
public final class ScheduleCalendar {
    /** At most this many runs in one window; more is an error for the caller to report. */
    public static final int MAX_RUNS = 20_000;
    /** At most this many conflicts are listed. */
    public static final int MAX_CONFLICTS = 500;

    /** One run of a schedule: when, how long, on which stations (of those asked about). */
    public record Run(long scheduleId, String title, long bulletinId, Priority priority, Instant start, Instant end,
            long durationMs, Set<Long> stationIds) {
    }

    /** Two runs overlapping on one station. */
    public record Conflict(long stationId, Run first, Run second) {
    }

    public record Result(List<Run> runs, List<Conflict> conflicts, boolean conflictsTruncated) {
    }

    /** Too many runs in the window. */
    public static final class TooManyRunsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final Long scheduleId;
        private final int max;

        TooManyRunsException(Long scheduleId, int max, String message) {
            super(message);
            this.scheduleId = scheduleId;
            this.max = max;
        }

        /** The one schedule that fires too often, or null when the window as a whole holds too many runs. */
        public Long scheduleId() {
            return scheduleId;
        }

        /** The most runs a window may hold. */
        public int max() {
            return max;
        }
    }

    private ScheduleCalendar() {
    }

    /**
     * @param onlyStations the stations asked about, or null for all
     */
    public static Result expand(List<Schedule> schedules, AreaTree areas, List<Station> stations,
            Map<Long, Bulletin> bulletins, Instant from, Instant to, Set<Long> onlyStations) {
        TargetResolver resolver = new TargetResolver(areas, stations);
        List<Run> runs = new ArrayList<>();
        for (Schedule s : schedules) {
            Set<Long> reached = new TreeSet<>(resolver.resolve(s.targets()).stationIds());
            if (onlyStations != null) {
                reached.retainAll(onlyStations);
            }
            if (reached.isEmpty()) {
                continue;
            }
            Bulletin b = bulletins.get(s.bulletinId());
            long duration = b == null ? 0 : b.durationMs();
            // a run that started before the window and still plays in it is shown too
            Instant searchFrom = from.minusMillis(duration);
            List<Instant> starts;
            try {
                starts = s.rule().occurrences(searchFrom, to);
            } catch (TooManyOccurrencesException e) {
                throw new TooManyRunsException(s.id(), MAX_RUNS, "schedule " + s.id() + " fires too often in this window; ask for a shorter one");
            }
            for (Instant start : starts) {
                Instant end = start.plusMillis(duration);
                if (!end.isAfter(from) && !start.equals(from)) {
                    continue;
                }
                runs.add(new Run(s.id(), s.title(), s.bulletinId(), s.priority(), start, end, duration, Set.copyOf(reached)));
                if (runs.size() > MAX_RUNS) {
                    throw new TooManyRunsException(null, MAX_RUNS, "more than " + MAX_RUNS + " runs in this window; ask for a shorter one");
                }
            }
        }
        runs.sort(Comparator.comparing(Run::start).thenComparingLong(Run::scheduleId));
        List<Conflict> conflicts = new ArrayList<>();
        boolean truncated = false;
        Map<Long, List<Run>> byStation = new HashMap<>();
        for (Run r : runs) {
            for (long st : r.stationIds()) {
                byStation.computeIfAbsent(st, k -> new ArrayList<>()).add(r);
            }
        }
        for (var e : new java.util.TreeMap<>(byStation).entrySet()) {
            List<Run> list = e.getValue();
            for (int i = 0; i < list.size() && !truncated; i++) {
                Run a = list.get(i);
                for (int j = i + 1; j < list.size() && list.get(j).start().isBefore(a.end()); j++) {
                    if (conflicts.size() >= MAX_CONFLICTS) {
                        truncated = true;
                        break;
                    }
                    conflicts.add(new Conflict(e.getKey(), a, list.get(j)));
                }
            }
        }
        return new Result(runs, conflicts, truncated);
    }
}
