package vn.loa.controller.schedule.rule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Fires once, at {@code at}. The zone only matters for display and JSON output.
 */
public record OnceRule(Instant at, ZoneId zone) implements ScheduleRule {

    public OnceRule {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(zone, "zone");
    }

    /** A once-rule in {@link ScheduleRule#DEFAULT_ZONE}. */
    public OnceRule(Instant at) {
        this(at, DEFAULT_ZONE);
    }

    @Override
    public List<Instant> occurrences(Instant fromInclusive, Instant toExclusive) {
        return !at.isBefore(fromInclusive) && at.isBefore(toExclusive) ? List.of(at) : List.of();
    }

    @Override
    public Optional<Instant> firstAfter(Instant instantExclusive) {
        return at.isAfter(instantExclusive) ? Optional.of(at) : Optional.empty();
    }
}
