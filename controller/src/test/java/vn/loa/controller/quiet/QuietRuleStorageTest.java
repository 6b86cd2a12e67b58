package vn.loa.controller.quiet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.controller.area.AreaKind;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.station.StationRepository;
import vn.loa.controller.support.DatabaseTestBase;
import vn.loa.protocol.quiet.QuietRule;
import vn.loa.protocol.v1.Priority;

/**
 * Quiet-hour rules against a real database (H2 here, PostgreSQL in {@link QuietRuleStoragePostgresTest}):
 * what goes in comes out (Vietnamese names, overnight ranges, days, zones, a province-wide rule), and a
 * deleted rule is gone from the active ones.
 */
@Timeout(60)
class QuietRuleStorageTest extends DatabaseTestBase {
    private static final Instant T0 = Instant.parse("2026-12-01T04:30:00.123456Z");

    @Test
    void rulesComeBackAsStoredAndDeletedOnesAreGone() {
        AreaRepository areas = new AreaRepository(jdbc);
        StationRepository stations = new StationRepository(jdbc);
        long province = areas.insert(null, "Tỉnh Lạng Sơn", AreaKind.PROVINCE, "20");
        long commune = areas.insert(province, "Xã Hữu Lũng", AreaKind.COMMUNE, null);
        long station = stations.create("Đài xã Hữu Lũng", commune, "a".repeat(64),
                List.of(new StationRepository.NewZone("Loa trường THCS", null), new StationRepository.NewZone("Loa chợ", null)));
        List<Long> zones = stations.find(station).orElseThrow().zones().stream().map(z -> z.id()).toList();
        QuietRuleRepository repo = new QuietRuleRepository(jdbc);

        QuietRule night = new QuietRule(0, "Giờ nghỉ đêm", LocalTime.of(21, 30), LocalTime.of(5, 30), Set.of(),
                QuietRule.Effect.HOLD_BACK, 0, Priority.PRIORITY, Set.of());
        QuietRule school = new QuietRule(0, "Giờ học trường THCS", LocalTime.of(7, 0), LocalTime.of(11, 0),
                Set.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), QuietRule.Effect.ATTENUATE, -10.5, Priority.EMERGENCY,
                Set.of(zones.get(0)));
        StationQuietRule a = repo.create(null, night, null, T0);
        StationQuietRule b = repo.create(station, school, null, T0);

        assertThat(a.stationId()).isNull();
        assertThat(a.rule()).isEqualTo(new QuietRule(a.id(), "Giờ nghỉ đêm", LocalTime.of(21, 30), LocalTime.of(5, 30),
                Set.of(), QuietRule.Effect.HOLD_BACK, 0, Priority.PRIORITY, Set.of()));
        assertThat(b.stationId()).isEqualTo(station);
        assertThat(b.rule().days()).containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        assertThat(b.rule().zoneIds()).containsExactly(zones.get(0));
        assertThat(b.rule().gainDb()).isEqualTo(-10.5);
        assertThat(b.createdAt()).isEqualTo(T0);
        assertThat(repo.findActive()).extracting(StationQuietRule::id).containsSubsequence(a.id(), b.id());
        assertThat(repo.findActive()).filteredOn(r -> r.id() == b.id()).singleElement()
                .satisfies(r -> assertThat(r.rule()).isEqualTo(b.rule()));

        assertThat(repo.delete(a.id(), T0)).isTrue();
        assertThat(repo.delete(a.id(), T0)).isFalse();
        assertThat(repo.find(a.id())).isEmpty();
        assertThat(repo.findActive()).extracting(StationQuietRule::id).doesNotContain(a.id()).contains(b.id());
    }
}
