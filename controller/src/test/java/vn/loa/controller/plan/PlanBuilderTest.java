package vn.loa.controller.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.controller.area.Area;
import vn.loa.controller.area.AreaKind;
import vn.loa.controller.area.AreaTree;
import vn.loa.controller.bulletin.Bulletin;
import vn.loa.controller.schedule.Schedule;
import vn.loa.controller.schedule.TargetResolver;
import vn.loa.controller.schedule.Targets;
import vn.loa.controller.schedule.rule.DailyRule;
import vn.loa.controller.schedule.rule.OnceRule;
import vn.loa.controller.schedule.rule.ScheduleRule;
import vn.loa.controller.station.Station;
import vn.loa.controller.station.Zone;
import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.PlanSync;
import vn.loa.protocol.v1.Priority;

/** Schedules → one plan per station: content, order, stable ids and a version that follows the content. */
@Timeout(10)
class PlanBuilderTest {
    static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
    static final LocalDate DAY = LocalDate.of(2026, 12, 1);
    static final Instant FROM = DAY.atStartOfDay(VN).toInstant();
    static final Instant UNTIL = DAY.plusDays(2).atStartOfDay(VN).toInstant();
    static final Instant NOW = FROM.plusSeconds(60);
    /** Schedules were made long before the window. */
    static final Instant CREATED = FROM.minusSeconds(30L * 86_400);

    /** Commune 3 with village 4; S10 (commune 3): Z101 (village 4), Z102; S20 elsewhere: Z201, Z202 (village 4). */
    static final TargetResolver RESOLVER = new TargetResolver(new AreaTree(List.of(
            new Area(1, null, "P", AreaKind.PROVINCE, null, null, null),
            new Area(3, 1L, "C", AreaKind.COMMUNE, null, null, null),
            new Area(4, 3L, "V", AreaKind.VILLAGE, null, null, null),
            new Area(5, 1L, "C2", AreaKind.COMMUNE, null, null, null))), List.of(
            new Station(10, "S10", 3, List.of(new Zone(101, 10, "Z101", 4L), new Zone(102, 10, "Z102", null)), null, null, null),
            new Station(20, "S20", 5, List.of(new Zone(201, 20, "Z201", null), new Zone(202, 20, "Z202", 4L)), null, null, null),
            new Station(30, "S30", 5, List.of(new Zone(301, 30, "Z301", null)), null, null, null)));

    static final List<Long> STATIONS = List.of(10L, 20L, 30L);

    static final Bulletin B7 = new Bulletin(7, "Tin sáng", "a".repeat(64), 12_345, 61_000, 24_000, "sang.mp3", NOW);
    static final Bulletin B8 = new Bulletin(8, "Tin chiều", "b".repeat(64), 22_222, 45_500, 24_000, "chieu.mp3", NOW);
    static final Map<Long, Bulletin> BULLETINS = Map.of(7L, B7, 8L, B8);

    static Instant at(int dayOffset, int hour, int minute) {
        return ZonedDateTime.of(DAY.plusDays(dayOffset), LocalTime.of(hour, minute), VN).toInstant();
    }

    static DailyRule daily(String... times) {
        return new DailyRule(java.util.Arrays.stream(times).map(LocalTime::parse).toList(), DAY.minusDays(3), null,
                List.of(), VN);
    }

    static Schedule schedule(long id, long bulletin, ScheduleRule rule, Targets targets) {
        return new Schedule(id, "Lịch " + id, bulletin, Priority.NORMAL, rule, targets, CREATED, null);
    }

    static Targets stations(Long... ids) {
        return new Targets(List.of(ids), List.of(), List.of());
    }

    static Map<Long, PlanSync> build(List<Schedule> schedules) {
        return PlanBuilder.build(schedules, BULLETINS, RESOLVER, STATIONS, FROM, UNTIL, NOW);
    }

    static List<String> ids(PlanSync plan) {
        return plan.getItemsList().stream().map(PlanItem::getItemId).toList();
    }

    /** Several schedules: S1 daily 06:00 + 17:00 at S10; S2 once at the first 06:00 for village 4; S3 once for Z201. */
    static List<Schedule> several() {
        return List.of(
                schedule(1, 7, daily("17:00", "06:00"), stations(10L)),
                schedule(2, 8, new OnceRule(at(0, 6, 0)), new Targets(List.of(), List.of(4L), List.of())),
                schedule(3, 8, new OnceRule(at(1, 12, 30)), new Targets(List.of(), List.of(), List.of(201L))));
    }

    @Test
    void eachStationGetsTheItemsOfEverySchedulesReachingItSortedByTimeThenId() {
        Map<Long, PlanSync> plans = build(several());
        assertThat(plans).containsOnlyKeys(10L, 20L, 30L);

        PlanSync s10 = plans.get(10L);
        assertThat(ids(s10)).containsExactly(
                "s1-" + at(0, 6, 0).getEpochSecond(), "s2-" + at(0, 6, 0).getEpochSecond(),
                "s1-" + at(0, 17, 0).getEpochSecond(), "s1-" + at(1, 6, 0).getEpochSecond(),
                "s1-" + at(1, 17, 0).getEpochSecond());
        assertThat(s10.getItems(0).getZoneIdsList()).containsExactly(101L, 102L);
        assertThat(s10.getItems(1).getZoneIdsList()).containsExactly(101L);

        PlanSync s20 = plans.get(20L);
        assertThat(ids(s20)).containsExactly("s2-" + at(0, 6, 0).getEpochSecond(), "s3-" + at(1, 12, 30).getEpochSecond());
        assertThat(s20.getItems(0).getZoneIdsList()).containsExactly(202L);
        assertThat(s20.getItems(1).getZoneIdsList()).containsExactly(201L);

        assertThat(plans.get(30L).getItemsList()).isEmpty();
        assertThat(plans.get(30L).getVersion()).isNotEmpty();
        for (PlanSync p : plans.values()) {
            assertThat(p.getGeneratedAtMs()).isEqualTo(NOW.toEpochMilli());
            assertThat(p.getHorizonUntilMs()).isEqualTo(UNTIL.toEpochMilli());
            List<Long> times = p.getItemsList().stream().map(PlanItem::getPlannedAtMs).toList();
            assertThat(times).isSorted();
        }
    }

    @Test
    void anItemCarriesItsScheduleBulletinAndTime() {
        PlanItem item = build(several()).get(20L).getItems(1);
        Instant t = at(1, 12, 30);
        assertThat(item.getItemId()).isEqualTo("s3-" + t.getEpochSecond());
        assertThat(item.getItemId()).isEqualTo(PlanBuilder.itemId(3, t));
        assertThat(item.getScheduleId()).isEqualTo(3);
        assertThat(item.getBulletinId()).isEqualTo(8);
        assertThat(item.getTitle()).isEqualTo("Lịch 3");
        assertThat(item.getMediaSha256()).isEqualTo(B8.sha256());
        assertThat(item.getMediaSize()).isEqualTo(B8.sizeBytes());
        assertThat(item.getDurationMs()).isEqualTo(B8.durationMs());
        assertThat(item.getPlannedAtMs()).isEqualTo(t.toEpochMilli());
        assertThat(item.getPriority()).isEqualTo(Priority.NORMAL);
    }

    @Test
    void itemIdsAndVersionsAreStableAcrossRebuilds() {
        Map<Long, PlanSync> a = build(several());
        List<Schedule> reversed = new ArrayList<>(several());
        java.util.Collections.reverse(reversed);
        Map<Long, PlanSync> b = PlanBuilder.build(reversed, BULLETINS, RESOLVER, List.of(30L, 20L, 10L), FROM, UNTIL,
                NOW.plusSeconds(240));
        for (long id : STATIONS) {
            assertThat(ids(b.get(id))).isEqualTo(ids(a.get(id)));
            assertThat(b.get(id).getVersion()).as("station %d", id).isEqualTo(a.get(id).getVersion());
            assertThat(b.get(id).getGeneratedAtMs()).isEqualTo(NOW.plusSeconds(240).toEpochMilli());
        }
    }

    @Test
    void aLaterWindowKeepsTheIdsOfItemsStillInIt() {
        Map<Long, PlanSync> a = build(several());
        Map<Long, PlanSync> later = PlanBuilder.build(several(), BULLETINS, RESOLVER, STATIONS, at(0, 12, 0),
                UNTIL.plusSeconds(86_400), NOW);
        List<String> still = ids(a.get(10L)).subList(2, 5);
        assertThat(ids(later.get(10L))).startsWith(still.toArray(String[]::new));
        assertThat(later.get(10L).getVersion()).isNotEqualTo(a.get(10L).getVersion());
    }

    private static String version(List<Schedule> schedules, long station) {
        return build(schedules).get(station).getVersion();
    }

    @Test
    void theVersionChangesWithTheContent() {
        List<Schedule> base = several();
        String v = version(base, 10L);
        Schedule s1 = base.get(0);

        List<List<Schedule>> changes = List.of(
                List.of(new Schedule(1, "Lịch mới", 7, Priority.NORMAL, s1.rule(), s1.targets(), CREATED, null), base.get(1), base.get(2)),
                List.of(new Schedule(1, s1.title(), 7, Priority.EMERGENCY, s1.rule(), s1.targets(), CREATED, null), base.get(1), base.get(2)),
                List.of(new Schedule(1, s1.title(), 8, Priority.NORMAL, s1.rule(), s1.targets(), CREATED, null), base.get(1), base.get(2)),
                List.of(schedule(1, 7, daily("17:00", "06:01"), stations(10L)), base.get(1), base.get(2)),
                List.of(schedule(1, 7, s1.rule(), new Targets(List.of(), List.of(), List.of(102L))), base.get(1), base.get(2)),
                List.of(base.get(1), base.get(2)),
                List.of(base.get(0), base.get(2)));
        List<String> versions = new ArrayList<>();
        for (List<Schedule> changed : changes) {
            String cv = version(changed, 10L);
            assertThat(cv).as("version after change %d", versions.size()).isNotEqualTo(v);
            versions.add(cv);
        }
        assertThat(versions).doesNotHaveDuplicates();
        // a change elsewhere does not touch this station's plan
        assertThat(version(List.of(base.get(0), base.get(1)), 10L)).isEqualTo(v);
        assertThat(version(List.of(base.get(0), base.get(1)), 20L)).isNotEqualTo(version(base, 20L));
    }

    @Test
    void theVersionFollowsTheMediaOfTheBulletin() {
        Map<Long, Bulletin> newAudio = Map.of(7L, new Bulletin(7, B7.title(), "c".repeat(64), 999, 61_000, 24_000, null, NOW),
                8L, B8);
        String before = build(several()).get(10L).getVersion();
        String after = PlanBuilder.build(several(), newAudio, RESOLVER, STATIONS, FROM, UNTIL, NOW).get(10L).getVersion();
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void equalContentGivesEqualVersionsAcrossStations() {
        Map<Long, PlanSync> plans = build(List.of());
        assertThat(plans.get(10L).getVersion()).isEqualTo(plans.get(30L).getVersion());
        assertThat(plans.get(10L).getVersion()).isNotEqualTo(build(several()).get(10L).getVersion());
    }

    @Test
    void aScheduleWhoseBulletinIsMissingIsSkipped() {
        List<Schedule> withMissing = new ArrayList<>(several());
        withMissing.add(schedule(4, 99, new OnceRule(at(0, 8, 0)), stations(10L, 20L)));
        Map<Long, PlanSync> plans = build(withMissing);
        Map<Long, PlanSync> without = build(several());
        for (long id : STATIONS) {
            assertThat(ids(plans.get(id))).noneMatch(i -> i.startsWith("s4-"));
            assertThat(plans.get(id).getVersion()).isEqualTo(without.get(id).getVersion());
        }
    }

    @Test
    void onlyOccurrencesInsideTheWindowArePlanned() {
        List<Schedule> edges = List.of(
                schedule(5, 7, new OnceRule(FROM), stations(30L)),
                schedule(6, 7, new OnceRule(UNTIL), stations(30L)),
                schedule(7, 7, new OnceRule(FROM.minusSeconds(1)), stations(30L)));
        assertThat(ids(build(edges).get(30L))).containsExactly("s5-" + FROM.getEpochSecond());
    }

    @Test
    void stationsNotAskedForGetNoPlan() {
        Map<Long, PlanSync> plans = PlanBuilder.build(several(), BULLETINS, RESOLVER, List.of(20L), FROM, UNTIL, NOW);
        assertThat(plans).containsOnlyKeys(20L);
    }

    @Test
    void aScheduleThatCannotBeExpandedIsSkippedAndTheOthersArePlanned() {
        // 48 times a day over a ten-year window is more occurrences than a rule may expand to
        String[] times = IntStream.range(0, 48).mapToObj(i -> String.format("%02d:%02d", i / 2, i % 2 * 30))
                .toArray(String[]::new);
        List<Schedule> schedules = List.of(schedule(8, 7, daily(times), stations(30L)),
                schedule(9, 7, new OnceRule(at(0, 9, 0)), stations(30L)));
        Instant tenYears = FROM.plusSeconds(10L * 366 * 86_400);
        Map<Long, PlanSync> plans = PlanBuilder.build(schedules, BULLETINS, RESOLVER, STATIONS, FROM, tenYears, NOW);
        assertThat(ids(plans.get(30L))).containsExactly("s9-" + at(0, 9, 0).getEpochSecond());
    }
}
