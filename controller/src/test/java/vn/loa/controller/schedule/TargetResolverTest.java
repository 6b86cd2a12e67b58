package vn.loa.controller.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.controller.area.Area;
import vn.loa.controller.area.AreaKind;
import vn.loa.controller.area.AreaTree;
import vn.loa.controller.rejection.Problem;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.station.Station;
import vn.loa.controller.station.Zone;

/**
 * Which zones targets reach. The fixture:
 *
 * <pre>
 * P1 province ─ D2 district ─ C3 commune ─ V4 village, V5 village
 *                          └ C6 commune ─ V7 village
 * Q8 province ─ C9 commune
 *
 * S10 in C3: Z101 (V4), Z102 (V5), Z103 (no village)
 * S20 in C6: Z201 (V7), Z202 (V4: across the commune border)
 * S30 in C9: no zones
 * S40 in Q8: Z401 (V5: across the province border)
 * </pre>
 */
@Timeout(10)
class TargetResolverTest {
    static final List<Area> AREAS = List.of(
            area(1, null, AreaKind.PROVINCE), area(2, 1L, AreaKind.DISTRICT), area(3, 2L, AreaKind.COMMUNE),
            area(4, 3L, AreaKind.VILLAGE), area(5, 3L, AreaKind.VILLAGE), area(6, 2L, AreaKind.COMMUNE),
            area(7, 6L, AreaKind.VILLAGE), area(8, null, AreaKind.PROVINCE), area(9, 8L, AreaKind.COMMUNE));

    static final List<Station> STATIONS = List.of(
            station(10, 3, zone(101, 10, 4L), zone(102, 10, 5L), zone(103, 10, null)),
            station(20, 6, zone(201, 20, 7L), zone(202, 20, 4L)),
            station(30, 9),
            station(40, 8, zone(401, 40, 5L)));

    final TargetResolver resolver = new TargetResolver(new AreaTree(AREAS), STATIONS);

    static Area area(long id, Long parent, AreaKind kind) {
        return new Area(id, parent, kind.name() + " " + id, kind, null, null, null);
    }

    static Zone zone(long id, long station, Long area) {
        return new Zone(id, station, "Zone " + id, area);
    }

    static Station station(long id, long area, Zone... zones) {
        return new Station(id, "Station " + id, area, List.of(zones), null, null, null);
    }

    static Targets stations(Long... ids) {
        return new Targets(List.of(ids), List.of(), List.of());
    }

    static Targets areas(Long... ids) {
        return new Targets(List.of(), List.of(ids), List.of());
    }

    static Targets zones(Long... ids) {
        return new Targets(List.of(), List.of(), List.of(ids));
    }

    @SuppressWarnings("unchecked")
    static Map<Long, SortedSet<Long>> reach(Object... stationThenZones) {
        Map<Long, SortedSet<Long>> out = new TreeMap<>();
        for (int i = 0; i < stationThenZones.length; i += 2) {
            out.put(((Number) stationThenZones[i]).longValue(), new TreeSet<>((List<Long>) stationThenZones[i + 1]));
        }
        return out;
    }

    private Map<Long, SortedSet<Long>> resolve(Targets t) {
        return resolver.resolve(t).byStation();
    }

    @Test
    void aStationMeansAllItsZones() {
        assertThat(resolve(stations(10L))).isEqualTo(reach(10, List.of(101L, 102L, 103L)));
        assertThat(resolve(stations(20L, 10L))).isEqualTo(
                reach(10, List.of(101L, 102L, 103L), 20, List.of(201L, 202L)));
        assertThat(resolver.problems(stations(10L))).isEmpty();
    }

    @Test
    void aZoneMeansThatZoneOnly() {
        assertThat(resolve(zones(102L))).isEqualTo(reach(10, List.of(102L)));
        assertThat(resolve(zones(202L, 101L))).isEqualTo(reach(10, List.of(101L), 20, List.of(202L)));
        assertThat(resolver.problems(zones(401L))).isEmpty();
    }

    @Test
    void aCommuneMeansItsStationsAndTheZonesServingItsVillagesWhereverTheirStationIs() {
        assertThat(resolve(areas(3L))).isEqualTo(
                reach(10, List.of(101L, 102L, 103L), 20, List.of(202L), 40, List.of(401L)));
    }

    @Test
    void aVillageMeansTheZonesServingIt() {
        assertThat(resolve(areas(4L))).isEqualTo(reach(10, List.of(101L), 20, List.of(202L)));
        assertThat(resolve(areas(5L))).isEqualTo(reach(10, List.of(102L), 40, List.of(401L)));
        assertThat(resolve(areas(7L))).isEqualTo(reach(20, List.of(201L)));
    }

    @Test
    void aProvinceOrDistrictMeansItsWholeSubtree() {
        Map<Long, SortedSet<Long>> expected = reach(10, List.of(101L, 102L, 103L), 20, List.of(201L, 202L),
                40, List.of(401L));
        assertThat(resolve(areas(1L))).isEqualTo(expected);
        assertThat(resolve(areas(2L))).isEqualTo(expected);
        // Q8 holds S40 and S30 (no zones): only S40's zone is reached
        assertThat(resolve(areas(8L))).isEqualTo(reach(40, List.of(401L)));
    }

    @Test
    void overlappingTargetsAreMergedWithoutDuplicatesAndInOrder() {
        Targets t = new Targets(List.of(20L), List.of(4L), List.of(102L, 101L));
        TargetResolver.Reach r = resolver.resolve(t);
        assertThat(r.byStation()).isEqualTo(reach(10, List.of(101L, 102L), 20, List.of(201L, 202L)));
        assertThat(r.stationIds()).containsExactly(10L, 20L);
        assertThat(r.zonesOf(10)).containsExactly(101L, 102L);
        assertThat(r.zonesOf(99)).isEmpty();
    }

    @Test
    void unknownIdsAreEachReportedAndIgnoredWhenResolving() {
        Targets t = new Targets(List.of(10L, 999L), List.of(998L), List.of(997L, 101L));
        assertThat(resolver.problems(t)).containsExactly(
                "targets.stationIds: station 999 does not exist",
                "targets.areaIds: area 998 does not exist",
                "targets.zoneIds: zone 997 does not exist");
        assertThat(resolve(t)).isEqualTo(reach(10, List.of(101L, 102L, 103L)));
    }

    @Test
    void eachProblemCarriesItsCodeAndParameters() {
        Targets t = new Targets(List.of(10L, 999L), List.of(998L), List.of(997L, 101L));
        assertThat(resolver.check(t)).extracting(Problem::code, Problem::jsonParams).containsExactly(
                tuple(RejectionCode.DOES_NOT_EXIST, Map.of("field", "targets.stationIds", "kind", "STATION", "id", 999L)),
                tuple(RejectionCode.DOES_NOT_EXIST, Map.of("field", "targets.areaIds", "kind", "AREA", "id", 998L)),
                tuple(RejectionCode.DOES_NOT_EXIST, Map.of("field", "targets.zoneIds", "kind", "ZONE", "id", 997L)));
        assertThat(resolver.check(new Targets(List.of(), List.of(), List.of()))).extracting(Problem::code)
                .containsExactly(RejectionCode.TARGETS_EMPTY);
        assertThat(resolver.check(stations(30L))).extracting(Problem::code)
                .containsExactly(RejectionCode.TARGETS_REACH_NOTHING);
    }

    @Test
    void targetsReachingNoZoneAreAProblem() {
        assertThat(resolver.problems(stations(30L))).singleElement().asString().contains("no loudspeaker zone is reached");
        assertThat(resolver.problems(areas(9L))).singleElement().asString().contains("no loudspeaker zone is reached");
        assertThat(resolve(stations(30L))).isEmpty();
    }

    @Test
    void emptyTargetsAreAProblem() {
        assertThat(resolver.problems(new Targets(null, null, null)))
                .containsExactly("targets: name at least one station, area or zone");
        assertThat(resolver.resolve(new Targets(List.of(), List.of(), List.of())).isEmpty()).isTrue();
    }

    @Test
    void aStationInAnAreaMissingFromTheTreeIsStillReachedDirectly() {
        TargetResolver partial = new TargetResolver(new AreaTree(List.of()), STATIONS);
        assertThat(partial.problems(stations(10L))).isEmpty();
        assertThat(partial.problems(areas(3L))).containsExactly("targets.areaIds: area 3 does not exist");
        assertThat(partial.resolve(areas(3L)).isEmpty()).isTrue();
    }
}
