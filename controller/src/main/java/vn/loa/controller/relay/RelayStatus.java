package vn.loa.controller.relay;

import java.time.Instant;

/**
 * A relay's live state: since when, the current window, the announcement on air (if any), the stream format and
 * the last error with its time.
 */
public record RelayStatus(RelayState state, Instant since, Occurrence window, Long announcementId, String format,
        String lastError, Instant lastErrorAt) {

    public static RelayStatus idle(Instant now) {
        return new RelayStatus(RelayState.IDLE, now, null, null, null, null, null);
    }

    RelayStatus to(RelayState next, Instant now) {
        return new RelayStatus(next, now, window, announcementId, format, lastError, lastErrorAt);
    }

    RelayStatus withWindow(Occurrence w) {
        return new RelayStatus(state, since, w, announcementId, format, lastError, lastErrorAt);
    }

    RelayStatus withAnnouncement(Long id) {
        return new RelayStatus(state, since, window, id, format, lastError, lastErrorAt);
    }

    RelayStatus withFormat(String f) {
        return new RelayStatus(state, since, window, announcementId, f, lastError, lastErrorAt);
    }

    RelayStatus withError(String error, Instant at) {
        return new RelayStatus(state, since, window, announcementId, format, error, at);
    }
}
