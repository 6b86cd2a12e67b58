package vn.loa.controller.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.area.AreaKind;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.bulletin.BulletinRepository;
import vn.loa.controller.schedule.ScheduleRepository;
import vn.loa.controller.schedule.Targets;
import vn.loa.controller.schedule.rule.RuleParser;
import vn.loa.controller.station.StationRepository;
import vn.loa.controller.storage.Database;
import vn.loa.controller.support.TestDatabase;
import vn.loa.controller.storage.Jdbc;
import vn.loa.controller.web.Json;
import vn.loa.protocol.v1.PlanSync;
import vn.loa.protocol.v1.Priority;
import vn.loa.testsupport.FakeClock;

/** PlanService over a real database (H2 here, PostgreSQL in the subclass) and a controlled clock: it delivers only plans that changed. */
@Timeout(30)
class PlanServiceTest {
    /** The database under test: H2 here, PostgreSQL in {@link PlanServicePostgresTest}. */
    TestDatabase database() {
        return TestDatabase.H2;
    }

    private TestDatabase.Opened opened;
    @TempDir
    Path dir;

    record Delivery(long stationId, PlanSync plan) {
    }

    static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");

    Database db;
    FakeClock clock = new FakeClock(0);
    List<Delivery> delivered = new ArrayList<>();
    PlanService plans;
    StationRepository stations;
    ScheduleRepository schedules;
    RuleParser rules = new RuleParser();
    long s1;
    long s2;
    long province;
    long bulletin;

    @BeforeEach
    void setUp() {
        opened = database().openFresh(dir);
        db = opened.db();
        Jdbc jdbc = new Jdbc(db);
        AreaRepository areas = new AreaRepository(jdbc);
        stations = new StationRepository(jdbc);
        BulletinRepository bulletins = new BulletinRepository(jdbc);
        schedules = new ScheduleRepository(jdbc, Json.mapper(), rules);
        province = areas.insert(null, "P", AreaKind.PROVINCE, null);
        s1 = stations.create("S1", province, "x".repeat(64), List.of(new StationRepository.NewZone("Z", null)));
        s2 = stations.create("S2", province, "y".repeat(64), List.of(new StationRepository.NewZone("Z", null)));
        bulletin = bulletins.create("Tin", "a".repeat(64), 1000, 30_000, 24_000, "tin.wav", null);
        clock.set(LocalDateTime.of(2026, 12, 1, 10, 5).atZone(VN).toInstant());
        plans = new PlanService(areas, stations, bulletins, schedules, clock);
        plans.setSink((id, plan) -> delivered.add(new Delivery(id, plan)));
    }

    @AfterEach
    void tearDown() {
        plans.close();
        opened.close();
    }

    private long daily(long stationId, String time) {
        var rule = rules.parse(Json.mapper().createObjectNode().put("type", "daily")
                .put("from", LocalDate.of(2026, 11, 1).toString()).set("times",
                        Json.mapper().createArrayNode().add(time)));
        return backdated(schedules.create("Lịch", bulletin, Priority.NORMAL, rule, new Targets(List.of(stationId), null,
                null), null));
    }

    /**
     * Schedules are stored with the real time as their creation, and nothing is planned before it: moved
     * back before the test clock, or the test would depend on the day it runs.
     */
    private long backdated(long scheduleId) {
        new Jdbc(db).update("UPDATE schedule SET created_at = ? WHERE id = ?", clock.instant().minusSeconds(86_400),
                scheduleId);
        return scheduleId;
    }

    private Map<Long, Integer> deliveredCounts() {
        Map<Long, Integer> out = new java.util.TreeMap<>();
        delivered.forEach(d -> out.merge(d.stationId(), 1, Integer::sum));
        return out;
    }

    @Test
    void theFirstBuildDeliversEveryStationsPlanAndAnUnchangedRebuildNothing() {
        plans.rebuild();
        assertThat(deliveredCounts()).isEqualTo(Map.of(s1, 1, s2, 1));
        delivered.clear();
        plans.rebuild();
        clock.set(clock.instant().plusSeconds(50 * 60)); // 10:55, same hour
        plans.rebuild();
        assertThat(delivered).isEmpty();
        assertThat(plans.planOf(s1).getItemsCount()).isZero();
        assertThat(plans.planOf(999).getVersion()).isEmpty();
    }

    @Test
    void aNewScheduleIsDeliveredOnlyToTheStationItReaches() {
        plans.rebuild();
        delivered.clear();
        daily(s1, "17:00");
        plans.rebuild();
        assertThat(delivered).singleElement().satisfies(d -> {
            assertThat(d.stationId()).isEqualTo(s1);
            // at 10:05 on 1 Dec the window ends at 11:00 on 9 Dec: 17:00 on 1..8 Dec
            assertThat(d.plan().getItemsCount()).isEqualTo(8);
        });
        assertThat(plans.planOf(s1)).isEqualTo(delivered.get(0).plan());
    }

    @Test
    void theWindowMovesHourlyAndPlansFollowIt() {
        daily(s1, "11:30");
        plans.rebuild();
        PlanSync first = plans.planOf(s1);
        delivered.clear();
        // 10:05 → window [09:00, 11:00 + 8 days): 11:30 on 1..8 Dec, not on 9 Dec
        assertThat(first.getItemsCount()).isEqualTo(8);
        clock.set(LocalDateTime.of(2026, 12, 1, 11, 1).atZone(VN).toInstant());
        plans.rebuild();
        // 11:01 → window [10:00, 12:00 + 8 days): now 11:30 on 9 Dec too
        assertThat(delivered).singleElement().satisfies(d -> assertThat(d.plan().getItemsCount()).isEqualTo(9));
        assertThat(plans.planOf(s1).getVersion()).isNotEqualTo(first.getVersion());
        assertThat(plans.planOf(s1).getItems(0).getItemId()).isEqualTo(first.getItems(0).getItemId());
    }

    @Test
    void aDeletedScheduleIsWithdrawn() {
        long id = daily(s2, "06:00");
        plans.rebuild();
        String withItems = plans.planOf(s2).getVersion();
        delivered.clear();
        assertThat(schedules.delete(id)).isTrue();
        plans.rebuild();
        assertThat(delivered).singleElement().satisfies(d -> {
            assertThat(d.stationId()).isEqualTo(s2);
            assertThat(d.plan().getItemsCount()).isZero();
            assertThat(d.plan().getVersion()).isNotEqualTo(withItems);
        });
    }

    @Test
    void aNewStationGetsItsOwnPlanAndNoOtherStationIsTouched() {
        var rule = rules.parse(Json.mapper().createObjectNode().put("type", "daily")
                .put("from", LocalDate.of(2026, 11, 1).toString()).set("times",
                        Json.mapper().createArrayNode().add("17:00")));
        backdated(schedules.create("Cả tỉnh", bulletin, Priority.NORMAL, rule, new Targets(null, List.of(province), null),
                null));
        plans.rebuild();
        delivered.clear();
        long s3 = stations.create("S3", province, "z".repeat(64), List.of(new StationRepository.NewZone("Z", null)));

        plans.rebuildStation(s3);

        assertThat(delivered).singleElement().satisfies(d -> {
            assertThat(d.stationId()).isEqualTo(s3);
            assertThat(d.plan().getItemsCount()).isEqualTo(8); // the province-wide schedule reaches it
        });
        PlanSync alone = plans.planOf(s3);
        delivered.clear();
        plans.rebuild(); // a full rebuild finds nothing to change: the station's own build was the same
        assertThat(delivered).isEmpty();
        assertThat(plans.planOf(s3)).isEqualTo(alone);
        plans.rebuildStation(s3);
        assertThat(delivered).isEmpty();
        plans.rebuildStation(4242); // no such station: nothing delivered, nothing kept
        assertThat(delivered).isEmpty();
        assertThat(plans.planOf(4242).getVersion()).isEmpty();
    }
}
