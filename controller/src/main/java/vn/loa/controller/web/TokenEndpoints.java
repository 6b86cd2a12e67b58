package vn.loa.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.loa.controller.account.ApiTokenService;
import vn.loa.controller.rejection.Problems;
import vn.loa.controller.rejection.RejectionCode;

/** The caller's own API tokens: create (the secret is shown once), list, revoke. */
public final class TokenEndpoints {
    private static final int DEFAULT_DAYS = 90;

    private final ApiTokenService tokens;

    public TokenEndpoints(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    public void register(Router router) {
        router.add(HttpMethod.POST, "/api/v1/tokens", this::create);
        router.add(HttpMethod.GET, "/api/v1/tokens", this::list);
        router.add(HttpMethod.DELETE, "/api/v1/tokens/{id}", this::delete);
    }

    private ApiResponse create(ApiRequest r) {
        JsonNode body = r.jsonBody();
        Problems errors = new Problems();
        String name = Json.text(body, "name", 100, errors);
        int days = DEFAULT_DAYS;
        if (body.hasNonNull("expiresInDays")) {
            JsonNode d = body.get("expiresInDays");
            if (!d.isIntegralNumber() || d.asLong() < 1 || d.asLong() > ApiTokenService.MAX_DAYS) {
                errors.add(RejectionCode.OUT_OF_RANGE, "expiresInDays", 1, ApiTokenService.MAX_DAYS);
            } else {
                days = d.asInt();
            }
        }
        errors.throwIfAny();
        ApiTokenService.Issued issued;
        try {
            issued = tokens.issue(r.account(), name, days);
        } catch (IllegalStateException e) {
            throw RejectionCode.TOO_MANY_TOKENS.reject(ApiTokenService.MAX_PER_ACCOUNT);
        }
        r.audit("token " + issued.id() + " " + name, "expires " + issued.expiresAt());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", issued.id());
        out.put("token", issued.token());
        out.put("name", name);
        out.put("expiresAt", Json.utc(issued.expiresAt()));
        return ApiResponse.created(out).withHeader("Location", "/api/v1/tokens/" + issued.id());
    }

    private ApiResponse list(ApiRequest r) {
        return ApiResponse.ok(tokens.of(r.account()).stream().map(t -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", t.id());
            m.put("name", t.name());
            m.put("createdAt", Json.utc(t.createdAt()));
            m.put("expiresAt", Json.utc(t.expiresAt()));
            m.put("lastUsedAt", Json.utc(t.lastUsedAt()));
            return m;
        }).toList());
    }

    private ApiResponse delete(ApiRequest r) {
        long id = r.pathId("id");
        if (!tokens.revoke(r.account(), id)) {
            throw vn.loa.controller.rejection.RejectionCode.NOT_FOUND.reject(vn.loa.controller.rejection.ObjectKind.TOKEN, id);
        }
        return ApiResponse.noContent();
    }
}
