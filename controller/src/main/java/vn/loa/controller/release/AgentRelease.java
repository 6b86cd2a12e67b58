package vn.loa.controller.release;

import java.time.Instant;

/**
 * One agent release: the jar (a media blob named by {@code sha256}), its version, who uploaded and who approved
 * it, and the release key's signature once approved (null before).
 */
public record AgentRelease(long id, String version, String sha256, long size, String notes, ReleaseState state,
        long uploadedBy, Instant uploadedAt, Long approvedBy, Instant approvedAt, byte[] signature) {

    public boolean signed() {
        return state == ReleaseState.APPROVED && signature != null && signature.length > 0;
    }
}
