package vn.loa.controller.bulletin;

import java.time.Instant;

/**
 * A recorded programme item, stored once as audio and played by schedules and announcements.
 *
 * @param language the language it is spoken in ({@link BulletinLanguage}), {@code vi} unless tagged
 */
public record Bulletin(long id, String title, String sha256, long sizeBytes, long durationMs, int sampleRate,
        String originalName, Instant createdAt, String language) {

    /** A Vietnamese bulletin. */
    public Bulletin(long id, String title, String sha256, long sizeBytes, long durationMs, int sampleRate,
            String originalName, Instant createdAt) {
        this(id, title, sha256, sizeBytes, durationMs, sampleRate, originalName, createdAt, BulletinLanguage.DEFAULT);
    }
}
