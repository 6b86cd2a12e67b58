package vn.loa.controller.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.events.EventHub;
import vn.loa.controller.events.EventSubscriber;

/**
 * {@code GET /api/v1/events}: the console's live events as a Server-Sent Events stream. Sits before the
 * aggregator; on an events request it takes the connection over (removes the aggregator, the API
 * handler and the read timeout), authenticates on the blocking executor, then answers with a chunked
 * {@code text/event-stream} kept open. Every other request passes through untouched.
 */
@Sharable
public final class EventStreamHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(EventStreamHandler.class);
    public static final String PATH = "/api/v1/events";
    public static final String NAME = "events";
    /** A subscriber with more than this queued and unsent is too slow and is dropped. */
    private static final long MAX_PENDING_BYTES = 1 << 20;

    private final EventHub hub;
    private final RequestAuthenticator auth;
    private final ExecutorService blocking;
    private final ObjectMapper json;

    private final ScopeGuard scopes;

    public EventStreamHandler(EventHub hub, vn.loa.controller.account.SessionService sessions, ExecutorService blocking,
            ObjectMapper json, ScopeGuard scopes) {
        this.scopes = scopes;
        this.hub = hub;
        this.auth = new RequestAuthenticator(sessions);
        this.blocking = blocking;
        this.json = json;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpRequest req) || !PATH.equals(new QueryStringDecoder(req.uri()).path())) {
            ctx.fireChannelRead(msg);
            return;
        }
        ReferenceCountUtil.release(msg);
        if (!req.method().equals(HttpMethod.GET)) {
            refuse(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, req.method() + " is not allowed on " + PATH);
            return;
        }
        // this connection is an event stream from now on: nothing else reads or times it out
        for (String name : new String[] {"readTimeout", "expectContinue", "aggregator", "liveUpgrade", "api"}) {
            if (ctx.pipeline().get(name) != null) {
                ctx.pipeline().remove(name);
            }
        }
        ctx.pipeline().addAfter(ctx.name(), "eventsDiscard", new DiscardInbound());
        ctx.channel().config().setAutoRead(false);
        try {
            blocking.execute(() -> {
                ScopeGuard.View scope;
                try {
                    scope = scopes.of(auth.authenticate(req, null).account());
                } catch (vn.loa.controller.rejection.Rejection e) {
                    scope = null;
                } catch (RuntimeException e) {
                    log.error("live events: authentication failed on an error: {}", e.toString());
                    scope = null;
                }
                ScopeGuard.View view = scope;
                ctx.executor().execute(() -> start(ctx, view));
            });
        } catch (RejectedExecutionException e) {
            refuse(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "the controller is shutting down");
        }
    }

    private void start(ChannelHandlerContext ctx, ScopeGuard.View scope) {
        boolean authenticated = scope != null;
        if (!ctx.channel().isActive()) {
            return;
        }
        if (!authenticated) {
            refuse(ctx, HttpResponseStatus.UNAUTHORIZED,
                    "sign in first (POST /api/v1/session), then send the session cookie or 'Authorization: Bearer <token>'");
            return;
        }
        ctx.channel().config().setAutoRead(true);
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        head.headers().set("X-Accel-Buffering", "no");
        head.headers().set("X-Content-Type-Options", "nosniff");
        HttpUtil.setTransferEncodingChunked(head, true);
        ctx.writeAndFlush(head);
        Subscriber s = new Subscriber(ctx.channel(), scope);
        hub.subscribe(s);
        ctx.channel().closeFuture().addListener(f -> hub.unsubscribe(s));
        log.debug("live events: {} subscribed", ctx.channel().remoteAddress());
    }

    private void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String message) {
        FullHttpResponse r = ApiHandler.errorResponse(json, status, message);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }

    /** One stream; it sees the stations of its account's scope as they were when it subscribed. */
    private record Subscriber(Channel channel, ScopeGuard.View scope) implements EventSubscriber {
        @Override
        public boolean sees(long stationId) {
            return scope.everything() || scope.stationVisible(stationId);
        }

        @Override
        public boolean send(String frame) {
            if (!channel.isActive() || channel.bytesBeforeWritable() > MAX_PENDING_BYTES) {
                return false;
            }
            HttpContent chunk = new DefaultHttpContent(Unpooled.copiedBuffer(frame, StandardCharsets.UTF_8));
            channel.writeAndFlush(chunk, channel.voidPromise());
            return true;
        }

        @Override
        public void close() {
            channel.close();
        }
    }

    /** Drops whatever the client sends on an event stream (it should send nothing). */
    private static final class DiscardInbound extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("live events: connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
