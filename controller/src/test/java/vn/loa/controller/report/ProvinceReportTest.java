package vn.loa.controller.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.health.Fixtures;
import vn.loa.controller.storage.Jdbc;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestController;

/** The province report from a known month of as-run log and alarm history, as CSV and as HTML. */
@Tag("e2e")
@Timeout(60)
class ProvinceReportTest {
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    @TempDir
    Path dir;

    private TestController controller;

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    @Test
    void monthlyFiguresPerCommuneAsCsvAndHtml() throws Exception {
        controller = TestController.start(dir);
        ApiClient api = controller.admin();
        long province = Fixtures.area(api, "Tỉnh Lạng Sơn", "PROVINCE", null);
        long district = Fixtures.area(api, "Huyện Tràng Định", "DISTRICT", province);
        long doiCan = Fixtures.area(api, "Xã Đội Cấn", "COMMUNE", district);
        long banChat = Fixtures.area(api, "Thôn Bản Chắt", "VILLAGE", doiCan);
        long naTham = Fixtures.area(api, "Thôn Nà Thâm", "VILLAGE", doiCan);
        Fixtures.area(api, "Xã Kiên Mộc", "COMMUNE", district);
        Fixtures.StationRef s1 = Fixtures.station(api, "Đài xã Đội Cấn", doiCan, Arrays.asList(banChat, naTham));
        Fixtures.station(api, "Đài xã Đội Cấn (chưa lắp)", doiCan, Arrays.asList(banChat));

        YearMonth month = YearMonth.now(VIETNAM).minusMonths(2);
        Instant from = month.atDay(1).atStartOfDay(VIETNAM).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(VIETNAM).toInstant();
        Jdbc jdbc = new Jdbc(controller.controller().database());
        jdbc.update("INSERT INTO station_presence (station_id, first_seen_at) VALUES (?, ?)", s1.id(),
                from.minus(Duration.ofDays(10)));
        Instant day2 = from.plus(Duration.ofDays(2));
        play(jdbc, s1.id(), "NORMAL", "PLAYED", day2, Duration.ofMinutes(30));
        play(jdbc, s1.id(), "PRIORITY", "PLAYED", day2.plus(Duration.ofHours(1)), Duration.ofMinutes(15));
        play(jdbc, s1.id(), "EMERGENCY", "PLAYED", day2.plus(Duration.ofHours(2)), Duration.ofMinutes(6));
        play(jdbc, s1.id(), "NORMAL", "FAILED", day2.plus(Duration.ofHours(3)), null);
        play(jdbc, s1.id(), "NORMAL", "SKIPPED", day2.plus(Duration.ofHours(4)), null);
        play(jdbc, s1.id(), "NORMAL", "PLAYED", to.plus(Duration.ofHours(1)), Duration.ofMinutes(60));
        // offline for three days of the month; zone 2 failed from before the month and never repaired
        alarm(jdbc, s1.id(), "STATION_OFFLINE", "", from.plus(Duration.ofDays(5)), from.plus(Duration.ofDays(8)));
        alarm(jdbc, s1.id(), "ZONE_FAILED", Long.toString(s1.zoneIds().get(1)), from.minus(Duration.ofDays(1)), null);

        double expectedAvailability = 100.0 * (1 - 3.0 / month.lengthOfMonth());

        ApiClient.Response csv = api.get("/api/v1/reports/province?month=" + month + "&format=csv");
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("\uFEFFTháng / Month,");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).contains("Đài hoạt động / Stations working", "Giờ phát khẩn cấp / Emergency hours",
                "Tỷ lệ sẵn sàng (%) / Availability (%)");
        String commune = lines.stream().filter(l -> l.contains(",Xã Đội Cấn,,")).findFirst().orElseThrow();
        // month, district, code, commune, village, stations, working, zones, zones working,
        // emergency, priority, normal, relay, background, total, availability, failed, skipped,
        // province bulletins pending, accepted, played, declined, expired (TT 39 inbox; none sent here)
        assertThat(commune).isEqualTo(month + ",Huyện Tràng Định,,Xã Đội Cấn,,2,1,3,1,0.10,0.25,0.50,0.00,0.00,0.85,"
                + String.format(java.util.Locale.ROOT, "%.1f", expectedAvailability) + ",1,1,0,0,0,0,0");
        assertThat(lines).contains(month + ",Huyện Tràng Định,,Xã Đội Cấn,Thôn Bản Chắt,,,2,1,,,,,,,,,,,,,,",
                month + ",Huyện Tràng Định,,Xã Đội Cấn,Thôn Nà Thâm,,,1,0,,,,,,,,,,,,,,");
        assertThat(lines).anyMatch(l -> l.startsWith(month + ",Huyện Tràng Định,,Xã Kiên Mộc,,0,0,0,0,"));
        assertThat(lines.get(lines.size() - 1)).startsWith(month + ",,,Toàn tỉnh / Province,,2,1,3,1,");

        ApiClient.Response html = api.get("/api/v1/reports/province?month=" + month + "&format=html");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(html.body()).contains("<html lang=\"vi\">", "Báo cáo hoạt động đài truyền thanh cơ sở",
                "Commune radio station report", "Xã Đội Cấn", "Thôn Nà Thâm", "@page{size:A4 landscape",
                String.format(java.util.Locale.ROOT, "%.1f", expectedAvailability));

        assertThat(api.get("/api/v1/reports/province?month=2026-13&format=csv").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/reports/province?month=" + month + "&format=pdf").status()).isEqualTo(400);
        assertThat(api.withoutAuth().get("/api/v1/reports/province?month=" + month).status()).isEqualTo(401);
    }

    private static void play(Jdbc jdbc, long stationId, String priority, String outcome, Instant planned,
            Duration played) {
        jdbc.update("INSERT INTO play (report_id, station_id, item_id, zone_ids, priority, planned_at, started_at, "
                + "ended_at, outcome, reason, received_at) VALUES (?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(), stationId, "item", priority, planned, played == null ? null : planned,
                played == null ? null : planned.plus(played), outcome, "", planned);
    }

    private static void alarm(Jdbc jdbc, long stationId, String kind, String subject, Instant start, Instant end) {
        long id = jdbc.insert("INSERT INTO alarm (station_id, kind, subject, state, condition_active, raised_at, "
                + "condition_ended_at, occurrences) VALUES (?, ?, ?, 'ACTIVE', ?, ?, ?, 1)", stationId, kind, subject,
                end == null, start, end);
        jdbc.update("INSERT INTO alarm_event (alarm_id, at, kind) VALUES (?, ?, 'RAISED')", id, start);
        if (end != null) {
            jdbc.update("INSERT INTO alarm_event (alarm_id, at, kind) VALUES (?, ?, 'RETURNED')", id, end);
        }
    }
}
