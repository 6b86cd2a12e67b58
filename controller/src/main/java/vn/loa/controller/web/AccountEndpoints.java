package vn.loa.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import vn.loa.controller.account.AccountRepository;
import vn.loa.controller.account.AccountService;
import vn.loa.controller.account.Role;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.area.AreaTree;
import vn.loa.controller.rejection.Expected;
import vn.loa.controller.rejection.Problems;
import vn.loa.controller.rejection.RejectionCode;

/** Accounts: list, create, change (role, scope, password, disabled) and delete. Admins only. */
public final class AccountEndpoints {
    private final AccountService service;
    private final AccountRepository accounts;
    private final AreaRepository areas;

    public AccountEndpoints(AccountService service, AccountRepository accounts, AreaRepository areas) {
        this.service = service;
        this.accounts = accounts;
        this.areas = areas;
    }

    public void register(Router router) {
        router.add(HttpMethod.GET, "/api/v1/accounts", this::list);
        router.add(HttpMethod.POST, "/api/v1/accounts", this::create);
        router.add(HttpMethod.PATCH, "/api/v1/accounts/{id}", this::patch);
        router.add(HttpMethod.DELETE, "/api/v1/accounts/{id}", this::delete);
    }

    private static void requireAdmin(ApiRequest r) {
        if (r.account().role() != Role.ADMIN) {
            throw vn.loa.controller.rejection.RejectionCode.ROLE_FORBIDDEN.reject(vn.loa.controller.rejection.Who.ADMIN, vn.loa.controller.rejection.Action.MANAGE_ACCOUNTS);
        }
    }

    private ApiResponse list(ApiRequest r) {
        requireAdmin(r);
        return ApiResponse.ok(accounts.findAll().stream().map(AccountEndpoints::view).toList());
    }

    private ApiResponse create(ApiRequest r) {
        requireAdmin(r);
        JsonNode body = r.jsonBody();
        Problems errors = new Problems();
        String username = Json.text(body, "username", 64, errors);
        String password = body.hasNonNull("password") && body.get("password").isTextual() ? body.get("password").asText() : null;
        Role role = role(body, errors, true);
        Long scope = scope(body, errors);
        long id = service.create(username, password, role, scope, new AreaTree(areas.findAll()), errors.list());
        r.audit("account " + id + " " + username, "role=" + role + " scopeAreaId=" + scope);
        return ApiResponse.created(view(accounts.find(id).orElseThrow())).withHeader("Location", "/api/v1/accounts/" + id);
    }

    private ApiResponse patch(ApiRequest r) {
        requireAdmin(r);
        long id = r.pathId("id");
        JsonNode body = r.jsonBody();
        Problems errors = new Problems();
        Role role = body.hasNonNull("role") ? role(body, errors, false) : null;
        boolean scopeGiven = body.has("scopeAreaId");
        Long scope = scope(body, errors);
        String password = null;
        if (body.has("password")) {
            if (!body.get("password").isTextual()) {
                errors.add(RejectionCode.WRONG_TYPE, "password", Expected.TEXT);
            } else {
                password = body.get("password").asText();
            }
        }
        Boolean disabled = null;
        if (body.has("disabled")) {
            if (!body.get("disabled").isBoolean()) {
                errors.add(RejectionCode.WRONG_TYPE, "disabled", Expected.BOOLEAN);
            } else {
                disabled = body.get("disabled").asBoolean();
            }
        }
        errors.throwIfAny();
        try {
            var updated = service.update(id, new AccountService.Change(role, scopeGiven, scope, password, disabled),
                    new AreaTree(areas.findAll()));
            List<String> what = new ArrayList<>();
            if (role != null) {
                what.add("role=" + role);
            }
            if (scopeGiven) {
                what.add("scopeAreaId=" + scope);
            }
            if (password != null) {
                what.add("password changed");
            }
            if (disabled != null) {
                what.add("disabled=" + disabled);
            }
            r.audit("account " + id + " " + updated.account().username(), String.join(" ", what));
            return ApiResponse.ok(view(updated));
        } catch (NoSuchElementException e) {
            throw vn.loa.controller.rejection.RejectionCode.NOT_FOUND.reject(vn.loa.controller.rejection.ObjectKind.ACCOUNT, id);
        }
    }

    private ApiResponse delete(ApiRequest r) {
        requireAdmin(r);
        long id = r.pathId("id");
        String name = accounts.find(id).map(a -> a.account().username()).orElse(null);
        try {
            service.delete(id);
        } catch (NoSuchElementException e) {
            throw vn.loa.controller.rejection.RejectionCode.NOT_FOUND.reject(vn.loa.controller.rejection.ObjectKind.ACCOUNT, id);
        }
        r.audit("account " + id + " " + name, null);
        return ApiResponse.noContent();
    }

    private static Role role(JsonNode body, Problems errors, boolean required) {
        JsonNode n = body.get("role");
        if (n == null || n.isNull()) {
            if (required) {
                errors.add(RejectionCode.REQUIRED, "role");
            }
            return null;
        }
        try {
            return Role.valueOf(n.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(RejectionCode.NOT_ONE_OF, "role", n.asText(), List.of("ADMIN", "OPERATOR", "TECHNICIAN", "VIEWER"));
            return null;
        }
    }

    private static Long scope(JsonNode body, Problems errors) {
        return body.hasNonNull("scopeAreaId") ? Json.id(body, "scopeAreaId", errors) : null;
    }

    static Map<String, Object> view(AccountRepository.Listed a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.account().id());
        m.put("username", a.account().username());
        m.put("role", a.account().role().name());
        m.put("scopeAreaId", a.account().scopeAreaId());
        m.put("disabled", a.disabled());
        m.put("createdAt", Json.utc(a.createdAt()));
        return m;
    }
}
