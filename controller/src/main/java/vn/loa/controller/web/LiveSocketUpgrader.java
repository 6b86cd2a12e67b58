package vn.loa.controller.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.loa.controller.account.Account;
import vn.loa.controller.account.SessionService;
import vn.loa.controller.announcement.AnnouncementService;

/**
 * Turns {@code GET /api/v1/announcements/{id}/live?rate=48000} with a WebSocket upgrade into the
 * live audio feed of that announcement, for a signed-in admin or operator (session cookie, bearer
 * header, or {@code token} query parameter for clients that cannot set headers).
 */
@Sharable
public final class LiveSocketUpgrader extends ChannelInboundHandlerAdapter {
    private static final Pattern PATH = Pattern.compile("/api/v1/announcements/(\\d{1,18})/live");
    private static final int MAX_WS_FRAME = 1 << 20;

    private final RequestAuthenticator authenticator;
    private final AnnouncementService announcements;
    private final ExecutorService blocking;
    private final ObjectMapper json;

    private final ScopeGuard scopes;

    public LiveSocketUpgrader(SessionService sessions, AnnouncementService announcements, ExecutorService blocking,
            ObjectMapper json, ScopeGuard scopes) {
        this.scopes = scopes;
        this.authenticator = new RequestAuthenticator(sessions);
        this.announcements = announcements;
        this.blocking = blocking;
        this.json = json;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)
                || !HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE, ""))) {
            ctx.fireChannelRead(msg);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        Matcher m = PATH.matcher(uri.path());
        if (!m.matches()) {
            reply(ctx, request, HttpResponseStatus.NOT_FOUND, "no WebSocket here: " + uri.path());
            return;
        }
        long id = Long.parseLong(m.group(1));
        int rate;
        try {
            rate = Integer.parseInt(first(uri, "rate").orElse("48000"));
        } catch (NumberFormatException e) {
            reply(ctx, request, HttpResponseStatus.BAD_REQUEST, "rate: a sample rate in Hz, e.g. 48000");
            return;
        }
        if (rate < 8000 || rate > 96_000) {
            reply(ctx, request, HttpResponseStatus.BAD_REQUEST, "rate: 8000–96000 Hz");
            return;
        }
        if (request.headers().get(HttpHeaderNames.AUTHORIZATION) == null && !first(uri, "token").isPresent()
                && RequestAuthenticator.viaCookie(request) && !RequestAuthenticator.originMatchesHost(request)) {
            reply(ctx, request, HttpResponseStatus.FORBIDDEN,
                    "a WebSocket signed in by the session cookie must come from this controller's page (Origin must match Host)");
            return;
        }
        blocking.execute(() -> {
            Optional<Account> account = caller(request, uri);
            // only someone whose scope covers every station of the announcement may speak into it
            boolean inScope = account.isPresent() && announcements.view(id).map(v -> {
                ScopeGuard.View scope = scopes.of(account.get());
                return v.stations().stream().allMatch(st -> scope.stationVisible(st.stationId()));
            }).orElse(true);
            Optional<AnnouncementService.LiveFeed> feed = account.isPresent() && account.get().role().mayBroadcast()
                    && inScope ? announcements.liveFeed(id) : Optional.empty();
            ctx.executor().execute(() -> {
                if (account.isEmpty()) {
                    reply(ctx, request, HttpResponseStatus.UNAUTHORIZED, "sign in first");
                } else if (!account.get().role().mayBroadcast()) {
                    reply(ctx, request, HttpResponseStatus.FORBIDDEN, "only an admin or an operator may speak live");
                } else if (!inScope) {
                    reply(ctx, request, HttpResponseStatus.FORBIDDEN, "announcement " + id + " reaches outside your area");
                } else if (feed.isEmpty()) {
                    reply(ctx, request, HttpResponseStatus.CONFLICT,
                            "announcement " + id + " is not a live announcement waiting for audio");
                } else {
                    upgrade(ctx, request, id, feed.get(), rate);
                }
            });
        });
    }

    /** The caller by the one authenticator, or empty when not signed in (answered 401). */
    private Optional<Account> caller(FullHttpRequest request, QueryStringDecoder uri) {
        try {
            return Optional.of(authenticator.authenticate(request, first(uri, "token").orElse(null)).account());
        } catch (vn.loa.controller.rejection.Rejection e) {
            return Optional.empty();
        }
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, long id, AnnouncementService.LiveFeed feed,
            int rate) {
        try {
            String location = "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + request.uri();
            WebSocketServerHandshaker hs = new WebSocketServerHandshakerFactory(location, null, false, MAX_WS_FRAME)
                    .newHandshaker(request);
            if (hs == null) {
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
                return;
            }
            ctx.pipeline().replace("api", "live", new LiveAudioHandler(id, feed, rate));
            hs.handshake(ctx.channel(), request);
            ctx.pipeline().remove(this);
        } finally {
            request.release();
        }
    }


    private static Optional<String> first(QueryStringDecoder uri, String name) {
        List<String> v = uri.parameters().get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    private void reply(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, String message) {
        request.release();
        FullHttpResponse r = ApiHandler.errorResponse(json, status, message);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }
}
