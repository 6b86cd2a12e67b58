package vn.loa.controller.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.loa.controller.alarm.AlarmRepository;
import vn.loa.controller.area.AreaKind;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.bulletin.BulletinRepository;
import vn.loa.controller.health.HealthRepository;
import vn.loa.controller.health.HealthSampleWriter;
import vn.loa.controller.report.ProvinceReport;
import vn.loa.controller.report.ProvinceReportBuilder;
import vn.loa.controller.station.StationRepository;
import vn.loa.controller.support.DatabaseTestBase;
import vn.loa.controller.web.Json;
import vn.loa.testsupport.FakeClock;

/**
 * Monthly statistics per commune: which month is due (a month is recorded once it is over, a day's grace after its
 * end in Vietnam time), what a record carries, and that the collector records each commune's month once.
 */
@Timeout(60)
class MonthlyStatisticsTest extends DatabaseTestBase {
    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest(name = "at {0} (Vietnam) the last closed month is {1}")
    @CsvSource({
            "2026-12-07T10:00, 2026-11",
            "2026-12-02T00:00, 2026-11", // exactly a day after the end: due
            "2026-12-01T23:59, 2026-10", // within the day's grace: November waits
            "2026-12-01T00:30, 2026-10",
            "2027-01-01T12:00, 2026-11", // the year's turn
            "2027-01-02T08:00, 2026-12",
            "2026-03-02T06:59, 2026-02", // 2 March 06:59 Vietnam = 1 March 23:59 UTC: Vietnam time counts
    })
    void theLastClosedMonthWaitsADayAfterTheMonthsEnd(String vietnamTime, String expected) {
        Instant now = LocalDateTime.parse(vietnamTime).atZone(ProvinceReportBuilder.VIETNAM).toInstant();
        assertThat(MonthlyStatistics.lastClosedMonth(now, MonthlyStatistics.GRACE)).isEqualTo(YearMonth.parse(expected));
    }

    @Test
    void aCommunesRowBecomesOneRecordWithItsFigures() throws Exception {
        YearMonth month = YearMonth.of(2026, 11);
        ProvinceReport.Commune doiCan = new ProvinceReport.Commune(7L, "Xã Đội Cấn", "06253", "Huyện Đại Từ", 2, 1,
                List.of(new ProvinceReport.Village(9L, "Thôn Nà Thâm", 3, 2)),
                Map.of("NORMAL", 1.5, "EMERGENCY", 0.25), 0.9, 1, 2, Map.of("PLAYED", 1), Map.of("vi", 4),
                Map.of("PLAYED", 5, "FAILED", 1, "SKIPPED", 2));
        ProvinceReport.Commune none = new ProvinceReport.Commune(null, "(không thuộc xã nào / no commune)", null, null,
                1, 0, List.of(), Map.of(), null, 0, 0, Map.of(), Map.of(), Map.of());
        ProvinceReport report = new ProvinceReport(month, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH,
                List.of(doiCan, none), doiCan);

        List<MonthlyStatistics.Keyed> records = MonthlyStatistics.records(report);
        assertThat(records).extracting(MonthlyStatistics.Keyed::key).containsExactly("monthly-statistics:7:2026-11");
        JsonNode d = json.readTree(new LoaExchangeSchema(json).encode(records.get(0).key(), Instant.EPOCH,
                records.get(0).record()));
        assertThat(d.get("kind").asText()).isEqualTo("monthly-statistics");
        assertThat(d.at("/data/month").asText()).isEqualTo("2026-11");
        assertThat(d.at("/data/from").asText()).isEqualTo("2026-10-31T17:00:00Z");
        assertThat(d.at("/data/gsoCode").asText()).isEqualTo("06253");
        assertThat(d.at("/data/minutesOnAir").asLong()).isEqualTo(105);
        assertThat(d.at("/data/minutesByPriority/EMERGENCY").asLong()).isEqualTo(15);
        assertThat(d.at("/data/playsByOutcome/SKIPPED").asInt()).isEqualTo(2);
        assertThat(d.at("/data/stationsWorking").asInt()).isEqualTo(1);
        assertThat(d.at("/data/zonesWorking").asInt()).isEqualTo(2);
        assertThat(d.at("/data/bulletinsFromProvince/PLAYED").asInt()).isEqualTo(1);
    }

    @Test
    void theCollectorRecordsEachCommunesClosedMonthOnce() throws Exception {
        FakeClock clock = new FakeClock(System.currentTimeMillis());
        YearMonth month = MonthlyStatistics.lastClosedMonth(clock.instant(), MonthlyStatistics.GRACE);
        AreaRepository areas = new AreaRepository(jdbc);
        long commune = areas.insert(null, "Xã Đội Cấn", AreaKind.COMMUNE, "06253");
        StationRepository stations = new StationRepository(jdbc);
        long station = stations.create("Đài xã", commune, "a".repeat(64), List.of(new StationRepository.NewZone("Loa 1",
                null)));
        Instant mid = month.atDay(15).atTime(12, 0).atZone(ProvinceReportBuilder.VIETNAM).toInstant();
        play(station, "PLAYED", mid, Duration.ofMinutes(30));
        play(station, "PLAYED", mid.plus(Duration.ofDays(1)), Duration.ofMinutes(15));
        play(station, "FAILED", mid.plus(Duration.ofDays(2)), null);
        play(station, "PLAYED", month.plusMonths(1).atDay(1).atTime(0, 30).atZone(ProvinceReportBuilder.VIETNAM)
                .toInstant(), Duration.ofMinutes(10)); // the next month's: not counted
        try (HealthSampleWriter writer = new HealthSampleWriter(jdbc)) {
            ProvinceReportBuilder reports = new ProvinceReportBuilder(areas, stations, new HealthRepository(jdbc, writer),
                    new AlarmRepository(jdbc), new vn.loa.controller.inbox.InboxRepository(jdbc, Json.mapper()), jdbc,
                    clock);
            ExchangeRepository records = new ExchangeRepository(jdbc);
            ExchangeCollector collector = new ExchangeCollector(records, new LoaExchangeSchema(json),
                    new ExchangeCollector.Sources(stations::findAll, areas::findAll, new BulletinRepository(jdbc)::findAll,
                            reports::build), () -> { }, (key, record, body) -> { }, Duration.ofSeconds(1), 1, clock);

            assertThat(collector.collectMonthly()).isEqualTo(1);
            assertThat(collector.collectMonthly()).as("the same month again").isZero();
            ExchangeCollector restarted = new ExchangeCollector(records, new LoaExchangeSchema(json),
                    new ExchangeCollector.Sources(stations::findAll, areas::findAll, new BulletinRepository(jdbc)::findAll,
                            reports::build), () -> { }, (key, record, body) -> { }, Duration.ofSeconds(1), 1, clock);
            assertThat(restarted.collectMonthly()).as("after a restart: the key is there").isZero();

            List<ExchangeRepository.Stored> stored = records.page(0, 100).stream()
                    .filter(s -> s.kind().equals("monthly-statistics")).toList();
            assertThat(stored).hasSize(1);
            JsonNode d = json.readTree(stored.get(0).body());
            assertThat(d.get("key").asText()).isEqualTo("monthly-statistics:" + commune + ":" + month);
            assertThat(d.at("/data/playsByOutcome/PLAYED").asInt()).isEqualTo(2);
            assertThat(d.at("/data/playsByOutcome/FAILED").asInt()).isEqualTo(1);
            assertThat(d.at("/data/minutesOnAir").asLong()).isEqualTo(45);
            assertThat(d.at("/data/stations").asInt()).isEqualTo(1);
        }
    }

    private void play(long stationId, String outcome, Instant planned, Duration played) {
        jdbc.update("INSERT INTO play (report_id, station_id, item_id, zone_ids, priority, planned_at, started_at, "
                + "ended_at, outcome, reason, received_at) VALUES (?, ?, ?, '', 'NORMAL', ?, ?, ?, ?, '', ?)",
                UUID.randomUUID().toString(), stationId, "item", planned, played == null ? null : planned,
                played == null ? null : planned.plus(played), outcome, planned);
    }
}
