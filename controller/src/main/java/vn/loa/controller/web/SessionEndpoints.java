package vn.loa.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.cookie.CookieHeaderNames;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.account.SessionService;

/** Sign in and out. */
public final class SessionEndpoints {
    private static final Logger log = LoggerFactory.getLogger(SessionEndpoints.class);
    private final SessionService sessions;

    public SessionEndpoints(SessionService sessions) {
        this.sessions = sessions;
    }

    public void register(Router router) {
        router.addPublic(HttpMethod.POST, "/api/v1/session", this::signIn);
        router.add(HttpMethod.GET, "/api/v1/session", this::whoAmI);
        router.add(HttpMethod.DELETE, "/api/v1/session", this::signOut);
    }

    private ApiResponse signIn(ApiRequest request) {
        JsonNode body = request.jsonBody();
        List<String> errors = new ArrayList<>();
        String username = Json.text(body, "username", 100, errors);
        JsonNode pw = body.get("password");
        if (pw == null || !pw.isTextual() || pw.asText().isEmpty()) {
            errors.add("password: required text");
        }
        Json.failIfAny(errors);
        var signedIn = sessions.signIn(username, pw.asText());
        if (signedIn.isEmpty()) {
            log.warn("failed sign-in for '{}' from {}", username, request.remote());
            throw new ApiException(HttpResponseStatus.UNAUTHORIZED, "wrong username or password");
        }
        var s = signedIn.get();
        DefaultCookie cookie = new DefaultCookie(ApiHandler.SESSION_COOKIE, s.token());
        cookie.setHttpOnly(true);
        cookie.setPath("/");
        cookie.setSameSite(CookieHeaderNames.SameSite.Strict);
        cookie.setMaxAge(SessionService.SESSION_LIFETIME.toSeconds());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", s.token());
        out.put("username", s.account().username());
        out.put("role", s.account().role().name());
        out.put("expiresAt", Json.utc(s.expiresAt()));
        return ApiResponse.ok(out).withHeader(HttpHeaderNames.SET_COOKIE.toString(),
                ServerCookieEncoder.STRICT.encode(cookie));
    }

    private ApiResponse whoAmI(ApiRequest request) {
        var a = request.account();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", a.id());
        out.put("username", a.username());
        out.put("role", a.role().name());
        out.put("scopeAreaId", a.scopeAreaId());
        return ApiResponse.ok(out);
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
