package vn.loa.controller.outbox;

import java.time.Duration;
import java.util.List;

/**
 * How long an endpoint rests after its n-th consecutive failure before the outbox tries it again: 1 s, 2 s,
 * 5 s, 10 s, 30 s, 1 min, 2 min, then every 5 min for as long as it stays down (docs/integration.md#delivery).
 * Pure; an endpoint that answers again is tried at once and its count starts over.
 */
public record RetrySchedule(List<Duration> steps) {
    public static final RetrySchedule DEFAULT = new RetrySchedule(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(2), Duration.ofMinutes(5)));

    public RetrySchedule {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a retry schedule needs at least one step");
        }
        steps = List.copyOf(steps);
    }

    /** The rest after {@code failures} consecutive failures (1 or more); the last step repeats. */
    public Duration after(int failures) {
        if (failures < 1) {
            return Duration.ZERO;
        }
        return steps.get(Math.min(failures, steps.size()) - 1);
    }
}
