package vn.loa.controller.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpMethod;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.loa.controller.exchange.ExchangeRecord;
import vn.loa.controller.inbound.InboundBulletin;
import vn.loa.controller.inbound.InboundBulletins;
import vn.loa.controller.inbound.InboundParser;
import vn.loa.controller.inbox.InboxRefused;
import vn.loa.controller.rejection.Action;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.rejection.Who;

/**
 * {@code POST /api/v1/exchange/bulletins}: a bulletin from the upstream system (docs/integration.md#inbound-bulletins).
 * The sender is the authenticated caller (an API token of an admin or operator account), never a field of the
 * message; its targets must lie inside that account's scope.
 */
public final class InboundEndpoints {
    private final InboundBulletins inbound;
    private final ObjectMapper json;

    public InboundEndpoints(InboundBulletins inbound, ObjectMapper json) {
        this.inbound = inbound;
        this.json = json;
    }

    public void register(Router router) {
        router.add(HttpMethod.POST, "/api/v1/exchange/bulletins", this::receive);
    }

    private ApiResponse receive(ApiRequest r) throws Exception {
        if (!r.account().role().mayBroadcast()) {
            throw RejectionCode.ROLE_FORBIDDEN.reject(Who.ADMIN_OR_OPERATOR, Action.SEND_UPSTREAM_BULLETINS);
        }
        InboundBulletin b = InboundParser.parse(r.jsonBody());
        InboundBulletins.Taken taken;
        try {
            taken = inbound.take(b, r.account());
        } catch (InboxRefused e) {
            throw RejectionCode.INBOX_REFUSED.reject(e.problems());
        }
        if (taken.duplicate()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("duplicate", true);
            m.put("receipt", json.readTree(taken.storedBody()).get("data"));
            return ApiResponse.ok(m);
        }
        r.audit("inbound " + b.ref(), b.level() + " " + b.title());
        return ApiResponse.created(view(taken.receipt()));
    }

    private static Map<String, Object> view(ExchangeRecord.InboundReceipt receipt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ref", receipt.ref());
        m.put("level", receipt.level());
        m.put("communeIds", receipt.communeIds());
        m.put("bulletinId", receipt.bulletinId());
        m.put("dispatchId", receipt.dispatchId());
        m.put("announcementId", receipt.announcementId());
        m.put("approval", receipt.approval());
        return m;
    }
}
