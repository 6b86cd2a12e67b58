package vn.loa.controller.area.change;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import vn.loa.controller.schedule.TargetResolver;
import vn.loa.controller.schedule.Targets;

/**
 * What becomes of targets that name an area that ends, pure: the area is replaced by the zones it
 * reached just before the change, so the item keeps reaching exactly the loudspeakers it reached —
 * never the merged partner's villages — until a person reviews it.
 */
public final class TargetPinning {
    private TargetPinning() {
    }

    /** The pinned targets, or empty when these targets name none of the ended areas. */
    public static Optional<Targets> pin(Targets targets, Set<Long> ended, TargetResolver before) {
        List<Long> hit = targets.areaIds().stream().filter(ended::contains).toList();
        if (hit.isEmpty()) {
            return Optional.empty();
        }
        List<Long> areas = targets.areaIds().stream().filter(id -> !ended.contains(id)).toList();
        List<Long> zones = new ArrayList<>(targets.zoneIds());
        TargetResolver.Reach reach = before.resolve(new Targets(List.of(), hit, List.of()));
        for (long station : reach.stationIds()) {
            for (long zone : reach.zonesOf(station)) {
                if (!zones.contains(zone)) {
                    zones.add(zone);
                }
            }
        }
        return Optional.of(new Targets(targets.stationIds(), areas, zones));
    }
}
