package vn.loa.controller.quiet;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import vn.loa.controller.schedule.TargetResolver;
import vn.loa.protocol.quiet.QuietDecision;
import vn.loa.protocol.quiet.QuietHours;
import vn.loa.protocol.quiet.QuietRule;
import vn.loa.protocol.v1.Priority;

/**
 * Which planned plays quiet hours would hold back: the occurrences of a schedule (or of every schedule)
 * at each station it reaches. Pure: the controller's schedule check and the "what conflicts" list of a
 * new rule both use it, with the same decision the station applies.
 */
public final class QuietConflicts {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");

    private QuietConflicts() {
    }

    /** One play quiet hours would hold back. */
    public record Conflict(long stationId, Instant at, QuietRule rule) {
        /** "Giờ nghỉ đêm" (21:30–05:30) at 22:00 08/12/2026, Vietnam time. */
        public String describe(String stationName) {
            return "«" + rule.name() + "» (" + rule.from() + "–" + rule.to() + ") — " + stationName + ", "
                    + WHEN.format(LocalDateTime.ofInstant(at, QuietHours.VIETNAM));
        }
    }

    /**
     * The occurrences held back at the stations they reach, in time order, at most {@code limit}.
     *
     * @param hours the quiet hours of each station (a station missing from the map has none)
     */
    public static List<Conflict> of(List<Instant> occurrences, TargetResolver.Reach reach, Priority priority,
            Map<Long, QuietHours> hours, int limit) {
        List<Conflict> out = new ArrayList<>();
        for (Instant at : occurrences) {
            for (long stationId : reach.stationIds()) {
                QuietHours h = hours.get(stationId);
                if (h == null) {
                    continue;
                }
                SortedSet<Long> zones = reach.zonesOf(stationId);
                QuietDecision d = h.decide(at, priority, Set.copyOf(zones));
                if (d.heldBack()) {
                    out.add(new Conflict(stationId, at, d.heldBackBy().orElseThrow()));
                    if (out.size() >= limit) {
                        return out;
                    }
                }
            }
        }
        return out;
    }
}
