package vn.loa.controller.station;

import java.time.Instant;
import java.util.List;

public record Station(long id, String name, long areaId, List<Zone> zones, Double latitude, Double longitude,
        Instant lastSeenAt) {
}
