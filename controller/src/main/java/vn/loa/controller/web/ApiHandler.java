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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.account.Account;
import vn.loa.controller.account.Principal;
import vn.loa.controller.account.SessionService;
import vn.loa.controller.audit.AuditLog;
import vn.loa.controller.rejection.Rejection;
import vn.loa.controller.rejection.RejectionCode;

/**
 * Routes each aggregated request to its endpoint on the blocking executor, authenticates it (session
 * cookie or bearer token) and writes the answer back as JSON.
 */
@Sharable
public final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
    public static final String SESSION_COOKIE = "loa_session";
    /** The cookie holding the session's CSRF token (readable by the console's script). */
    public static final String CSRF_COOKIE = "loa_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** ApiResponse keeps one value per header name: further cookies go under "Set-Cookie#2", "#3", … */
    static final String EXTRA_COOKIE = "Set-Cookie#";
    private static final io.netty.util.AttributeKey<CompletableFuture<Void>> LAST_REQUEST =
            io.netty.util.AttributeKey.valueOf("loa.lastRequest");

    private final Router router;
    private final RequestAuthenticator authenticator;
    private final ExecutorService blocking;
    private final ObjectMapper json;
    private final AuditLog audit;

    public ApiHandler(Router router, SessionService sessions, ExecutorService blocking, ObjectMapper json) {
        this(router, sessions, blocking, json, null);
    }

    /** {@code audit}: where every successful state-changing request is recorded (null: nowhere). */
    public ApiHandler(Router router, SessionService sessions, ExecutorService blocking, ObjectMapper json,
            AuditLog audit) {
        super(FullHttpRequest.class, false);
        this.router = router;
        this.authenticator = new RequestAuthenticator(sessions);
        router.checkComplete();
        this.blocking = blocking;
        this.json = json;
        this.audit = audit;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            request.release();
            write(ctx, false, rejectionResponse(json, RejectionCode.MALFORMED_REQUEST));
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        // the client as the guard resolved it for this request (X-Forwarded-For from a trusted proxy only), read
        // here on the event loop, in order with the request
        java.net.SocketAddress client = ctx.channel().hasAttr(HttpGuard.CLIENT)
                ? new java.net.InetSocketAddress(HttpGuard.client(ctx.channel()), 0) : ctx.channel().remoteAddress();
        // requests of one connection are answered in order (HTTP/1.1 pipelining): each runs after the previous
        var previous = ctx.channel().attr(LAST_REQUEST).get();
        Runnable task = () -> {
            FullHttpResponse response;
            try {
                response = handle(ctx, request, client);
            } finally {
                request.release(); // before the answer: a spooled upload's file is gone when the client hears back
            }
            write(ctx, keepAlive, response);
        };
        try {
            var next = previous == null ? CompletableFuture.runAsync(task, blocking)
                    : previous.handle((ok, failed) -> null).thenRunAsync(task, blocking);
            ctx.channel().attr(LAST_REQUEST).set(next);
        } catch (RejectedExecutionException e) {
            request.release();
            write(ctx, false, rejectionResponse(json, RejectionCode.SHUTTING_DOWN));
        }
    }

    private FullHttpResponse handle(ChannelHandlerContext ctx, FullHttpRequest request, java.net.SocketAddress client) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        try {
            Router.Match match = router.match(request.method(), uri.path());
            if (match == null) {
                throw RejectionCode.NO_SUCH_RESOURCE.reject(uri.path());
            }
            if (match.route() == null) {
                throw RejectionCode.METHOD_NOT_ALLOWED.reject(request.method().name(), uri.path());
            }
            Principal principal = null;
            if (match.route().requiresAuth()) {
                principal = authenticator.authenticate(request, null);
                for (var id : match.route().ids().entrySet()) {
                    router.requireVisible(principal.account(), id.getValue(), match.params().get(id.getKey()));
                }
                checkCsrf(request, principal);
            }
            ApiRequest apiRequest = new ApiRequest(request, uri, match.params(), principal, client, json);
            ApiResponse response = match.route().endpoint().handle(apiRequest);
            audit(request, match.route(), apiRequest, response);
            return toHttp(response);
        } catch (Rejection e) {
            return rejectionResponse(json, e);
        } catch (Exception e) {
            log.error("{} {} failed: {}", request.method(), uri.path(), e.toString(), e);
            return rejectionResponse(json, RejectionCode.INTERNAL_ERROR);
        }
    }

    /** Whether the request's head names a signed-in caller (reads the database: call off the event loop). */
    boolean signedIn(io.netty.handler.codec.http.HttpRequest head) {
        try {
            authenticator.authenticate(head, null);
            return true;
        } catch (Rejection e) {
            return false;
        }
    }

    ExecutorService blocking() {
        return blocking;
    }

    static boolean changesState(io.netty.handler.codec.http.HttpMethod method) {
        String m = method.name();
        return m.equals("POST") || m.equals("PUT") || m.equals("PATCH") || m.equals("DELETE");
    }

    /**
     * A state-changing request authenticated by the session cookie must carry the session's CSRF token in
     * {@value #CSRF_HEADER}; a bearer request needs none (browsers never add that header on their own).
     */
    private static void checkCsrf(FullHttpRequest request, Principal principal) {
        if (!principal.viaCookie() || !changesState(request.method())) {
            return;
        }
        String sent = request.headers().get(CSRF_HEADER);
        String expected = principal.csrfToken();
        if (sent == null || expected == null || !java.security.MessageDigest.isEqual(
                sent.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                expected.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            throw RejectionCode.CSRF_TOKEN_MISSING.reject();
        }
    }

    /** Records a successful state-changing request: who, what, on what, from where. */
    private void audit(FullHttpRequest request, Router.Route route, ApiRequest r, ApiResponse response) {
        if (audit == null || !changesState(request.method()) || response.status().code() >= 400) {
            return;
        }
        Account who = r.auditAccount();
        String target = r.auditTarget();
        if (target == null) {
            target = response.headers().get("Location");
        }
        if (target == null && !r.pathParams().isEmpty()) {
            target = new java.util.TreeMap<>(r.pathParams()).toString();
        }
        audit.record(who == null ? null : who.id(), who == null ? null : who.username(),
                request.method().name() + " /" + String.join("/", route.segments()), target, r.auditDetail(),
                r.remoteAddress());
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
            String name = h.getKey().startsWith(EXTRA_COOKIE) ? HttpHeaderNames.SET_COOKIE.toString() : h.getKey();
            response.headers().add(name, h.getValue());
        }
        return response;
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

    /**
     * The one translation of a refusal into HTTP (docs/api.md#errors): the first problem's status, and a body
     * {@code {"error": English text, "code": CODE, "params": {…}}}, plus {@code "errors": [{code, params, error}…]}
     * listing every problem when there are several.
     */
    static FullHttpResponse rejectionResponse(ObjectMapper json, Rejection rejection) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("error", rejection.getMessage());
        body.put("code", rejection.code().name());
        body.put("params", rejection.first().jsonParams());
        if (rejection.problems().size() > 1) {
            body.put("errors", rejection.problems().stream().map(p -> {
                Map<String, Object> one = new java.util.LinkedHashMap<>();
                one.put("code", p.code().name());
                one.put("params", p.jsonParams());
                one.put("error", p.english());
                return one;
            }).toList());
        }
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (Exception e) {
            log.error("could not write the refusal {}: {}", rejection.code(), e.toString(), e);
            bytes = "{\"error\":\"error\",\"code\":\"INTERNAL_ERROR\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(rejection.status()), Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        return response;
    }

    static FullHttpResponse rejectionResponse(ObjectMapper json, RejectionCode code, Object... params) {
        return rejectionResponse(json, code.reject(params));
    }

    private static void write(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        response.headers().set("X-Content-Type-Options", "nosniff");
        if (ctx.pipeline().get(io.netty.handler.ssl.SslHandler.class) != null) {
            // over HTTPS, browsers must never come back over plain HTTP (docs/security.md)
            response.headers().set("Strict-Transport-Security", "max-age=31536000");
        }
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
