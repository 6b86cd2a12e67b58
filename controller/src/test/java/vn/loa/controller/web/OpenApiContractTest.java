package vn.loa.controller.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.fge.jsonschema.core.report.ProcessingReport;
import com.github.fge.jsonschema.main.JsonSchemaFactory;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestController;

/**
 * Issue 21: docs/openapi.json is a valid OpenAPI 3.1 description (checked by swagger-parser), it names exactly the
 * routes of THE ROUTER'S OWN TABLE (method + path; a route added later without documenting it fails here), the
 * controller serves it at {@code /api/v1/openapi.json}, and live answers — successes and refusals — have the
 * status codes and the body shapes (the error body {@code error/code/params/errors}) it declares.
 */
@Tag("e2e")
@Timeout(120)
class OpenApiContractTest {
    static final Path DOCUMENT = Path.of("..", "docs", "openapi.json");

    @TempDir
    static Path dir;

    static TestController controller;
    static ApiClient admin;
    static JsonNode document;
    static OpenAPI openApi;

    @BeforeAll
    static void start() throws Exception {
        String text = Files.readString(DOCUMENT);
        document = ApiClient.json().readTree(text);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(text, null, options);
        assertThat(parsed.getMessages()).as("swagger-parser's findings on " + DOCUMENT).isEmpty();
        openApi = parsed.getOpenAPI();
        controller = TestController.start(dir.resolve("controller"));
        admin = controller.admin();
    }

    @AfterAll
    static void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    @Test
    void theDocumentIsOpenApi31() {
        assertThat(openApi).isNotNull();
        assertThat(openApi.getOpenapi()).isEqualTo("3.1.0");
        assertThat(openApi.getSpecVersion()).isEqualTo(io.swagger.v3.oas.models.SpecVersion.V31);
        assertThat(openApi.getPaths()).isNotEmpty();
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists() {
        Set<String> routed = controller.controller().router().routes().stream()
                .map(r -> r.method().name() + " " + r.template()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, PathItem> path : openApi.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().readOperationsMap().entrySet()) {
                Map<String, Object> ext = op.getValue().getExtensions();
                if (ext == null || !ext.containsKey("x-loa-handler")) { // served by its own handler, not the router
                    documented.add(op.getKey().name() + " " + path.getKey());
                }
            }
        }
        assertThat(new TreeSet<>(routed)).as("routes missing from docs/openapi.json")
                .satisfies(r -> r.removeAll(documented)).isEmpty();
        assertThat(new TreeSet<>(documented)).as("routes in docs/openapi.json that the router does not have")
                .satisfies(d -> d.removeAll(routed)).isEmpty();
    }

    @Test
    void theControllerServesTheDocumentWithoutASession() {
        ApiClient.Response r = admin.withoutAuth().get("/api/v1/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(document);
    }

    @Test
    void liveAnswersMatchTheDeclaredStatusesAndSchemas() {
        ApiClient anonymous = admin.withoutAuth();
        check("GET", "/api/v1/health", anonymous.get("/api/v1/health"), 200, null);
        check("POST", "/api/v1/session", anonymous.post("/api/v1/session", ApiClient.json().createObjectNode()
                .put("username", "admin").put("password", TestController.ADMIN_PASSWORD)), 200, null);
        check("GET", "/api/v1/cap", admin.get("/api/v1/cap"), 200, null);
        check("GET", "/api/v1/stations", anonymous.get("/api/v1/stations"), 401, "SIGN_IN_REQUIRED");
        check("GET", "/api/v1/schedules/{id}", admin.get("/api/v1/schedules/987654321"), 404, "NOT_FOUND");
        check("POST", "/api/v1/session", anonymous.post("/api/v1/session", "[]"), 400, null);
        ObjectNode noRule = ApiClient.json().createObjectNode().put("bulletinId", "x");
        ApiClient.Response invalid = admin.post("/api/v1/schedules", noRule);
        check("POST", "/api/v1/schedules", invalid, 400, null);
        check("POST", "/api/v1/cap", admin.send(admin.builder("/api/v1/cap").header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<alert>not CAP</alert>"))), 400, null);
        ApiClient.Response unknown = admin.get("/api/v1/no-such-thing");
        assertThat(unknown.status()).isEqualTo(404);
        assertValid(unknown.json(), "/components/schemas/Error");
        assertThat(unknown.json().get("code").asText()).isEqualTo("NO_SUCH_RESOURCE");
        assertThat(unknown.json().get("params").get("path").asText()).isEqualTo("/api/v1/no-such-thing");
    }

    /** The answer's status is declared for that operation and its JSON body validates against the declared schema. */
    private static void check(String method, String path, ApiClient.Response r, int status, String code) {
        String what = method + " " + path + " → " + r.status() + " " + r.body();
        assertThat(r.status()).as(what).isEqualTo(status);
        JsonNode responses = document.path("paths").path(path).path(method.toLowerCase()).path("responses");
        assertThat(responses.has(Integer.toString(status))).as(what + ": status not declared").isTrue();
        JsonNode declared = responses.get(Integer.toString(status));
        String pointer;
        if (declared.has("$ref")) {
            pointer = declared.get("$ref").asText().substring(1) + "/content/application~1json/schema";
        } else {
            pointer = "/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method.toLowerCase()
                    + "/responses/" + status + "/content/application~1json/schema";
        }
        assertValid(r.json(), pointer);
        if (code != null) {
            assertThat(r.json().get("code").asText()).as(what).isEqualTo(code);
        }
        if (status >= 400) {
            assertThat(r.json().has("error")).as(what).isTrue();
        }
    }

    private static void assertValid(JsonNode body, String pointer) {
        assertThat(body).as("a JSON body for " + pointer).isNotNull();
        try {
            ProcessingReport report = JsonSchemaFactory.byDefault().getJsonSchema(document, pointer).validate(body);
            assertThat(report.isSuccess()).as(body + " against " + pointer + ": " + report).isTrue();
        } catch (com.github.fge.jsonschema.core.exceptions.ProcessingException e) {
            throw new AssertionError("could not validate against " + pointer + ": " + e.getMessage(), e);
        }
    }
}
