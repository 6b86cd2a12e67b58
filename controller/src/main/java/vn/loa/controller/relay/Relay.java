package vn.loa.controller.relay;

import java.net.URI;
import java.time.Instant;
import vn.loa.controller.schedule.Targets;

/**
 * A stored relay: rebroadcast this upstream stream to these targets in the calendar's windows.
 *
 * @param fallbackBulletinId the bulletin played in a loop while the upstream is down in a window, instead of dead
 *                           air (docs/relay.md#fallback); null for none
 */
public record Relay(long id, String title, URI url, Targets targets, RelayCalendar calendar, Long createdBy,
        Instant createdAt, Instant deletedAt, Long fallbackBulletinId) {

    /** A relay without a fallback. */
    public Relay(long id, String title, URI url, Targets targets, RelayCalendar calendar, Long createdBy,
            Instant createdAt, Instant deletedAt) {
        this(id, title, url, targets, calendar, createdBy, createdAt, deletedAt, null);
    }
}
