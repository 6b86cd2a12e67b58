package vn.loa.controller.playlog;

import java.time.Instant;
import java.util.List;

/** One line of the as-run log. */
public record PlayRecord(String reportId, long stationId, String itemId, Long scheduleId, Long bulletinId,
        List<Long> zoneIds, String priority, Instant plannedAt, Instant startedAt, Instant endedAt, String outcome,
        String reason, Float peakDbfs, Float rmsDbfs, Instant receivedAt, Long broadcastId) {
}
