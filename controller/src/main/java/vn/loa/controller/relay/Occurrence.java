package vn.loa.controller.relay;

import java.time.Instant;

/** One concrete on-air window: from start (inclusive) to end (exclusive). */
public record Occurrence(Instant start, Instant end) {
    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}
