package vn.loa.controller.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestController;

/** GET /api/v1/plays: its filters are checked, and a bad one is a 400 that names it. */
@Tag("e2e")
@Timeout(60)
class PlayApiTest {
    @TempDir
    static Path dir;

    static TestController controller;
    static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        controller = TestController.start(dir.resolve("controller"));
        api = controller.admin();
    }

    @AfterAll
    static void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "from=yesterday | from: 'yesterday' is not a date-time",
            "to=2026-13-01 | to: '2026-13-01' is not a date-time",
            "from=2026-12-01T17:00 | from: '2026-12-01T17:00' is not a date-time",
            "limit=0 | limit: must be from 1 to 10000",
            "limit=-5 | limit: must be from 1 to 10000",
            "limit=10001 | limit: must be from 1 to 10000",
            "limit=ten | limit: 'ten' is not a number",
            "stationId=abc | stationId: 'abc' is not a number",
            "scheduleId=1.5 | scheduleId: '1.5' is not a number"})
    void aBadFilterIs400NamingIt(String query, String reason) {
        ApiClient.Response r = api.get("/api/v1/plays?" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.error()).contains(reason);
        if (query.startsWith("limit=") && !query.equals("limit=ten")) {
            assertThat(r.json().get("code").asText()).isEqualTo("OUT_OF_RANGE");
            assertThat(r.json().get("params").get("field").asText()).isEqualTo("limit");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "?limit=1", "?limit=10000", "?from=2026-11-01", "?from=2026-11-01T00:00:00Z",
            "?from=2026-11-01T07:00:00%2B07:00&to=2026-12-01", "?stationId=3&scheduleId=4", "?from=&limit="})
    void goodFiltersAreAccepted(String query) {
        ApiClient.Response r = api.get("/api/v1/plays" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().isArray()).isTrue();
    }

    @Test
    void thePlayLogStartsEmpty() {
        assertThat(api.get("/api/v1/plays").json()).isEmpty();
    }
}
