package vn.loa.controller.relay;

import java.net.URI;
import java.time.Instant;
import vn.loa.controller.schedule.Targets;

/** A stored relay: rebroadcast this upstream stream to these targets in the calendar's windows. */
public record Relay(long id, String title, URI url, Targets targets, RelayCalendar calendar, Long createdBy,
        Instant createdAt, Instant deletedAt) {
}
