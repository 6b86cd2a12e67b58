package vn.loa.controller.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.account.Account;
import vn.loa.controller.account.SessionService;

/**
 * Routes each aggregated request to its endpoint on the blocking executor, authenticates it (session
 * cookie or bearer token) and writes the answer back as JSON.
 */
@Sharable
public final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
    public static final String SESSION_COOKIE = "loa_session";
    private static final io.netty.util.AttributeKey<CompletableFuture<Void>> LAST_REQUEST =
            io.netty.util.AttributeKey.valueOf("loa.lastRequest");

    private final Router router;
    private final SessionService sessions;
    private final ExecutorService blocking;
    private final ObjectMapper json;

    public ApiHandler(Router router, SessionService sessions, ExecutorService blocking, ObjectMapper json) {
        super(FullHttpRequest.class, false);
        this.router = router;
        this.sessions = sessions;
        this.blocking = blocking;
        this.json = json;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            request.release();
            write(ctx, false, error(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request"));
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        // requests of one connection are answered in order (HTTP/1.1 pipelining): each runs after the previous
        var previous = ctx.channel().attr(LAST_REQUEST).get();
        Runnable task = () -> {
            try {
                write(ctx, keepAlive, handle(ctx, request));
            } finally {
                request.release();
            }
        };
        try {
            var next = previous == null ? CompletableFuture.runAsync(task, blocking)
                    : previous.handle((ok, failed) -> null).thenRunAsync(task, blocking);
            ctx.channel().attr(LAST_REQUEST).set(next);
        } catch (RejectedExecutionException e) {
            request.release();
            write(ctx, false, error(HttpResponseStatus.SERVICE_UNAVAILABLE, "the controller is shutting down"));
        }
    }

    private FullHttpResponse handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        try {
            Router.Match match = router.match(request.method(), uri.path());
            if (match == null) {
                throw ApiException.notFound("no such resource: " + uri.path());
            }
            if (match.route() == null) {
                throw new ApiException(HttpResponseStatus.METHOD_NOT_ALLOWED,
                        request.method() + " is not allowed on " + uri.path());
            }
            Account account = null;
            if (match.route().requiresAuth()) {
                account = authenticate(request).orElseThrow(() -> new ApiException(HttpResponseStatus.UNAUTHORIZED,
                        "sign in first (POST /api/v1/session), then send the session cookie or 'Authorization: Bearer <token>'"));
            }
            ApiRequest apiRequest = new ApiRequest(request, uri, match.params(), account, ctx.channel().remoteAddress(), json);
            return toHttp(match.route().endpoint().handle(apiRequest));
        } catch (ApiException e) {
            return error(e.status(), e.getMessage());
        } catch (Exception e) {
            log.error("{} {} failed: {}", request.method(), uri.path(), e.toString(), e);
            return error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error; see the controller log");
        }
    }

    private Optional<Account> authenticate(FullHttpRequest request) {
        String auth = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return sessions.authenticate(auth.substring(7).trim());
        }
        String cookies = request.headers().get(HttpHeaderNames.COOKIE);
        if (cookies != null) {
            for (var c : ServerCookieDecoder.STRICT.decode(cookies)) {
                if (SESSION_COOKIE.equals(c.name())) {
                    return sessions.authenticate(c.value());
                }
            }
        }
        return Optional.empty();
    }

    private FullHttpResponse toHttp(ApiResponse r) throws Exception {
        FullHttpResponse response;
        if (r.raw() != null) {
            response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, r.status(), Unpooled.wrappedBuffer(r.raw()));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        } else if (r.json() != null) {
            response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, r.status(),
                    Unpooled.wrappedBuffer(json.writeValueAsBytes(r.json())));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        } else {
            response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, r.status());
        }
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            response.headers().add(h.getKey(), h.getValue());
        }
        return response;
    }

    FullHttpResponse error(HttpResponseStatus status, String message) {
        return errorResponse(json, status, message);
    }

    static FullHttpResponse errorResponse(ObjectMapper json, HttpResponseStatus status, String message) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(Map.of("error", message));
        } catch (Exception e) {
            body = "{\"error\":\"error\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        return response;
    }

    private static void write(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        response.headers().set("X-Content-Type-Options", "nosniff");
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("HTTP connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
