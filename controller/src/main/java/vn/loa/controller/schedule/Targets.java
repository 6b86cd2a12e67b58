package vn.loa.controller.schedule;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/** What a schedule or announcement aims at: whole stations, whole areas, or single zones. */
public record Targets(List<Long> stationIds, List<Long> areaIds, List<Long> zoneIds) {
    public Targets {
        stationIds = stationIds == null ? List.of() : List.copyOf(stationIds);
        areaIds = areaIds == null ? List.of() : List.copyOf(areaIds);
        zoneIds = zoneIds == null ? List.of() : List.copyOf(zoneIds);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return stationIds.isEmpty() && areaIds.isEmpty() && zoneIds.isEmpty();
    }
}
