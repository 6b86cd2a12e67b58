package vn.loa.controller.playlog;

import java.time.Instant;
import java.util.List;

/**
 * One line of the as-run log.
 *
 * @param language the language of the bulletin it played (a code of {@code BulletinLanguage}); null when it
 *                 played no stored bulletin (a text or live announcement, a relay)
 */
public record PlayRecord(String reportId, long stationId, String itemId, Long scheduleId, Long bulletinId,
        List<Long> zoneIds, String priority, Instant plannedAt, Instant startedAt, Instant endedAt, String outcome,
        String reason, Float peakDbfs, Float rmsDbfs, Instant receivedAt, Long broadcastId, String language) {
}
