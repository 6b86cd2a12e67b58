package vn.loa.controller.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.bulletin.BulletinRepository;
import vn.loa.controller.station.StationRepository;
import vn.loa.controller.support.DatabaseTestBase;
import vn.loa.testsupport.FakeClock;

/**
 * The collector over a real database: the registry (stations, bulletins, schedules) is recorded once per content —
 * a pass with nothing changed records nothing, a change records the new content under a new key — and each new
 * record is told to the webhook listener.
 */
class ExchangeCollectorTest extends DatabaseTestBase {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theRegistryIsRecordedOncePerContent() throws Exception {
        FakeClock clock = new FakeClock(System.currentTimeMillis());
        AtomicInteger told = new AtomicInteger();
        ExchangeRepository records = new ExchangeRepository(jdbc);
        ExchangeCollector collector = new ExchangeCollector(records, new LoaExchangeSchema(json),
                new ExchangeCollector.Sources(new StationRepository(jdbc)::findAll, new AreaRepository(jdbc)::findAll,
                        new BulletinRepository(jdbc)::findAll, null), () -> { }, (key, record, body) -> told.incrementAndGet(),
                Duration.ofSeconds(1), 1, clock);
        long area = jdbc.insert("INSERT INTO area (name, kind, code) VALUES ('Xã Đội Cấn', 'COMMUNE', '06253')");
        jdbc.insert("INSERT INTO station (name, area_id, secret_hash, created_at) VALUES ('Đài xã', ?, ?, ?)", area,
                "a".repeat(64), clock.instant());
        long bulletin = jdbc.insert("INSERT INTO bulletin (title, media_sha256, media_size, duration_ms, sample_rate, "
                + "created_at) VALUES ('Bản tin', ?, 10, 1000, 24000, ?)", "b".repeat(64), clock.instant());
        long schedule = jdbc.insert("INSERT INTO schedule (title, bulletin_id, priority, rule_json, targets_json, "
                + "created_at) VALUES ('Lịch sáng', ?, 'NORMAL', '{\"kind\":\"DAILY\"}', '{\"areaIds\":[1]}', ?)",
                bulletin, clock.instant());

        int first = collector.collectRegistry();
        assertThat(first).isGreaterThanOrEqualTo(3);
        assertThat(collector.collectRegistry()).as("nothing changed").isZero();
        jdbc.update("UPDATE schedule SET title = 'Lịch chiều' WHERE id = ?", schedule);
        assertThat(collector.collectRegistry()).isEqualTo(1);
        assertThat(told.get()).isEqualTo(first + 1);

        List<ExchangeRepository.Stored> page = records.page(0, 100);
        List<JsonNode> schedules = page.stream().filter(s -> s.kind().equals("schedule"))
                .map(s -> readTree(s.body())).toList();
        assertThat(schedules).hasSize(2);
        assertThat(schedules.get(1).at("/data/title").asText()).isEqualTo("Lịch chiều");
        assertThat(schedules.get(1).at("/data/rule/kind").asText()).isEqualTo("DAILY");
        assertThat(schedules.get(1).get("key").asText()).startsWith("schedule:" + schedule + ":");
        JsonNode station = page.stream().filter(s -> s.kind().equals("station")).map(s -> readTree(s.body()))
                .findFirst().orElseThrow();
        assertThat(station.at("/data/gsoCode").asText()).isEqualTo("06253");
    }

    private JsonNode readTree(String s) {
        try {
            return json.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
