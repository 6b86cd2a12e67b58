package vn.loa.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.cookie.CookieHeaderNames;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.account.AccountService;
import vn.loa.controller.account.LoginThrottle;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.account.SessionService;
import vn.loa.controller.audit.AuditLog;
import vn.loa.controller.rejection.Problems;

/** Sign in and out. */
public final class SessionEndpoints {
    private static final Logger log = LoggerFactory.getLogger(SessionEndpoints.class);
    private final SessionService sessions;
    private final LoginThrottle throttle;
    private final AccountService accountService;
    private final AuditLog audit;

    private final boolean secureCookies;

    public SessionEndpoints(SessionService sessions, LoginThrottle throttle, AccountService accountService,
            AuditLog audit) {
        this(sessions, throttle, accountService, audit, false);
    }

    /** @param secureCookies the console is served over HTTPS: cookies are never sent over plain HTTP */
    public SessionEndpoints(SessionService sessions, LoginThrottle throttle, AccountService accountService,
            AuditLog audit, boolean secureCookies) {
        this.secureCookies = secureCookies;
        this.sessions = sessions;
        this.throttle = throttle;
        this.accountService = accountService;
        this.audit = audit;
    }

    public void register(Router router) {
        router.addPublic(HttpMethod.POST, "/api/v1/session", this::signIn);
        router.add(HttpMethod.GET, "/api/v1/session", this::whoAmI);
        router.add(HttpMethod.DELETE, "/api/v1/session", this::signOut);
        router.add(HttpMethod.POST, "/api/v1/session/password", this::changePassword);
    }

    private ApiResponse signIn(ApiRequest request) {
        JsonNode body = request.jsonBody();
        Problems errors = new Problems();
        String username = Json.text(body, "username", 100, errors);
        JsonNode pw = body.get("password");
        if (pw == null || !pw.isTextual() || pw.asText().isEmpty()) {
            errors.add(RejectionCode.REQUIRED, "password");
        }
        errors.throwIfAny();
        String address = request.remoteAddress();
        var wait = throttle.retryAfter(username, address);
        if (wait.isPresent()) {
            return tooMany(wait.get());
        }
        var signedIn = sessions.signIn(username, pw.asText());
        if (signedIn.isEmpty()) {
            java.time.Duration delay = throttle.failed(username, address);
            log.warn("failed sign-in for '{}' from {}{}", username, address,
                    delay.isZero() ? "" : " (next attempt from there delayed " + delay.toSeconds() + " s)");
            audit.record(null, username, "POST /api/v1/session", "account " + username,
                    delay.isZero() ? "sign-in failed" : "sign-in failed; delayed " + delay.toSeconds() + " s", address);
            throw RejectionCode.SIGN_IN_FAILED.reject();
        }
        throttle.succeeded(username, address);
        var s = signedIn.get();
        request.auditAs(s.account());
        request.audit("account " + s.account().username(), "signed in");
        DefaultCookie cookie = new DefaultCookie(ApiHandler.SESSION_COOKIE, s.token());
        cookie.setSecure(secureCookies);
        cookie.setHttpOnly(true);
        cookie.setPath("/");
        cookie.setSameSite(CookieHeaderNames.SameSite.Strict);
        cookie.setMaxAge(SessionService.SESSION_LIFETIME.toSeconds());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", s.token());
        out.put("username", s.account().username());
        out.put("role", s.account().role().name());
        out.put("expiresAt", Json.utc(s.expiresAt()));
        out.put("csrfToken", s.csrfToken());
        out.put("scopeAreaId", s.account().scopeAreaId());
        DefaultCookie csrf = new DefaultCookie(ApiHandler.CSRF_COOKIE, s.csrfToken());
        csrf.setSecure(secureCookies);
        csrf.setHttpOnly(false);
        csrf.setPath("/");
        csrf.setSameSite(CookieHeaderNames.SameSite.Strict);
        csrf.setMaxAge(SessionService.SESSION_LIFETIME.toSeconds());
        return ApiResponse.ok(out).withHeader(HttpHeaderNames.SET_COOKIE.toString(),
                ServerCookieEncoder.STRICT.encode(cookie))
                .withHeader(ApiHandler.EXTRA_COOKIE + "2", ServerCookieEncoder.STRICT.encode(csrf));
    }

    private ApiResponse whoAmI(ApiRequest request) {
        var a = request.account();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", a.id());
        out.put("username", a.username());
        out.put("role", a.role().name());
        out.put("scopeAreaId", a.scopeAreaId());
        out.put("csrfToken", request.principal().csrfToken());
        return ApiResponse.ok(out);
    }

    /** 429 with Retry-After: too many failed sign-ins for this username or from this address. */
    private static ApiResponse tooMany(java.time.Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        // a Rejection carries no header: this one answer is written here, in the shape of every refusal
        var problem = RejectionCode.SIGN_IN_THROTTLED.problem(seconds);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", problem.english());
        body.put("code", problem.code().name());
        body.put("params", problem.jsonParams());
        return new ApiResponse(HttpResponseStatus.TOO_MANY_REQUESTS, body, null, null, new LinkedHashMap<>())
                .withHeader("Retry-After", Long.toString(seconds));
    }

    /** {"current", "new"}: the caller's own password; the caller's other sessions end. */
    private ApiResponse changePassword(ApiRequest request) {
        JsonNode body = request.jsonBody();
        String current = body.hasNonNull("current") && body.get("current").isTextual() ? body.get("current").asText() : null;
        String next = body.hasNonNull("new") && body.get("new").isTextual() ? body.get("new").asText() : null;
        String keep = null;
        String auth = request.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            keep = vn.loa.controller.account.Tokens.sha256Hex(auth.substring(7).trim());
        } else if (request.header("Cookie") != null) {
            for (var c : io.netty.handler.codec.http.cookie.ServerCookieDecoder.STRICT.decode(request.header("Cookie"))) {
                if (ApiHandler.SESSION_COOKIE.equals(c.name())) {
                    keep = vn.loa.controller.account.Tokens.sha256Hex(c.value());
                }
            }
        }
        accountService.changeOwnPassword(request.account(), current, next, keep);
        request.audit("account " + request.account().username(), "own password changed");
        return ApiResponse.noContent();
    }

    private ApiResponse signOut(ApiRequest request) {
        String auth = request.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            sessions.signOut(auth.substring(7).trim());
        }
        String cookies = request.header("Cookie");
        if (cookies != null) {
            for (var c : io.netty.handler.codec.http.cookie.ServerCookieDecoder.STRICT.decode(cookies)) {
                if (ApiHandler.SESSION_COOKIE.equals(c.name())) {
                    sessions.signOut(c.value());
                }
            }
        }
        DefaultCookie gone = new DefaultCookie(ApiHandler.SESSION_COOKIE, "");
        gone.setPath("/");
        gone.setMaxAge(0);
        return ApiResponse.noContent().withHeader(HttpHeaderNames.SET_COOKIE.toString(),
                ServerCookieEncoder.STRICT.encode(gone));
    }
}
