package vn.loa.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.ControllerConfig;
import vn.loa.controller.pki.SecurityConfig;

/**
 * The README's demo, on free loopback ports: 37 stations seeded, enrolled and online over mutual TLS, as the
 * API reports them; a restart finds the same stations and reconnects them without seeding again.
 */
@Tag("e2e")
class DemoTest {
    private static final String PASSWORD = "demo-test-password-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void thirtySevenStationsComeOnlineAndComeBackAfterARestart() throws Exception {
        ControllerConfig config = ControllerConfig.of(dir, 0, 0).withHosts("127.0.0.1").withAdminPassword(PASSWORD)
                .withSecurity(SecurityConfig.secure().withHttpTls(false));
        try (Demo demo = Demo.start(config)) {
            assertThat(demo.fleet().agents()).hasSize(DemoSeeder.STATIONS);
            awaitAllOnline(demo.controller().httpPort());
            assertThat(Files.list(dir.resolve("agents")).count()).isEqualTo(DemoSeeder.STATIONS);
            assertStartsOnThe2025UnitsWithHistory(demo.controller());
        }
        try (Demo again = Demo.start(config)) {
            assertThat(again.controller().stations().count()).isEqualTo(DemoSeeder.STATIONS);
            awaitAllOnline(again.controller().httpPort());
        }
    }

    /** Today's map is the 65 units of July 2025 under the province; the 2020 and December 2024 trees are history. */
    private static void assertStartsOnThe2025UnitsWithHistory(vn.loa.controller.LoaController controller) {
        var today = controller.areas().findAll();
        long province = today.stream().filter(a -> a.kind() == vn.loa.controller.area.AreaKind.PROVINCE)
                .findFirst().orElseThrow().id();
        var communes = today.stream().filter(a -> a.kind() == vn.loa.controller.area.AreaKind.COMMUNE).toList();
        assertThat(communes).hasSize(65).allSatisfy(c -> assertThat(c.parentId()).isEqualTo(province));
        assertThat(today).noneMatch(a -> a.kind() == vn.loa.controller.area.AreaKind.DISTRICT);
        var communeIds = communes.stream().map(vn.loa.controller.area.Area::id).toList();
        assertThat(controller.stations().findAll()).allSatisfy(s -> assertThat(communeIds).contains(s.areaId()));
        var history = controller.areas().history();
        java.util.function.BiFunction<java.time.LocalDate, vn.loa.controller.area.AreaKind, Long> count = (day, kind) ->
                history.treeAt(day).all().stream().filter(a -> a.kind() == kind).count();
        assertThat(count.apply(java.time.LocalDate.of(2020, 6, 1), vn.loa.controller.area.AreaKind.COMMUNE)).isEqualTo(200);
        assertThat(count.apply(java.time.LocalDate.of(2020, 6, 1), vn.loa.controller.area.AreaKind.DISTRICT)).isEqualTo(11);
        assertThat(count.apply(java.time.LocalDate.of(2024, 12, 15), vn.loa.controller.area.AreaKind.COMMUNE)).isEqualTo(194);
        var kienMoc = history.resolveCode("06625", java.time.LocalDate.now());
        assertThat(kienMoc).hasSize(1);
        assertThat(history.at(kienMoc.iterator().next(), java.time.LocalDate.now()).orElseThrow().name())
                .isEqualTo("Xã Kiên Mộc");
        var station = controller.stations().findAll().stream().filter(s -> s.name().contains("Kiên Mộc")).findFirst()
                .orElseThrow();
        assertThat(station.areaId()).isEqualTo(kienMoc.iterator().next());
    }

    private void awaitAllOnline(int httpPort) throws IOException, InterruptedException {
        String token = JSON.readTree(send(HttpRequest.newBuilder(uri(httpPort, "/api/v1/session"))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("username", "admin")
                        .put("password", PASSWORD).toString())))).get("token").asText();
        await("37 demo stations online").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode stations = JSON.readTree(send(HttpRequest.newBuilder(uri(httpPort, "/api/v1/stations"))
                    .header("Authorization", "Bearer " + token).GET()));
            JsonNode list = stations.isArray() ? stations : stations.get("stations");
            assertThat(list).hasSize(DemoSeeder.STATIONS);
            assertThat(list).allSatisfy(s -> assertThat(s.get("online").asBoolean()).as(s.toString()).isTrue());
        });
    }

    private String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
