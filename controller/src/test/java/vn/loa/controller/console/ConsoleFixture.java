package vn.loa.controller.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loa.controller.storage.Jdbc;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestAgent;
import vn.loa.controller.support.TestController;

/**
 * A real controller on loopback with a small province: two communes, three stations (two in the first
 * commune, one in the second), two zones each, each station with a real agent on simulated hardware.
 * The first station has stored coordinates; the first commune has coordinates; the second has none.
 */
final class ConsoleFixture implements AutoCloseable {
    record StationRef(long id, String name, String secret, long areaId) {
    }

    final TestController controller;
    final ApiClient admin;
    final long province;
    final long communeA;
    final long communeB;
    final List<StationRef> stations = new ArrayList<>();
    final Map<Long, TestAgent> agents = new LinkedHashMap<>();
    private final Path dir;

    ConsoleFixture(Path dir) throws Exception {
        this(dir, null);
    }

    /** @param security the controller's security settings (e.g. relays allowed to loopback), or null for the default */
    ConsoleFixture(Path dir, vn.loa.controller.pki.SecurityConfig security) throws Exception {
        this.dir = dir;
        this.controller = security == null ? TestController.start(dir.resolve("controller"))
                : TestController.start(dir.resolve("controller"), security);
        this.admin = controller.admin();
        province = id(admin.post("/api/v1/areas", Map.of("name", "Tỉnh Lạng Sơn", "kind", "PROVINCE")));
        communeA = id(admin.post("/api/v1/areas", Map.of("name", "Xã Đội Cấn", "kind", "COMMUNE", "parentId", province)));
        communeB = id(admin.post("/api/v1/areas", Map.of("name", "Xã Hữu Lễ", "kind", "COMMUNE", "parentId", province)));
        Jdbc jdbc = new Jdbc(controller.controller().database());
        jdbc.update("UPDATE area SET latitude = ?, longitude = ? WHERE id = ?", 22.0103, 106.4561, communeA);
        addStation("Đài truyền thanh xã Đội Cấn", communeA);
        addStation("Đài truyền thanh thôn Nà Sla", communeA);
        addStation("Đài truyền thanh xã Hữu Lễ", communeB);
        jdbc.update("UPDATE station SET latitude = ?, longitude = ? WHERE id = ?", 21.8537, 106.7615, stations.get(0).id());
        for (StationRef s : stations) {
            agents.put(s.id(), TestAgent.start(controller.agentPort(), s.id(), s.secret(), dir));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> agents.values().stream()
                .allMatch(a -> a.agent().isConnected() && a.agent().clock().isSynchronised()));
    }

    private void addStation(String name, long area) {
        ApiClient.Response r = admin.post("/api/v1/stations", Map.of("name", name, "areaId", area,
                "zones", List.of(Map.of("name", "Cụm loa chợ"), Map.of("name", "Cụm loa trường học"))));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        stations.add(new StationRef(r.json().get("id").asLong(), name, r.json().get("secret").asText(), area));
    }

    static long id(ApiClient.Response r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 201);
        return r.json().get("id").asLong();
    }

    int httpPort() {
        return controller.httpPort();
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        for (TestAgent a : agents.values()) {
            a.close();
        }
        controller.close();
    }
}
