package vn.loa.controller.cap;

import java.time.Instant;

/**
 * One alert as stored: what it was, who posted it, what became of it; {@code expiresAt} when an aired alert ends,
 * {@code expiredAt} when the leader's expiry job ended it (both null when it has no end).
 */
public record CapRecord(long id, String identifier, String sender, Instant sent, String msgType, Long receivedBy,
        Instant receivedAt, boolean trusted, State state, String detail, Long announcementId, Instant expiresAt,
        Instant expiredAt) {

    public enum State {
        /** Aired as announcement {@code announcementId}. */
        AIRED,
        /** A Cancel that stopped what it referenced. */
        STOPPED,
        /** From an untrusted caller: waits for a reviewer. */
        PENDING_APPROVAL,
        /** A reviewer refused it. */
        REJECTED,
        /** Taken, nothing aired (see detail). */
        NOT_BROADCAST
    }
}
