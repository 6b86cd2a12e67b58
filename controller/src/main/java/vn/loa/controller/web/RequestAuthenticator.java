package vn.loa.controller.web;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.util.Optional;
import vn.loa.controller.account.Account;
import vn.loa.controller.account.SessionService;

/** Who sent a request: a bearer token or the session cookie (reads the database: call off the event loop). */
final class RequestAuthenticator {
    private final SessionService sessions;

    RequestAuthenticator(SessionService sessions) {
        this.sessions = sessions;
    }

    Optional<Account> authenticate(HttpRequest request) {
        String auth = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return sessions.authenticate(auth.substring(7).trim());
        }
        String cookies = request.headers().get(HttpHeaderNames.COOKIE);
        if (cookies != null) {
            for (var c : ServerCookieDecoder.STRICT.decode(cookies)) {
                if (ApiHandler.SESSION_COOKIE.equals(c.name())) {
                    return sessions.authenticate(c.value());
                }
            }
        }
        return Optional.empty();
    }
}
