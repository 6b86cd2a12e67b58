package vn.loa.controller.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Floods are refused at the door: each remote address has a token bucket of requests (a burst, refilled at
 * a steady rate); a request beyond it is answered 429 with Retry-After and its connection closed. Generous
 * enough for a console page load or an automation script; a flood of thousands a second is cut. The address is
 * the client's as {@link HttpGuard} resolved it (X-Forwarded-For from a trusted proxy only); no address is exempt
 * but the trusted proxies' own (docs/security.md#client-addresses).
 */
@Sharable
public final class RequestRateLimiter extends ChannelInboundHandlerAdapter {
    public static final String NAME = "rateLimit";
    private static final Logger log = LoggerFactory.getLogger(RequestRateLimiter.class);
    private static final AttributeKey<Boolean> DISCARDING = AttributeKey.valueOf("loa.rateLimited");
    /** Beyond this many addresses tracked, the idle ones are forgotten. */
    private static final int MAX_TRACKED = 50_000;

    private final double perSecond;
    private final double burst;
    private final ObjectMapper json;
    private final vn.loa.controller.net.TrustedProxies proxies;
    private final ConcurrentHashMap<InetAddress, Bucket> buckets = new ConcurrentHashMap<>();

    public RequestRateLimiter(double perSecond, double burst, ObjectMapper json) {
        this(perSecond, burst, json, vn.loa.controller.net.TrustedProxies.none());
    }

    /** @param proxies trusted proxies: their own requests (no client named) are not limited; their clients are */
    public RequestRateLimiter(double perSecond, double burst, ObjectMapper json, vn.loa.controller.net.TrustedProxies proxies) {
        this.proxies = proxies;
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.json = json;
    }

    private static final class Bucket {
        private double tokens;
        private long lastNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastNanos = now;
        }

        synchronized boolean take(double perSecond, double burst, long now) {
            tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * perSecond);
            lastNanos = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }

        synchronized boolean idle(double burst, double perSecond, long now) {
            return tokens + (now - lastNanos) / 1e9 * perSecond >= burst;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            ctx.channel().attr(DISCARDING).set(null);
            if (!allowed(new InetSocketAddress(HttpGuard.client(ctx.channel()), 0))) {
                ctx.channel().attr(DISCARDING).set(Boolean.TRUE);
                ReferenceCountUtil.release(msg);
                FullHttpResponse r = ApiHandler.rejectionResponse(json, vn.loa.controller.rejection.RejectionCode.RATE_LIMITED, 1);
                r.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
                r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
                r.headers().set(HttpHeaderNames.CONNECTION, "close");
                ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        } else if (msg instanceof HttpContent && Boolean.TRUE.equals(ctx.channel().attr(DISCARDING).get())) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    boolean allowed(SocketAddress remote) {
        if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null || proxies.trusts(inet.getAddress())) {
            return true;
        }
        long now = System.nanoTime();
        if (buckets.size() > MAX_TRACKED) {
            buckets.values().removeIf(b -> b.idle(burst, perSecond, now));
        }
        Bucket b = buckets.computeIfAbsent(inet.getAddress(), a -> new Bucket(burst, now));
        boolean ok = b.take(perSecond, burst, now);
        if (!ok) {
            log.warn("HTTP flood from {}: request refused (429)", inet.getAddress().getHostAddress());
        }
        return ok;
    }
}
