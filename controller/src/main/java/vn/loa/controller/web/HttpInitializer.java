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

/** Builds the HTTP pipeline: codec → aggregator with a size cap → API handler. */
public final class HttpInitializer extends ChannelInitializer<SocketChannel> {
    private final ApiHandler api;
    private final int maxBodyBytes;
    private final ObjectMapper json;

    public HttpInitializer(ApiHandler api, int maxBodyBytes, ObjectMapper json) {
        this.api = api;
        this.maxBodyBytes = maxBodyBytes;
        this.json = json;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast("readTimeout", new ReadTimeoutHandler(300));
        p.addLast("http", new HttpServerCodec(8192, 16384, 65536));
        p.addLast("expectContinue", new HttpServerExpectContinueHandler());
        p.addLast("aggregator", new LimitedAggregator(maxBodyBytes, json));
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
            FullHttpResponse r = ApiHandler.errorResponse(json, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    "the request body is larger than the limit of " + (maxContentLength() / (1024 * 1024)) + " MiB");
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
            r.headers().set(HttpHeaderNames.CONNECTION, "close");
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
