package vn.loa.controller.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;

/**
 * Builds the HTTP pipeline: codec → guard → rate limiter → upload spooler (an upload's body to a temporary file) →
 * aggregator with a size cap (every other body, small) → API handler.
 */
public final class HttpInitializer extends ChannelInitializer<SocketChannel> {
    private final ApiHandler api;
    private final LiveSocketUpgrader live;
    private final int maxBodyBytes;
    private final ObjectMapper json;
    private final io.netty.channel.ChannelHandler events;
    private final ConsoleHandler console;
    /** Where upload bodies are streamed (null: nowhere — uploads are aggregated like other bodies). */
    private final java.nio.file.Path spoolDir;
    private final vn.loa.controller.net.TrustedProxies proxies;

    /** Requests a second per remote address, sustained, and the burst allowed above it. */
    static final double RATE_PER_SECOND = 200;
    static final double RATE_BURST = 1000;

    private final RequestRateLimiter rateLimiter;
    private final HttpBudget budget;

    /** The gauges of what HTTP holds now (connections, body bytes in memory). */
    public HttpBudget budget() {
        return budget;
    }

    public HttpInitializer(ApiHandler api, LiveSocketUpgrader live, int maxBodyBytes, ObjectMapper json) {
        this(api, live, maxBodyBytes, json, null);
    }

    /** @param events the live-event stream handler (before the aggregator: its responses never end), or null */
    public HttpInitializer(ApiHandler api, LiveSocketUpgrader live, int maxBodyBytes, ObjectMapper json,
            io.netty.channel.ChannelHandler events) {
        this(api, live, maxBodyBytes, json, events, null);
    }

    /** @param console the web console's static files (/ and /console/**), or null */
    public HttpInitializer(ApiHandler api, LiveSocketUpgrader live, int maxBodyBytes, ObjectMapper json,
            io.netty.channel.ChannelHandler events, ConsoleHandler console) {
        this(api, live, maxBodyBytes, json, events, console, null, vn.loa.controller.net.TrustedProxies.none());
    }

    /**
     * @param spoolDir where upload bodies are streamed to temporary files (the controller's scratch directory)
     * @param proxies  the reverse proxies whose X-Forwarded-For names the client (--trusted-proxy)
     */
    public HttpInitializer(ApiHandler api, LiveSocketUpgrader live, int maxBodyBytes, ObjectMapper json,
            io.netty.channel.ChannelHandler events, ConsoleHandler console, java.nio.file.Path spoolDir,
            vn.loa.controller.net.TrustedProxies proxies) {
        this.spoolDir = spoolDir;
        this.proxies = proxies;
        this.rateLimiter = new RequestRateLimiter(RATE_PER_SECOND, RATE_BURST, json, proxies);
        this.budget = new HttpBudget(HttpBudget.Limits.of(maxBodyBytes));
        this.console = console;
        this.api = api;
        this.live = live;
        this.maxBodyBytes = maxBodyBytes;
        this.json = json;
        this.events = events;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast("readTimeout", new ReadTimeoutHandler(300));
        p.addLast("http", new HttpServerCodec(8192, 16384, 65536));
        p.addLast(HttpGuard.NAME, new HttpGuard(budget, json, HttpGuard::bulletinUpload, api::signedIn, api.blocking(),
                proxies, spoolDir != null));
        p.addLast(RequestRateLimiter.NAME, rateLimiter);
        p.addLast("expectContinue", new HttpServerExpectContinueHandler());
        if (events != null) {
            p.addLast(EventStreamHandler.NAME, events);
        }
        if (spoolDir != null) {
            p.addLast(UploadSpooler.NAME, new UploadSpooler(spoolDir, budget, json, HttpGuard::bulletinUpload, api.blocking()));
        }
        p.addLast("aggregator", new LimitedAggregator(maxBodyBytes, json));
        p.addLast("liveUpgrade", live);
        if (console != null) {
            p.addLast(ConsoleHandler.NAME, console);
        }
        p.addLast("api", api);
    }

    /** Answers an oversized body with a JSON 413 that says the limit. */
    private static final class LimitedAggregator extends HttpObjectAggregator {
        private final ObjectMapper json;

        LimitedAggregator(int max, ObjectMapper json) {
            super(max);
            this.json = json;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            int max = maxContentLength();
            String limit = max >= 1024 * 1024 ? (max / (1024 * 1024)) + " MiB" : (max / 1024) + " KiB";
            FullHttpResponse r = ApiHandler.rejectionResponse(json, vn.loa.controller.rejection.RejectionCode.BODY_TOO_LARGE,
                    limit);
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
            boolean keepReading = !(oversized instanceof io.netty.handler.codec.http.FullHttpMessage)
                    && (io.netty.handler.codec.http.HttpUtil.is100ContinueExpected(oversized)
                            || io.netty.handler.codec.http.HttpUtil.isKeepAlive(oversized));
            if (keepReading) {
                // the aggregator discards the rest of this body, so a client still sending reads the 413
                ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            } else {
                r.headers().set(HttpHeaderNames.CONNECTION, "close");
                ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
