package vn.loa.controller.announcement;

import java.time.Instant;
import java.util.List;

/** An announcement and its stations, as the API shows it. */
public record AnnouncementView(long id, String title, String priority, String sourceType, String state, Instant startAt,
        Instant createdAt, List<Station> stations) {

    public record Station(long stationId, List<Long> zoneIds, StationState state, Instant startedAt, Instant endedAt,
            String reason, int underruns) {
    }
}
