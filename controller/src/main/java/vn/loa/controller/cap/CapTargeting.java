package vn.loa.controller.cap;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which stations are inside an {@code <info>}'s areas, pure: a station is inside when its coordinates lie in one of
 * the areas' polygons or circles, or when its area is (below) an area named by a {@code GSO} geocode. Other
 * geocodes (SAME, FIPS…) name no Loa area and are ignored.
 */
public final class CapTargeting {
    public static final String GSO = "GSO";

    /** What targeting needs of a station. */
    public record StationPlace(long id, long areaId, Double latitude, Double longitude) {
    }

    private CapTargeting() {
    }

    public static Set<Long> stationsInside(List<CapAlert.Area> areas, List<StationPlace> stations, GsoAreas gso,
            Instant at) {
        Set<Long> areaIds = new HashSet<>();
        for (CapAlert.Area a : areas) {
            for (CapAlert.Geocode g : a.geocodes()) {
                if (g.valueName() != null && GSO.equals(g.valueName().trim().toUpperCase(Locale.ROOT)) && g.value() != null) {
                    areaIds.addAll(gso.areasOf(g.value().trim(), at));
                }
            }
        }
        Set<Long> inside = new TreeSet<>();
        for (StationPlace s : stations) {
            if (areaIds.contains(s.areaId())) {
                inside.add(s.id());
            } else if (s.latitude() != null && s.longitude() != null) {
                CapArea.Point p = new CapArea.Point(s.latitude(), s.longitude());
                if (areas.stream().anyMatch(a -> a.shapes().contains(p))) {
                    inside.add(s.id());
                }
            }
        }
        return inside;
    }
}
