package vn.loa.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.notify.PhoneAlarms;
import vn.loa.controller.notify.QuietPeriod;
import vn.loa.controller.notify.Recipient;
import vn.loa.controller.notify.RecipientRepository;
import vn.loa.controller.outbox.OutboundEndpoint;
import vn.loa.controller.rejection.Problem;
import vn.loa.controller.rejection.Rejection;
import vn.loa.controller.rejection.RejectionCode;

/**
 * Alarms to phones (admins; docs/integration.md#alarms-to-phones): the Telegram gateway ({@code PUT/GET/DELETE
 * /api/v1/phone/gateway}) and the recipients ({@code POST/GET /api/v1/phone/recipients}, {@code DELETE …/{id}}).
 */
public final class PhoneEndpoints {
    private final PhoneAlarms phones;
    private final RecipientRepository recipients;
    private final AreaRepository areas;
    private final ExchangeEndpoints views;
    private final Clock clock;

    public PhoneEndpoints(PhoneAlarms phones, RecipientRepository recipients, AreaRepository areas,
            ExchangeEndpoints views, Clock clock) {
        this.phones = phones;
        this.recipients = recipients;
        this.areas = areas;
        this.views = views;
        this.clock = clock;
    }

    public void register(Router router) {
        router.add(HttpMethod.PUT, "/api/v1/phone/gateway", this::setGateway);
        router.add(HttpMethod.GET, "/api/v1/phone/gateway", this::gateway);
        router.add(HttpMethod.POST, "/api/v1/phone/recipients", this::addRecipient);
        router.add(HttpMethod.GET, "/api/v1/phone/recipients", this::listRecipients);
        router.add(HttpMethod.DELETE, "/api/v1/phone/recipients/{id}", this::deleteRecipient);
    }

    private ApiResponse setGateway(ApiRequest r) {
        ExchangeEndpoints.requireAdmin(r.account());
        JsonNode body = r.jsonBody();
        OutboundEndpoint e = phones.setGateway(ExchangeEndpoints.text(body, "baseUrl"),
                ExchangeEndpoints.text(body, "botToken"));
        r.audit("phone gateway " + e.id(), e.url().getHost());
        return ApiResponse.ok(view(e));
    }

    private ApiResponse gateway(ApiRequest r) {
        ExchangeEndpoints.requireAdmin(r.account());
        return ApiResponse.ok(view(phones.gateway().orElseThrow(
                () -> RejectionCode.NO_SUCH_RESOURCE.reject("/api/v1/phone/gateway"))));
    }

    /** The gateway as the API shows it: never the bot token (which is part of the send address). */
    private Map<String, Object> view(OutboundEndpoint e) {
        Map<String, Object> m = views.view(e);
        m.put("url", e.url().toString().replace(e.secret(), "***"));
        return m;
    }

    private ApiResponse addRecipient(ApiRequest r) {
        ExchangeEndpoints.requireAdmin(r.account());
        JsonNode body = r.jsonBody();
        List<Problem> problems = new ArrayList<>();
        String name = required(body, "name", 100, problems);
        String chatId = required(body, "chatId", 100, problems);
        Long areaId = null;
        if (body.hasNonNull("areaId")) {
            if (!body.get("areaId").isIntegralNumber()) {
                problems.add(RejectionCode.WRONG_TYPE.problem("areaId", vn.loa.controller.rejection.Expected.ID));
            } else {
                areaId = body.get("areaId").asLong();
                long id = areaId;
                if (areas.findAll().stream().noneMatch(a -> a.id() == id)) {
                    problems.add(RejectionCode.NOT_FOUND.problem(vn.loa.controller.rejection.ObjectKind.AREA, id));
                }
            }
        }
        LocalTime from = time(body, "quietFrom", problems);
        LocalTime to = time(body, "quietTo", problems);
        if ((from == null) != (to == null) && problems.isEmpty()) {
            problems.add(RejectionCode.REQUIRED.problem(from == null ? "quietFrom" : "quietTo"));
        }
        if (!problems.isEmpty()) {
            throw new Rejection(problems);
        }
        long id = recipients.insert(name, chatId, areaId, from == null ? null : new QuietPeriod(from, to), clock.instant());
        r.audit("phone recipient " + id, name);
        return ApiResponse.created(Map.of("id", id)).withHeader("Location", "/api/v1/phone/recipients/" + id);
    }

    private ApiResponse listRecipients(ApiRequest r) {
        ExchangeEndpoints.requireAdmin(r.account());
        return ApiResponse.ok(recipients.live().stream().map(PhoneEndpoints::view).toList());
    }

    private ApiResponse deleteRecipient(ApiRequest r) {
        ExchangeEndpoints.requireAdmin(r.account());
        long id = r.pathId("id");
        if (!recipients.delete(id, clock.instant())) {
            throw RejectionCode.NO_SUCH_RESOURCE.reject("/api/v1/phone/recipients/" + id);
        }
        return ApiResponse.noContent();
    }

    private static Map<String, Object> view(Recipient p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        m.put("chatId", p.chatId());
        m.put("areaId", p.areaId());
        m.put("quietFrom", p.quiet() == null ? null : p.quiet().from().toString());
        m.put("quietTo", p.quiet() == null ? null : p.quiet().to().toString());
        return m;
    }

    private static String required(JsonNode body, String field, int max, List<Problem> problems) {
        String s = ExchangeEndpoints.text(body, field);
        if (s == null || s.isBlank()) {
            problems.add(RejectionCode.REQUIRED.problem(field));
            return null;
        }
        if (s.length() > max) {
            problems.add(RejectionCode.TOO_LONG.problem(field, max));
            return null;
        }
        return s.strip();
    }

    private static LocalTime time(JsonNode body, String field, List<Problem> problems) {
        String s = ExchangeEndpoints.text(body, field);
        if (s == null) {
            return null;
        }
        try {
            return LocalTime.parse(s);
        } catch (DateTimeParseException e) {
            problems.add(RejectionCode.NOT_A_TIME.problem(field, s));
            return null;
        }
    }
}
