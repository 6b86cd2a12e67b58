package vn.loa.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loa.controller.account.Account;
import vn.loa.controller.account.Role;
import vn.loa.controller.exchange.ExchangeRepository;
import vn.loa.controller.exchange.ExchangeService;
import vn.loa.controller.exchange.LoaExchangeSchema;
import vn.loa.controller.outbox.OutboundEndpoint;
import vn.loa.controller.outbox.OutboxRepository;
import vn.loa.controller.rejection.Action;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.rejection.Who;

/**
 * The exchange with the province's information-source system (docs/integration.md#exchange): the pull of shared
 * records ({@code GET /api/v1/exchange/records?since=&limit=}, for any account whose scope is everything or a whole
 * province — an API token in practice) and the push endpoint's settings (admins).
 */
public final class ExchangeEndpoints {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final ExchangeService exchange;
    private final OutboxRepository outbox;
    private final ObjectMapper json;
    /** Whether an area is at the top of the tree (a province): its accounts may pull every record. */
    private final java.util.function.LongPredicate provinceWide;

    public ExchangeEndpoints(ExchangeService exchange, OutboxRepository outbox, ObjectMapper json,
            java.util.function.LongPredicate provinceWide) {
        this.provinceWide = provinceWide;
        this.exchange = exchange;
        this.outbox = outbox;
        this.json = json;
    }

    public void register(Router router) {
        router.add(HttpMethod.GET, "/api/v1/exchange/records", this::records);
        router.add(HttpMethod.GET, "/api/v1/exchange/endpoint", this::endpoint);
        router.add(HttpMethod.PUT, "/api/v1/exchange/endpoint", this::setEndpoint);
        router.add(HttpMethod.DELETE, "/api/v1/exchange/endpoint", this::removeEndpoint);
    }

    private ApiResponse records(ApiRequest r) throws IOException {
        Long scope = r.account().scopeAreaId();
        if (scope != null && provinceWide.test(scope)) {
            scope = null;
        }
        if (scope != null) {
            throw RejectionCode.ROLE_FORBIDDEN.reject(Who.PROVINCE_WIDE, Action.READ_EXCHANGE);
        }
        Long since = r.queryLong("since");
        Long limit = r.queryLong("limit");
        if (since != null && since < 0) {
            throw RejectionCode.OUT_OF_RANGE.reject("since", 0, Long.MAX_VALUE);
        }
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw RejectionCode.OUT_OF_RANGE.reject("limit", 1, MAX_LIMIT);
        }
        int n = limit == null ? DEFAULT_LIMIT : limit.intValue();
        List<ExchangeRepository.Stored> page = exchange.since(since == null ? 0 : since, n);
        List<JsonNode> out = new ArrayList<>();
        for (ExchangeRepository.Stored s : page) {
            com.fasterxml.jackson.databind.node.ObjectNode record =
                    (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(s.body());
            record.put("seq", s.seq());
            out.add(record);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", LoaExchangeSchema.ID);
        m.put("records", out);
        m.put("next", page.isEmpty() ? (since == null ? 0 : since) : page.get(page.size() - 1).seq());
        m.put("more", page.size() == n);
        return ApiResponse.ok(m);
    }

    private ApiResponse endpoint(ApiRequest r) {
        requireAdmin(r.account());
        return ApiResponse.ok(view(exchange.endpoint().orElseThrow(
                () -> RejectionCode.NO_SUCH_RESOURCE.reject("/api/v1/exchange/endpoint"))));
    }

    private ApiResponse setEndpoint(ApiRequest r) {
        requireAdmin(r.account());
        JsonNode body = r.jsonBody();
        OutboundEndpoint e = exchange.setEndpoint(text(body, "url"), text(body, "secret"), r.account().id());
        r.audit("exchange endpoint " + e.id(), e.url().toString());
        return ApiResponse.ok(view(e));
    }

    private ApiResponse removeEndpoint(ApiRequest r) {
        requireAdmin(r.account());
        if (!exchange.removeEndpoint()) {
            throw RejectionCode.NO_SUCH_RESOURCE.reject("/api/v1/exchange/endpoint");
        }
        r.audit("exchange endpoint", "removed");
        return ApiResponse.noContent();
    }

    static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v != null && !v.isNull() && !v.isTextual()) {
            throw RejectionCode.WRONG_TYPE.reject(field, vn.loa.controller.rejection.Expected.TEXT);
        }
        return v == null || v.isNull() ? null : v.asText();
    }

    static void requireAdmin(Account a) {
        if (a.role() != Role.ADMIN) {
            throw RejectionCode.ROLE_FORBIDDEN.reject(Who.ADMIN, Action.MANAGE_CONNECTORS);
        }
    }

    /** An endpoint as the API shows it: never its secret. */
    Map<String, Object> view(OutboundEndpoint e) {
        Map<String, Long> counts = outbox.counts().getOrDefault(e.id(), Map.of());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("url", e.url().toString());
        if (!e.events().isEmpty()) {
            m.put("events", e.events());
        }
        m.put("createdAt", Json.utc(e.createdAt()));
        m.put("failures", e.failures());
        m.put("nextAttemptAt", Json.utc(e.nextAttemptAt()));
        m.put("lastError", e.lastError());
        m.put("pending", counts.getOrDefault("PENDING", 0L));
        m.put("delivered", counts.getOrDefault("DELIVERED", 0L));
        m.put("refused", counts.getOrDefault("REFUSED", 0L));
        m.put("lastDeliveredAt", Json.utc(outbox.lastDelivered().get(e.id())));
        return m;
    }
}
