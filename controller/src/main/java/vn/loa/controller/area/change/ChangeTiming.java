package vn.loa.controller.area.change;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

/**
 * When an area change takes effect, decided without side effects (docs/areas.md#changes-dated-in-the-future):
 * a change dated {@code effective} takes effect at 00:00 of that day in Vietnam. Until then it waits, pending;
 * from then on it is due, and the leader makes it — at once when the controller was down at that instant.
 */
public final class ChangeTiming {
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** How far ahead a change may be dated: a reorganisation is decided months ahead, not years. */
    public static final int MAX_DAYS_AHEAD = 730;

    private ChangeTiming() {
    }

    /** Whether a change is made now or kept until its day. */
    public enum When {
        /** Its day has begun (today or earlier): made now, as the history of that day. */
        NOW,
        /** Its day is still to come: kept pending until it begins. */
        LATER,
        /** More than {@link #MAX_DAYS_AHEAD} days ahead: refused. */
        TOO_FAR_AHEAD
    }

    /** A pending change as the timing sees it. */
    public record Waiting(long id, LocalDate effective) {
    }

    /** The instant a change dated {@code effective} takes effect: 00:00 in Vietnam. */
    public static Instant instantOf(LocalDate effective) {
        return effective.atStartOfDay(VIETNAM).toInstant();
    }

    /** The day it is in Vietnam at {@code now} (whatever the zone of the clock that gave it). */
    public static LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, VIETNAM);
    }

    public static When when(LocalDate effective, Instant now) {
        if (!instantOf(effective).isAfter(now)) {
            return When.NOW;
        }
        return effective.isAfter(today(now).plusDays(MAX_DAYS_AHEAD)) ? When.TOO_FAR_AHEAD : When.LATER;
    }

    /** The pending changes due at {@code now}, in the order they are made: by effective day, then as recorded. */
    public static List<Waiting> due(List<Waiting> waiting, Instant now) {
        return waiting.stream().filter(w -> when(w.effective(), now) == When.NOW)
                .sorted(Comparator.comparing(Waiting::effective).thenComparingLong(Waiting::id)).toList();
    }

    /**
     * How long until the leader looks again: until the next change's instant, but at most {@code atMost}
     * (a change dated on another node, or a clock set forward, is then seen in time); never negative.
     */
    public static Duration nextLook(List<Waiting> waiting, Instant now, Duration atMost) {
        Duration wait = atMost;
        for (Waiting w : waiting) {
            Duration until = Duration.between(now, instantOf(w.effective()));
            if (until.compareTo(wait) < 0) {
                wait = until;
            }
        }
        return wait.isNegative() ? Duration.ZERO : wait;
    }
}
