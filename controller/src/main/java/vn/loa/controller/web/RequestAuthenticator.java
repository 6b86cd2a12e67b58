package vn.loa.controller.web;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import vn.loa.controller.account.Principal;
import vn.loa.controller.account.SessionService;
import vn.loa.controller.rejection.Rejection;
import vn.loa.controller.rejection.RejectionCode;

/** Who sent a request: a bearer token or the session cookie (reads the database: call off the event loop). */
final class RequestAuthenticator {
    private final SessionService sessions;

    RequestAuthenticator(SessionService sessions) {
        this.sessions = sessions;
    }

    /** True when the request carries no bearer token and would be signed in by the session cookie. */
    static boolean viaCookie(HttpRequest request) {
        String auth = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        return (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7))
                && request.headers().get(HttpHeaderNames.COOKIE) != null;
    }

    /**
     * True when the Origin header names the same host (and port) as the Host header: a cookie-authenticated
     * WebSocket must come from a page of this controller (browsers send Origin on every WebSocket).
     */
    static boolean originMatchesHost(HttpRequest request) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (origin == null || host == null) {
            return false;
        }
        try {
            java.net.URI u = new java.net.URI(origin);
            if (u.getHost() == null || u.getScheme() == null) {
                return false;
            }
            String originHost = u.getHost() + (u.getPort() == -1 ? "" : ":" + u.getPort());
            return originHost.equalsIgnoreCase(host) || (u.getPort() == -1 && host.equalsIgnoreCase(u.getHost()
                    + (u.getScheme().equals("https") ? ":443" : ":80")));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /**
     * The caller of any request — API, event stream or live-audio WebSocket: a bearer token (a session or an API
     * token), else the session cookie, which must hold a session (an API token sent as the cookie is refused:
     * cookies are sent by browsers on their own, so a token there would skip the CSRF check meant for sessions),
     * else, for WebSockets only, {@code ?token=} (browsers cannot set headers on a WebSocket).
     *
     * @param queryToken the {@code token} query parameter where the path allows one, else null
     * @throws Rejection {@link RejectionCode#SIGN_IN_REQUIRED} or {@link RejectionCode#API_TOKEN_IN_COOKIE}
     */
    Principal authenticate(HttpRequest request, String queryToken) {
        String auth = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return sessions.principal(auth.substring(7).trim())
                    .orElseThrow(() -> RejectionCode.SIGN_IN_REQUIRED.reject());
        }
        String cookies = request.headers().get(HttpHeaderNames.COOKIE);
        if (cookies != null) {
            for (var c : ServerCookieDecoder.STRICT.decode(cookies)) {
                if (ApiHandler.SESSION_COOKIE.equals(c.name())) {
                    Principal p = sessions.principal(c.value())
                            .orElseThrow(() -> RejectionCode.SIGN_IN_REQUIRED.reject());
                    if (p.apiToken()) {
                        throw RejectionCode.API_TOKEN_IN_COOKIE.reject();
                    }
                    return p.withCookie();
                }
            }
        }
        if (queryToken != null && !queryToken.isBlank()) {
            return sessions.principal(queryToken.trim()).orElseThrow(() -> RejectionCode.SIGN_IN_REQUIRED.reject());
        }
        throw RejectionCode.SIGN_IN_REQUIRED.reject();
    }
}
