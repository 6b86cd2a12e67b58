package vn.loa.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.loa.controller.account.AccountRepository;
import vn.loa.controller.account.ApiTokenService;
import vn.loa.controller.rejection.Expected;
import vn.loa.controller.rejection.ObjectKind;
import vn.loa.controller.rejection.Problem;
import vn.loa.controller.rejection.Rejection;
import vn.loa.controller.rejection.RejectionCode;

/**
 * The senders of inbound bulletins (docs/integration.md#inbound-bulletins), for admins: the API tokens of every
 * account that may send bulletins down (admins and operators), with the account and its scope; a token issued for
 * such an account (shown once), and any of them revoked. The same tokens as {@code /api/v1/tokens}, which shows an
 * account only its own.
 */
public final class InboundSenderEndpoints {
    private static final int DEFAULT_DAYS = 90;
    private static final int MAX_NAME = 100;

    private final AccountRepository accounts;
    private final ApiTokenService tokens;

    public InboundSenderEndpoints(AccountRepository accounts, ApiTokenService tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    public void register(Router router) {
        router.add(HttpMethod.GET, "/api/v1/exchange/senders", this::list);
        router.add(HttpMethod.POST, "/api/v1/exchange/senders", this::issue);
        router.add(HttpMethod.DELETE, "/api/v1/exchange/senders/{id}", this::revoke);
    }

    /** The live accounts that may send bulletins down (admins, operators), oldest first. */
    private List<AccountRepository.Listed> senders() {
        return accounts.findAll().stream().filter(a -> !a.disabled() && a.account().role().mayBroadcast()).toList();
    }

    private ApiResponse list(ApiRequest r) {
        ExchangeEndpoints.requireAdmin(r.account());
        List<Map<String, Object>> out = new ArrayList<>();
        for (AccountRepository.Listed a : senders()) {
            for (AccountRepository.TokenRow t : accounts.tokensOf(a.account().id())) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", t.id());
                m.put("name", t.name());
                m.put("accountId", a.account().id());
                m.put("username", a.account().username());
                m.put("role", a.account().role().name());
                m.put("scopeAreaId", a.account().scopeAreaId());
                m.put("createdAt", Json.utc(t.createdAt()));
                m.put("expiresAt", Json.utc(t.expiresAt()));
                m.put("lastUsedAt", Json.utc(t.lastUsedAt()));
                out.add(m);
            }
        }
        return ApiResponse.ok(out);
    }

    private ApiResponse issue(ApiRequest r) {
        ExchangeEndpoints.requireAdmin(r.account());
        JsonNode body = r.jsonBody();
        List<Problem> problems = new ArrayList<>();
        Optional<AccountRepository.Listed> sender = Optional.empty();
        JsonNode accountId = body.get("accountId");
        if (accountId == null || accountId.isNull()) {
            problems.add(RejectionCode.REQUIRED.problem("accountId"));
        } else if (!accountId.isIntegralNumber()) {
            problems.add(RejectionCode.WRONG_TYPE.problem("accountId", Expected.ID));
        } else {
            long id = accountId.asLong();
            sender = accounts.find(id).filter(a -> !a.disabled());
            if (sender.isEmpty()) {
                problems.add(RejectionCode.NOT_FOUND.problem(ObjectKind.ACCOUNT, id));
            } else if (!sender.get().account().role().mayBroadcast()) {
                problems.add(RejectionCode.NOT_ONE_OF.problem("accountId", sender.get().account().role().name(),
                        "ADMIN, OPERATOR"));
            }
        }
        String name = ExchangeEndpoints.text(body, "name");
        if (name == null || name.isBlank()) {
            problems.add(RejectionCode.REQUIRED.problem("name"));
        } else if (name.strip().length() > MAX_NAME) {
            problems.add(RejectionCode.TOO_LONG.problem("name", MAX_NAME));
        }
        int days = DEFAULT_DAYS;
        JsonNode d = body.get("expiresInDays");
        if (d != null && !d.isNull()) {
            if (!d.isIntegralNumber() || d.asLong() < 1 || d.asLong() > ApiTokenService.MAX_DAYS) {
                problems.add(RejectionCode.OUT_OF_RANGE.problem("expiresInDays", 1, ApiTokenService.MAX_DAYS));
            } else {
                days = d.asInt();
            }
        }
        if (!problems.isEmpty()) {
            throw new Rejection(problems);
        }
        var owner = sender.orElseThrow().account();
        ApiTokenService.Issued issued;
        try {
            issued = tokens.issue(owner, name.strip(), days);
        } catch (IllegalStateException e) {
            throw RejectionCode.TOO_MANY_TOKENS.reject(vn.loa.controller.account.ApiTokenService.MAX_PER_ACCOUNT);
        }
        r.audit("token " + issued.id() + " " + name.strip() + " of " + owner.username(), "expires " + issued.expiresAt());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", issued.id());
        out.put("token", issued.token());
        out.put("name", name.strip());
        out.put("accountId", owner.id());
        out.put("expiresAt", Json.utc(issued.expiresAt()));
        return ApiResponse.created(out).withHeader("Location", "/api/v1/exchange/senders/" + issued.id());
    }

    private ApiResponse revoke(ApiRequest r) {
        ExchangeEndpoints.requireAdmin(r.account());
        long id = r.pathId("id");
        for (AccountRepository.Listed a : accounts.findAll()) {
            if (accounts.tokensOf(a.account().id()).stream().anyMatch(t -> t.id() == id)) {
                if (tokens.revoke(a.account(), id)) {
                    r.audit("token " + id + " of " + a.account().username(), "revoked");
                    return ApiResponse.noContent();
                }
            }
        }
        throw RejectionCode.NOT_FOUND.reject(ObjectKind.TOKEN, id);
    }
}
