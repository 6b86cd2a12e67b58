package vn.loa.controller.quiet;

import java.time.Instant;
import vn.loa.protocol.quiet.QuietRule;

/**
 * A stored rule of quiet hours and where it holds.
 *
 * @param stationId the station it holds at; null: every station (the province's default)
 */
public record StationQuietRule(Long stationId, QuietRule rule, Long createdBy, Instant createdAt) {
    public long id() {
        return rule.id();
    }

    /** Whether it holds at that station. */
    public boolean holdsAt(long station) {
        return stationId == null || stationId == station;
    }
}
