package vn.loa.controller.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestController;
import vn.loa.controller.web.ApiFixtures;

/** Every state change leaves an audit row with who, what, when and the remote address; admins read it. */
@Tag("e2e")
@Timeout(60)
class AuditApiTest {
    @TempDir
    static Path dir;

    static TestController controller;
    static ApiClient admin;

    @BeforeAll
    static void start() throws Exception {
        controller = TestController.start(dir.resolve("controller"));
        admin = controller.admin();
    }

    @AfterAll
    static void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    static JsonNode find(JsonNode rows, String action) {
        for (JsonNode r : rows) {
            if (r.get("action").asText().equals(action)) {
                return r;
            }
        }
        throw new AssertionError("no audit row " + action + " in " + rows);
    }

    @Test
    void stateChangesAreAuditedWithTheRemoteAddress() {
        long province = ApiFixtures.province(admin);
        long commune = ApiFixtures.area(admin, "Xã Hữu Lễ", "COMMUNE", province);
        ApiFixtures.StationRef station = ApiFixtures.station(admin, "Đài Hữu Lễ", commune, 1);
        ApiClient.Response acct = admin.post("/api/v1/accounts", Map.of("username", "op.huule", "password",
                "mat-khau-rat-dai", "role", "OPERATOR", "scopeAreaId", commune));
        assertThat(acct.status()).isEqualTo(201);
        ApiClient op = new ApiClient(controller.httpPort()).login("op.huule", "mat-khau-rat-dai");
        assertThat(op.post("/api/v1/tokens", Map.of("name", "script")).status()).isEqualTo(201);
        assertThat(new ApiClient(controller.httpPort()).post("/api/v1/session",
                Map.of("username", "op.huule", "password", "sai-roi-sai-roi")).status()).isEqualTo(401);
        // refused and read-only requests leave no row
        assertThat(op.post("/api/v1/stations", Map.of("name", "x", "areaId", commune)).status()).isEqualTo(403);

        ApiClient.Response all = admin.get("/api/v1/audit");
        assertThat(all.status()).isEqualTo(200);
        JsonNode rows = all.json();
        JsonNode area = find(rows, "POST /api/v1/areas");
        assertThat(area.get("username").asText()).isEqualTo("admin");
        assertThat(area.get("remoteAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(area.get("at").asText()).endsWith("Z");
        JsonNode st = find(rows, "POST /api/v1/stations");
        assertThat(st.get("target").asText()).isEqualTo("/api/v1/stations/" + station.id());
        assertThat(find(rows, "POST /api/v1/accounts").get("detail").asText()).contains("role=OPERATOR");

        JsonNode ofOp = admin.get("/api/v1/audit?account=op.huule").json();
        assertThat(ofOp.size()).isEqualTo(3);
        assertThat(ofOp.get(0).get("action").asText()).as("newest first").isEqualTo("POST /api/v1/session");
        assertThat(ofOp.get(0).get("detail").asText()).isEqualTo("sign-in failed");
        assertThat(find(ofOp, "POST /api/v1/tokens").get("remoteAddress").asText()).isEqualTo("127.0.0.1");
        for (JsonNode r : ofOp) {
            assertThat(r.get("action").asText()).doesNotContain("stations");
        }
        assertThat(admin.get("/api/v1/audit?action=tokens").json().size()).isEqualTo(1);
        assertThat(admin.get("/api/v1/audit?from=2100-01-01").json().size()).isZero();
        assertThat(admin.get("/api/v1/audit?from=nope").status()).isEqualTo(400);

        ApiClient.Response csv = admin.get("/api/v1/audit?format=csv&account=op.huule");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.raw().headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        String[] lines = csv.body().replace("\uFEFF", "").split("\r\n");
        assertThat(lines[0]).isEqualTo("id,at,username,action,target,detail,remoteAddress");
        assertThat(lines).hasSize(4);
        assertThat(lines[1]).contains("op.huule,POST /api/v1/session").endsWith("127.0.0.1");

        assertThat(op.get("/api/v1/audit").status()).isEqualTo(403);
    }

    @Test
    void csvCellsAreQuotedAndFormulaSafe() {
        assertThat(AuditCsv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AuditCsv.cell("=HYPERLINK(1)")).isEqualTo("'=HYPERLINK(1)");
        assertThat(AuditCsv.cell(null)).isEmpty();
    }
}
