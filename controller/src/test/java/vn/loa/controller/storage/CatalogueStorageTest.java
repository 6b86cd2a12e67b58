package vn.loa.controller.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.controller.approval.Approval;
import vn.loa.controller.approval.ApprovalKind;
import vn.loa.controller.approval.ApprovalRepository;
import vn.loa.controller.area.Area;
import vn.loa.controller.area.AreaKind;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.audit.AuditEntry;
import vn.loa.controller.audit.AuditLog;
import vn.loa.controller.bulletin.Bulletin;
import vn.loa.controller.bulletin.BulletinRepository;
import vn.loa.controller.playlog.PlayRecord;
import vn.loa.controller.playlog.PlayRepository;
import vn.loa.controller.relay.DailyWindow;
import vn.loa.controller.relay.Relay;
import vn.loa.controller.relay.RelayCalendar;
import vn.loa.controller.relay.RelayRepository;
import vn.loa.controller.relay.RelayValidator;
import vn.loa.controller.schedule.Schedule;
import vn.loa.controller.schedule.ScheduleRepository;
import vn.loa.controller.schedule.Targets;
import vn.loa.controller.schedule.rule.RuleParser;
import vn.loa.controller.schedule.rule.ScheduleRule;
import vn.loa.controller.station.Station;
import vn.loa.controller.station.StationRepository;
import vn.loa.controller.support.DatabaseTestBase;
import vn.loa.controller.web.Json;
import vn.loa.protocol.v1.PlayReport;
import vn.loa.protocol.v1.Priority;

/**
 * The catalogue's repositories against a real database (H2 here, PostgreSQL in
 * {@link CatalogueStoragePostgresTest}): areas, stations and zones, bulletins and their approval,
 * schedules, the as-run log, relays and the audit log — what goes in comes out, Vietnamese text,
 * instants and nulls included.
 */
@Timeout(60)
class CatalogueStorageTest extends DatabaseTestBase {
    private static final Instant T0 = Instant.parse("2026-12-01T04:30:00.123456Z");

    private final RuleParser rules = new RuleParser();

    private long province(String name) {
        return new AreaRepository(jdbc).insert(null, name, AreaKind.PROVINCE, "20");
    }

    @Test
    void areasStationsAndZonesComeBackAsStored() {
        AreaRepository areas = new AreaRepository(jdbc);
        StationRepository stations = new StationRepository(jdbc);
        long province = province("Tỉnh Lạng Sơn");
        long commune = areas.insert(province, "Xã Đội Cấn", AreaKind.COMMUNE, "06550");
        long village = jdbc.inConnection(c -> AreaRepository.insert(c, commune, "Thôn Bản Cưởm", AreaKind.VILLAGE, null,
                21.853, 106.761));
        long before = stations.count();
        long station = stations.create("Đài xã Đội Cấn", commune, "a".repeat(64),
                List.of(new StationRepository.NewZone("Loa thôn Bản Cưởm", village),
                        new StationRepository.NewZone("Loa chợ", null)));

        assertThat(areas.findAll()).contains(new Area(village, commune, "Thôn Bản Cưởm", AreaKind.VILLAGE, null, 21.853,
                106.761), new Area(commune, province, "Xã Đội Cấn", AreaKind.COMMUNE, "06550", null, null));
        Station s = stations.find(station).orElseThrow();
        assertThat(s.name()).isEqualTo("Đài xã Đội Cấn");
        assertThat(s.areaId()).isEqualTo(commune);
        assertThat(s.lastSeenAt()).isNull();
        assertThat(s.zones()).extracting(z -> z.name() + "@" + z.areaId())
                .containsExactly("Loa thôn Bản Cưởm@" + village, "Loa chợ@null");
        assertThat(stations.secretHash(station)).contains("a".repeat(64));
        assertThat(stations.name(station)).contains("Đài xã Đội Cấn");
        assertThat(stations.count()).isEqualTo(before + 1);

        stations.updateLastSeen(station, T0);
        assertThat(stations.find(station).orElseThrow().lastSeenAt()).isEqualTo(T0);
        assertThat(stations.findAll()).filteredOn(x -> x.id() == station).singleElement()
                .satisfies(x -> assertThat(x.zones()).hasSize(2));
        assertThat(stations.find(Long.MAX_VALUE)).isEmpty();
        long other = stations.create("Đài xã Hợp Thành", commune, "b".repeat(64),
                List.of(new StationRepository.NewZone("Loa UBND xã", null)));
        assertThat(stations.find(other).orElseThrow().zones()).extracting(z -> z.name())
                .as("its own zones only").containsExactly("Loa UBND xã");
        assertThat(stations.find(station).orElseThrow()).isEqualTo(stations.findAll().stream()
                .filter(x -> x.id() == station).findFirst().orElseThrow());
    }

    @Test
    void bulletinsAndTheirApprovalRoundTrip() {
        BulletinRepository bulletins = new BulletinRepository(jdbc);
        ApprovalRepository approvals = new ApprovalRepository(jdbc);
        long province = province("Tỉnh Cao Bằng");
        String sha = "b".repeat(64);
        long first = bulletins.create("Bản tin sáng", sha, 123_456, 61_000, 24_000, "sáng.mp3", null);
        long second = bulletins.create("Bản tin chiều", "c".repeat(64), 1, 2, 24_000, null, null);

        Bulletin b = bulletins.find(first).orElseThrow();
        assertThat(b).extracting(Bulletin::title, Bulletin::sha256, Bulletin::sizeBytes, Bulletin::durationMs,
                Bulletin::sampleRate, Bulletin::originalName).containsExactly("Bản tin sáng", sha, 123_456L, 61_000L,
                24_000, "sáng.mp3");
        assertThat(b.createdAt()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
        assertThat(bulletins.findAll()).extracting(Bulletin::id).containsSubsequence(second, first);
        assertThat(bulletins.mediaInUse(sha)).isTrue();
        assertThat(bulletins.mediaInUse("d".repeat(64))).isFalse();

        assertThat(approvals.setRequiresApproval(province, true)).isTrue();
        assertThat(approvals.areasRequiringApproval()).contains(province);
        approvals.setOrigin(first, province);
        assertThat(approvals.bulletinOrigins()).containsEntry(first, province).containsEntry(second, null);
        approvals.requireApproval(ApprovalKind.BULLETIN, first, province);
        assertThat(approvals.find(ApprovalKind.BULLETIN, first).orElseThrow().approval()).isEqualTo(Approval.PENDING);
        assertThat(approvals.all(ApprovalKind.BULLETIN)).containsEntry(first, Approval.PENDING)
                .containsEntry(second, Approval.APPROVED);
        assertThat(approvals.review(ApprovalKind.BULLETIN, first, Approval.APPROVED, "trưởng đài", "được", T0)).isTrue();
        assertThat(approvals.review(ApprovalKind.BULLETIN, first, Approval.REJECTED, "khác", null, T0)).isFalse();
        var reviewed = approvals.find(ApprovalKind.BULLETIN, first).orElseThrow();
        assertThat(reviewed.approval()).isEqualTo(Approval.APPROVED);
        assertThat(reviewed.reviewedBy()).isEqualTo("trưởng đài");
        assertThat(reviewed.reviewedAt()).isEqualTo(T0);
        assertThat(approvals.setRequiresApproval(province, false)).isTrue();
        assertThat(approvals.areasRequiringApproval()).doesNotContain(province);
    }

    private ScheduleRule dailyRule() {
        return rules.parse(Json.mapper().createObjectNode().put("type", "daily")
                .put("from", LocalDate.of(2026, 12, 1).toString())
                .set("times", Json.mapper().createArrayNode().add("05:30").add("17:00")));
    }

    @Test
    void schedulesKeepRulesWideTargetsApprovalAndSoftDeletion() {
        long province = province("Tỉnh Bắc Kạn");
        long bulletin = new BulletinRepository(jdbc).create("Tin", "e".repeat(64), 1, 1, 24_000, null, null);
        ScheduleRepository schedules = new ScheduleRepository(jdbc, Json.mapper(), rules);
        // a province-wide list: 20,000 station ids, far past a VARCHAR(20000)
        List<Long> many = LongStream.rangeClosed(1_000_000, 1_019_999).boxed().toList();
        long wide = schedules.create("Lịch toàn tỉnh", bulletin, Priority.PRIORITY, dailyRule(),
                new Targets(many, List.of(province), List.of()), null);
        long pending = schedules.create("Chờ duyệt", bulletin, Priority.NORMAL, dailyRule(),
                new Targets(List.of(), List.of(province), List.of()), null,
                vn.loa.protocol.v1.PlanItem.OnPreempt.RESTART, vn.loa.protocol.v1.PlanItem.HardTime.NEXT, 90, province);

        Schedule w = schedules.find(wide).orElseThrow();
        assertThat(w.title()).isEqualTo("Lịch toàn tỉnh");
        assertThat(w.priority()).isEqualTo(Priority.PRIORITY);
        assertThat(w.targets().stationIds()).containsExactlyElementsOf(many);
        assertThat(w.rule()).isEqualTo(dailyRule());
        Schedule p = schedules.find(pending).orElseThrow();
        assertThat(p.onPreempt()).isEqualTo(vn.loa.protocol.v1.PlanItem.OnPreempt.RESTART);
        assertThat(p.hardTime()).isEqualTo(vn.loa.protocol.v1.PlanItem.HardTime.NEXT);
        assertThat(p.maxWaitSeconds()).isEqualTo(90);
        assertThat(schedules.findActive()).extracting(Schedule::id).contains(wide, pending);
        assertThat(schedules.findAirable()).extracting(Schedule::id).contains(wide).doesNotContain(pending);

        assertThat(schedules.delete(wide)).isTrue();
        assertThat(schedules.delete(wide)).isFalse();
        assertThat(schedules.find(wide).orElseThrow().deletedAt()).isNotNull();
        assertThat(schedules.findActive()).extracting(Schedule::id).doesNotContain(wide);
    }

    private static PlayReport report(String id, long scheduleId, Instant planned, PlayReport.Outcome outcome) {
        PlayReport.Builder b = PlayReport.newBuilder().setReportId(id).setItemId("item-" + id).setScheduleId(scheduleId)
                .addAllZoneIds(List.of(11L, 12L)).setPriority(Priority.NORMAL).setPlannedAtMs(planned.toEpochMilli())
                .setOutcome(outcome).setReason(outcome == PlayReport.Outcome.PLAYED ? "" : "AMPLIFIER_FAULT");
        if (outcome == PlayReport.Outcome.PLAYED) {
            b.setStartedAtMs(planned.toEpochMilli() + 12).setEndedAtMs(planned.toEpochMilli() + 4_012)
                    .setPeakDbfs(-1.5f).setRmsDbfs(-18.25f);
        }
        return b.build();
    }

    @Test
    void theAsRunLogStoresEachReportOnceAndFiltersIt() {
        PlayRepository plays = new PlayRepository(jdbc);
        long station = 7_000 + System.nanoTime() % 1_000;
        Instant day = Instant.parse("2026-12-02T00:00:00Z");
        assertThat(plays.store(station, report("r1-" + station, 41, day.plusSeconds(3_600), PlayReport.Outcome.PLAYED)))
                .isTrue();
        assertThat(plays.store(station, report("r1-" + station, 41, day.plusSeconds(3_600), PlayReport.Outcome.PLAYED)))
                .as("the same report again").isFalse();
        plays.store(station, report("r2-" + station, 42, day.plusSeconds(7_200), PlayReport.Outcome.FAILED));
        plays.store(station, PlayReport.newBuilder().setReportId("r3-" + station).setBroadcastId(99)
                .setPriority(Priority.EMERGENCY).setOutcome(PlayReport.Outcome.STOPPED).setReason("STOPPED_BY_SENDER")
                .setPlannedAtMs(day.plusSeconds(10_800).toEpochMilli()).build());

        List<PlayRecord> all = plays.find(new PlayRepository.Filter(station, null, null, null, 10));
        assertThat(all).extracting(PlayRecord::reportId).containsExactly("r3-" + station, "r2-" + station, "r1-" + station);
        PlayRecord played = all.get(2);
        assertThat(played.zoneIds()).containsExactly(11L, 12L);
        assertThat(played.startedAt()).isEqualTo(day.plusSeconds(3_600).plusMillis(12));
        assertThat(played.peakDbfs()).isEqualTo(-1.5f);
        assertThat(played.rmsDbfs()).isEqualTo(-18.25f);
        assertThat(played.bulletinId()).isNull();
        PlayRecord failed = all.get(1);
        assertThat(failed.startedAt()).isNull();
        assertThat(failed.peakDbfs()).isNull();
        assertThat(failed.reason()).isEqualTo("AMPLIFIER_FAULT");
        assertThat(all.get(0).broadcastId()).isEqualTo(99L);
        assertThat(all.get(0).zoneIds()).isEmpty();

        assertThat(plays.find(new PlayRepository.Filter(station, 42L, null, null, 10))).extracting(PlayRecord::reportId)
                .containsExactly("r2-" + station);
        assertThat(plays.find(new PlayRepository.Filter(station, null, day.plusSeconds(3_600), day.plusSeconds(7_200), 10)))
                .extracting(PlayRecord::reportId).containsExactly("r1-" + station);
        assertThat(plays.find(new PlayRepository.Filter(station, null, null, null, 10, 99L))).hasSize(1);
        assertThat(plays.find(new PlayRepository.Filter(station, null, null, null, 2))).hasSize(2);
    }

    @Test
    void relaysKeepTheirCalendar() {
        RelayRepository relays = new RelayRepository(jdbc, Json.mapper());
        long province = province("Tỉnh Hà Giang");
        RelayCalendar calendar = new RelayCalendar(List.of(new DailyWindow(6 * 60, 6 * 60 + 30),
                new DailyWindow(18 * 60, DailyWindow.END_OF_DAY)), EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.SUNDAY),
                LocalDate.of(2026, 12, 1), LocalDate.of(2027, 3, 1), RelayCalendar.VIETNAM);
        Relay r = relays.create(new RelayValidator.Valid("Tiếp sóng VOV1", URI.create("http://127.0.0.1:8000/vov1"),
                new Targets(List.of(), List.of(province), List.of()), calendar), null, T0);

        Relay stored = relays.find(r.id()).orElseThrow();
        assertThat(stored.title()).isEqualTo("Tiếp sóng VOV1");
        assertThat(stored.url()).isEqualTo(URI.create("http://127.0.0.1:8000/vov1"));
        assertThat(stored.calendar()).isEqualTo(calendar);
        assertThat(stored.createdAt()).isEqualTo(T0);
        assertThat(relays.findActive()).extracting(Relay::id).contains(r.id());
        assertThat(relays.delete(r.id(), T0.plusSeconds(1))).isTrue();
        assertThat(relays.delete(r.id(), T0.plusSeconds(2))).isFalse();
        assertThat(relays.findActive()).extracting(Relay::id).doesNotContain(r.id());
    }

    @Test
    void theAuditLogIsFilteredByTimeAccountAndAction() {
        List<Instant> times = new ArrayList<>();
        AuditLog audit = new AuditLog(jdbc, new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                Instant t = T0.plusSeconds(times.size() * 60L);
                times.add(t);
                return t;
            }
        });
        audit.record(501L, "cán_bộ", "POST /api/v1/bulletins", "bulletin 1", "Bản tin 50% \"mới\"", "127.0.0.1");
        audit.record(502L, "admin", "DELETE /api/v1/schedules/3", "schedule 3", null, "10.0.0.2");
        audit.record(null, "khách", "login_failed", null, null, null);

        List<AuditEntry> all = audit.find(new AuditLog.Filter(T0, T0.plusSeconds(3_600), null, null, 10));
        assertThat(all).extracting(AuditEntry::username).containsExactly("khách", "admin", "cán_bộ");
        assertThat(all.get(2).detail()).isEqualTo("Bản tin 50% \"mới\"");
        assertThat(audit.find(new AuditLog.Filter(null, null, "501", null, 10))).extracting(AuditEntry::username)
                .containsExactly("cán_bộ");
        assertThat(audit.find(new AuditLog.Filter(null, null, "admin", null, 10))).hasSize(1);
        assertThat(audit.find(new AuditLog.Filter(T0, null, null, "schedules", 10))).extracting(AuditEntry::accountId)
                .containsExactly(502L);
        assertThat(audit.find(new AuditLog.Filter(T0, null, null, "_failed", 10))).hasSize(1);
        assertThat(audit.find(new AuditLog.Filter(T0, null, null, "%", 10))).isEmpty();
        assertThat(audit.find(new AuditLog.Filter(T0.plusSeconds(60), T0.plusSeconds(120), null, null, 10)))
                .extracting(AuditEntry::at).containsExactly(T0.plusSeconds(60));
    }
}
