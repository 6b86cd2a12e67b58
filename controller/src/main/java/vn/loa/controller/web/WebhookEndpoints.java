package vn.loa.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import vn.loa.controller.outbox.OutboundEndpoint;
import vn.loa.controller.rejection.Expected;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.webhook.WebhookService;

/** Webhook subscriptions (admins; docs/integration.md#webhooks): subscribe by URL, secret and events; list; delete. */
public final class WebhookEndpoints {
    private final WebhookService webhooks;
    private final ExchangeEndpoints views;

    public WebhookEndpoints(WebhookService webhooks, ExchangeEndpoints views) {
        this.webhooks = webhooks;
        this.views = views;
    }

    public void register(Router router) {
        router.add(HttpMethod.POST, "/api/v1/webhooks", this::subscribe);
        router.add(HttpMethod.GET, "/api/v1/webhooks", this::list);
        router.add(HttpMethod.DELETE, "/api/v1/webhooks/{id}", this::delete);
    }

    private ApiResponse subscribe(ApiRequest r) {
        ExchangeEndpoints.requireAdmin(r.account());
        JsonNode body = r.jsonBody();
        List<String> events = new ArrayList<>();
        JsonNode e = body.get("events");
        if (e != null && !e.isNull() && !e.isArray()) {
            throw RejectionCode.WRONG_TYPE.reject("events", Expected.LIST);
        }
        if (e != null) {
            e.forEach(v -> events.add(v.asText()));
        }
        OutboundEndpoint w = webhooks.subscribe(ExchangeEndpoints.text(body, "url"), ExchangeEndpoints.text(body, "secret"),
                events, r.account().id());
        r.audit("webhook " + w.id(), w.url() + " " + w.events());
        return ApiResponse.created(views.view(w)).withHeader("Location", "/api/v1/webhooks/" + w.id());
    }

    private ApiResponse list(ApiRequest r) {
        ExchangeEndpoints.requireAdmin(r.account());
        return ApiResponse.ok(webhooks.list().stream().map(views::view).toList());
    }

    private ApiResponse delete(ApiRequest r) {
        ExchangeEndpoints.requireAdmin(r.account());
        long id = r.pathId("id");
        if (!webhooks.unsubscribe(id)) {
            throw RejectionCode.NO_SUCH_RESOURCE.reject("/api/v1/webhooks/" + id);
        }
        r.audit("webhook " + id, "deleted");
        return ApiResponse.noContent();
    }
}
