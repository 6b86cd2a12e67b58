package vn.loa.controller.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import vn.loa.controller.rejection.RejectionCode;

/**
 * The first handler after the HTTP codec, one per connection: it holds the connection to the {@link HttpBudget}
 * (slots per address and in total, body bytes in memory), to a head deadline and a minimum body rate, and to
 * the small body limit until the caller is signed in. An upload route's head is authenticated (on the blocking
 * executor, reading paused) before any of its body is read; every other route's body is at most
 * {@link HttpBudget.Limits#smallBody()}. Every refusal closes the connection (docs/security.md#resource-exhaustion).
 * Long on purpose: one connection's whole admission story in one place, for one owner of its timers.
 */
final class HttpGuard extends ChannelDuplexHandler {
    static final String NAME = "guard";

    private final HttpBudget budget;
    private final ObjectMapper json;
    private final Predicate<HttpRequest> isUpload;
    private final Predicate<HttpRequest> signedIn;
    private final ExecutorService blocking;
    private final vn.loa.controller.net.TrustedProxies proxies;
    /** Whether an {@link UploadSpooler} follows in the pipeline (then upload bodies are its to count). */
    private final boolean spooling;

    /** The address that connected: the connection slot is its (a trusted proxy has no per-address cap). */
    private InetAddress peer;
    /** Body bytes {@link #held} are reserved under this address (the client of the request that reserved them). */
    private InetAddress heldBy;

    /** The client's address as the budget and the rate limiter key it (set when the connection opens). */
    static final io.netty.util.AttributeKey<InetAddress> CLIENT = io.netty.util.AttributeKey.valueOf("loa.httpClient");

    private InetAddress address;
    /** Whether the current request's body goes to {@link UploadSpooler} (which counts its own bytes in memory). */
    private boolean spooled;
    private boolean admitted;
    private ScheduledFuture<?> deadline;
    /** Body bytes of the current request held in memory (reserved in the budget until it is answered). */
    private long held;
    private long bodyLimit;
    private long bodySoFar;
    private boolean discarding;
    /** Whether the current request's client may still be sending after a 413 (keep-alive or 100-continue). */
    private boolean keepReading;
    private boolean upgraded;
    /** Messages read while an upload's head is being authenticated. */
    private Queue<Object> waiting;

    HttpGuard(HttpBudget budget, ObjectMapper json, Predicate<HttpRequest> isUpload, Predicate<HttpRequest> signedIn,
            ExecutorService blocking, vn.loa.controller.net.TrustedProxies proxies, boolean spooling) {
        this.proxies = proxies;
        this.spooling = spooling;
        this.budget = budget;
        this.json = json;
        this.isUpload = isUpload;
        this.signedIn = signedIn;
        this.blocking = blocking;
    }

    /** Uploads are POSTs of multipart bodies to the bulletin collection. */
    static boolean bulletinUpload(HttpRequest r) {
        return r.method().equals(HttpMethod.POST) && r.uri().split("\\?", 2)[0].replaceAll("/+$", "")
                .equals("/api/v1/bulletins");
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        peer = ctx.channel().remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress() : InetAddress.getLoopbackAddress();
        address = peer;
        heldBy = peer;
        ctx.channel().attr(CLIENT).set(address);
        // a trusted proxy carries many clients: only the total cap applies to its connections
        admitted = budget.openConnection(peer, !proxies.trusts(peer));
        if (!admitted) {
            ctx.close();
            return;
        }
        armHeadDeadline(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelDeadline();
        if (admitted) {
            budget.release(heldBy, held);
            held = 0;
            budget.closeConnection(peer);
            admitted = false;
        }
        if (waiting != null) {
            waiting.forEach(ReferenceCountUtil::release);
            waiting = null;
        }
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!admitted || upgraded) {
            if (!admitted) {
                ReferenceCountUtil.release(msg);
                return;
            }
            ctx.fireChannelRead(msg);
            return;
        }
        if (waiting != null) {
            waiting.add(msg);
            return;
        }
        if (msg instanceof HttpRequest head) {
            cancelDeadline();
            // the client of this request: the peer, or the one a trusted proxy names (docs/security.md#client-addresses)
            address = proxies.client(peer, head.headers().getAll("X-Forwarded-For"));
            ctx.channel().attr(CLIENT).set(address);
            discarding = false;
            keepReading = HttpUtil.isKeepAlive(head) || HttpUtil.is100ContinueExpected(head);
            bodySoFar = 0;
            boolean upload = isUpload.test(head);
            spooled = spooling && upload && head.decoderResult().isSuccess();
            bodyLimit = budget.limits().smallBody();
            if (!head.decoderResult().isSuccess()) {
                ctx.fireChannelRead(head); // the API handler answers 400 MALFORMED_REQUEST
                return;
            }
            long declared;
            try {
                declared = HttpUtil.getContentLength(head, -1L);
            } catch (NumberFormatException e) {
                ReferenceCountUtil.release(head);
                refuse(ctx, RejectionCode.MALFORMED_REQUEST);
                return;
            }
            if (upload && declared > bodyLimit) {
                authenticateThenRead(ctx, head, declared);
                return;
            }
            admitHead(ctx, head, declared);
            return;
        }
        if (msg instanceof HttpContent content) {
            body(ctx, content);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /** The client address of a connection this guard admitted (loopback when unknown). */
    static InetAddress client(io.netty.channel.Channel channel) {
        InetAddress a = channel.attr(CLIENT).get();
        return a != null ? a : InetAddress.getLoopbackAddress();
    }

    private void admitHead(ChannelHandlerContext ctx, HttpRequest head, long declared) {
        if (declared > bodyLimit) {
            ReferenceCountUtil.release(head);
            tooLarge(ctx);
            return;
        }
        long expected = declared >= 0 ? declared : bodyLimit;
        long seconds = budget.limits().headerDeadline().toSeconds() + expected / budget.limits().minBytesPerSecond();
        arm(ctx, seconds, RejectionCode.REQUEST_TIMEOUT);
        ctx.fireChannelRead(head);
    }

    /** An upload's head: signed in first, reading paused meanwhile; only then may its large body come. */
    private void authenticateThenRead(ChannelHandlerContext ctx, HttpRequest head, long declared) {
        waiting = new ArrayDeque<>();
        ctx.channel().config().setAutoRead(false);
        arm(ctx, budget.limits().headerDeadline().toSeconds(), RejectionCode.REQUEST_TIMEOUT);
        try {
            blocking.execute(() -> {
                boolean ok;
                try {
                    ok = signedIn.test(head);
                } catch (RuntimeException e) {
                    ok = false;
                }
                boolean signed = ok;
                ctx.executor().execute(() -> resume(ctx, head, declared, signed));
            });
        } catch (RejectedExecutionException e) {
            ReferenceCountUtil.release(head);
            refuse(ctx, RejectionCode.SHUTTING_DOWN);
        }
    }

    private void resume(ChannelHandlerContext ctx, HttpRequest head, long declared, boolean signed) {
        Queue<Object> queued = waiting;
        waiting = null;
        if (!ctx.channel().isActive()) {
            ReferenceCountUtil.release(head);
            if (queued != null) {
                queued.forEach(ReferenceCountUtil::release);
            }
            return;
        }
        if (!signed) {
            ReferenceCountUtil.release(head);
            if (queued != null) {
                queued.forEach(ReferenceCountUtil::release);
            }
            refuse(ctx, RejectionCode.SIGN_IN_REQUIRED);
            return;
        }
        bodyLimit = budget.limits().uploadBody();
        admitHead(ctx, head, declared);
        if (queued != null) {
            for (Object m : queued) {
                channelRead(ctx, m);
            }
        }
        ctx.channel().config().setAutoRead(true);
    }

    private void body(ChannelHandlerContext ctx, HttpContent content) {
        if (discarding) {
            ReferenceCountUtil.release(content);
            if (content instanceof LastHttpContent && ctx.channel().isActive()) {
                ctx.close(); // the refused body is over: the answer has been sent
            }
            return;
        }
        int n = content.content().readableBytes();
        bodySoFar += n;
        if (bodySoFar > bodyLimit) {
            ReferenceCountUtil.release(content);
            tooLarge(ctx);
            return;
        }
        if (spooled) {
            // the spooler writes it to disk and counts only what waits for the disk
            if (content instanceof LastHttpContent) {
                cancelDeadline();
            }
            ctx.fireChannelRead(content);
            return;
        }
        if (!budget.reserve(address, n)) {
            ReferenceCountUtil.release(content);
            discarding = true;
            refuse(ctx, RejectionCode.SERVER_BUSY, 5);
            return;
        }
        if (held == 0) {
            heldBy = address;
        } else if (!heldBy.equals(address)) {
            budget.release(heldBy, held); // (pipelined requests of another client: keep one owner of the bytes)
            budget.reserve(address, held);
            heldBy = address;
        }
        held += n;
        if (content instanceof LastHttpContent) {
            cancelDeadline(); // whole: the answer may take its time
        }
        ctx.fireChannelRead(content);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        boolean answered = msg instanceof FullHttpResponse || (msg instanceof LastHttpContent
                && !(msg instanceof HttpResponse));
        if (msg instanceof HttpResponse r && r.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
            upgraded = true; // a WebSocket: frames, not requests, from now on
            cancelDeadline();
            answered = false;
        }
        super.write(ctx, msg, promise);
        if (answered && admitted) {
            budget.release(heldBy, held);
            held = 0;
            if (!upgraded) {
                // a kept-alive connection may idle this long before its next request's head
                arm(ctx, budget.limits().keepAliveIdle().toSeconds(), RejectionCode.REQUEST_TIMEOUT);
            }
        }
    }

    /**
     * 413. A signed-in upload's client still sending reads the answer: the rest of its body is discarded (never
     * held) until it ends or the body deadline passes; any other connection is closed at once.
     */
    private void tooLarge(ChannelHandlerContext ctx) {
        discarding = true;
        if (bodyLimit <= budget.limits().smallBody() || !keepReading) {
            refuse(ctx, RejectionCode.BODY_TOO_LARGE, limitText(bodyLimit));
            return;
        }
        FullHttpResponse r = ApiHandler.rejectionResponse(json, RejectionCode.BODY_TOO_LARGE, limitText(bodyLimit));
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        r.headers().set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        arm(ctx, budget.limits().headerDeadline().toSeconds() + bodyLimit / budget.limits().minBytesPerSecond(),
                RejectionCode.REQUEST_TIMEOUT);
    }

    private void armHeadDeadline(ChannelHandlerContext ctx) {
        arm(ctx, budget.limits().headerDeadline().toSeconds(), RejectionCode.REQUEST_TIMEOUT);
    }

    private void arm(ChannelHandlerContext ctx, long seconds, RejectionCode code) {
        cancelDeadline();
        deadline = ctx.executor().schedule(() -> {
            deadline = null;
            if (ctx.channel().isActive()) {
                budget.countLate();
                refuse(ctx, code, seconds);
            }
        }, seconds, TimeUnit.SECONDS);
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    private void refuse(ChannelHandlerContext ctx, RejectionCode code, Object... params) {
        cancelDeadline();
        FullHttpResponse r = ApiHandler.rejectionResponse(json, code, params);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        r.headers().set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }

    private static String limitText(long max) {
        return max >= 1024 * 1024 ? (max / (1024 * 1024)) + " MiB" : (max / 1024) + " KiB";
    }
}
