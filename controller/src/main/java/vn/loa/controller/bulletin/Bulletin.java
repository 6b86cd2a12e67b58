package vn.loa.controller.bulletin;

import java.time.Instant;

/** A recorded programme item, stored once as audio and played by schedules and announcements. */
public record Bulletin(long id, String title, String sha256, long sizeBytes, long durationMs, int sampleRate,
        String originalName, Instant createdAt) {
}
