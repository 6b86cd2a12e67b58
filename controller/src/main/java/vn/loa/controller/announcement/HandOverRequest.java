package vn.loa.controller.announcement;

import java.time.Instant;
import vn.loa.controller.schedule.Targets;
import vn.loa.protocol.v1.Priority;

/**
 * An {@link AnnouncementService.Request} as stored in {@code announcement_handover.request_json}: plain
 * fields, so that a node of another build reads it the same. A live announcement is never handed over.
 */
record HandOverRequest(String title, String priority, Targets targets, String sourceType, Long bulletinId, String text,
        String voice, String language, boolean chime, int repeat, Long startAtMs, Long accountId) {

    static HandOverRequest of(AnnouncementService.Request r) {
        Long bulletinId = null;
        String text = null;
        String voice = null;
        String language = null;
        switch (r.source()) {
            case AnnouncementSource.FromBulletin b -> bulletinId = b.bulletinId();
            case AnnouncementSource.FromText t -> {
                text = t.text();
                voice = t.voice();
                language = t.language();
            }
            case AnnouncementSource.Live l -> throw new IllegalArgumentException("a live announcement is not handed over");
        }
        return new HandOverRequest(r.title(), r.priority().name(), r.targets(), r.source().type(), bulletinId, text,
                voice, language, r.chime(), r.repeat(), r.startAt() == null ? null : r.startAt().toEpochMilli(),
                r.accountId());
    }

    AnnouncementService.Request toRequest() {
        AnnouncementSource source = switch (sourceType) {
            case "BULLETIN" -> new AnnouncementSource.FromBulletin(bulletinId);
            case "TEXT" -> new AnnouncementSource.FromText(text, voice, language);
            default -> throw new IllegalArgumentException("a handed-over announcement has the source type '" + sourceType
                    + "', which this node does not know (a newer node wrote it)");
        };
        return new AnnouncementService.Request(title, Priority.valueOf(priority), targets, source, chime, repeat,
                startAtMs == null ? null : Instant.ofEpochMilli(startAtMs), accountId);
    }
}
