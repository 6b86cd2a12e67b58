package vn.loa.controller.web;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.loa.controller.account.Role;
import vn.loa.controller.audit.AuditCsv;
import vn.loa.controller.audit.AuditEntry;
import vn.loa.controller.audit.AuditLog;
import vn.loa.controller.rejection.Action;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.rejection.Who;

/** {@code GET /api/v1/audit?from=&to=&account=&action=&limit=&format=json|csv} — admins only. */
public final class AuditEndpoints {
    private static final int DEFAULT_LIMIT = 1000;
    private static final int MAX_LIMIT = 100_000;

    private final AuditLog audit;

    public AuditEndpoints(AuditLog audit) {
        this.audit = audit;
    }

    public void register(Router router) {
        router.add(HttpMethod.GET, "/api/v1/audit", this::list);
    }

    private ApiResponse list(ApiRequest r) {
        if (r.account().role() != Role.ADMIN) {
            throw RejectionCode.ROLE_FORBIDDEN.reject(Who.ADMIN, Action.READ_AUDIT);
        }
        Long limit = r.queryLong("limit");
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw RejectionCode.OUT_OF_RANGE.reject("limit", 1, MAX_LIMIT);
        }
        String format = r.queryParam("format");
        if (format != null && !format.equals("json") && !format.equals("csv")) {
            throw RejectionCode.NOT_ONE_OF.reject("format", format, java.util.List.of("json", "csv"));
        }
        var rows = audit.find(new AuditLog.Filter(PlayEndpoints.instant(r, "from"), PlayEndpoints.instant(r, "to"),
                r.queryParam("account"), r.queryParam("action"), limit == null ? DEFAULT_LIMIT : limit.intValue()));
        if ("csv".equals(format)) {
            return ApiResponse.bytes(HttpResponseStatus.OK, AuditCsv.render(rows), "text/csv; charset=utf-8")
                    .withHeader("Content-Disposition", "attachment; filename=\"loa-audit.csv\"");
        }
        return ApiResponse.ok(rows.stream().map(AuditEndpoints::view).toList());
    }

    static Map<String, Object> view(AuditEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("at", Json.utc(e.at()));
        m.put("username", e.username());
        m.put("action", e.action());
        m.put("target", e.target());
        m.put("detail", e.detail());
        m.put("remoteAddress", e.remoteAddress());
        return m;
    }
}
