package vn.loa.controller.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Serves the web console: {@code /} (the console's {@code index.html}) and {@code /console/**} from the
 * classpath folder {@code console/}, with content types, an ETag ({@code 304} on {@code If-None-Match}) and
 * {@code Cache-Control: no-cache}. The files are read once at start ({@link ConsoleFiles}), so the event loop
 * never touches the disk. Anything that looks like path traversal ({@code ..}, backslashes, encoded dots,
 * slashes or NULs) is a 404. Every other request ({@code /api/…}, {@code /metrics}) passes through untouched.
 */
@Sharable
public final class ConsoleHandler extends ChannelInboundHandlerAdapter {
    public static final String NAME = "console";
    /** The API handler's per-connection chain, so a file answer never overtakes an earlier API answer. */
    private static final AttributeKey<CompletableFuture<Void>> LAST_REQUEST = AttributeKey.valueOf("loa.lastRequest");
    private static final String PREFIX = "/console/";
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self' ws: wss:; frame-src 'self'; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'self'";

    private final ConsoleFiles files;

    public ConsoleHandler(ConsoleFiles files) {
        this.files = files;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String rawPath = rawPath(request.uri());
        boolean root = rawPath.equals("/") || rawPath.equals("/index.html");
        boolean console = rawPath.equals("/console") || rawPath.startsWith(PREFIX);
        if (!root && !console) {
            ctx.fireChannelRead(msg);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        FullHttpResponse response;
        try {
            response = answer(request, rawPath, root);
        } finally {
            request.release();
        }
        var previous = ctx.channel().attr(LAST_REQUEST).get();
        if (previous == null || previous.isDone()) {
            write(ctx, keepAlive, response);
        } else {
            CompletableFuture<Void> next = new CompletableFuture<>();
            previous.whenComplete((ok, failed) -> ctx.executor().execute(() -> {
                write(ctx, keepAlive, response);
                next.complete(null);
            }));
            ctx.channel().attr(LAST_REQUEST).set(next);
        }
    }

    private FullHttpResponse answer(FullHttpRequest request, String rawPath, boolean root) {
        if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            return text(HttpResponseStatus.METHOD_NOT_ALLOWED, request.method() + " is not allowed on " + rawPath);
        }
        if (rawPath.equals("/console")) {
            return redirect(PREFIX);
        }
        String name = root || rawPath.equals(PREFIX) ? "index.html" : safeName(rawPath.substring(PREFIX.length()));
        ConsoleFiles.File file = name == null ? null : files.get(name);
        if (file == null) {
            return text(HttpResponseStatus.NOT_FOUND, "no such file: " + rawPath);
        }
        String etag = "\"" + file.etag() + "\"";
        if (etag.equals(request.headers().get(HttpHeaderNames.IF_NONE_MATCH))) {
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED);
            r.headers().set(HttpHeaderNames.ETAG, etag);
            r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
            return r;
        }
        boolean head = request.method().equals(HttpMethod.HEAD);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(file.bytes()));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, file.contentType());
        r.headers().set(HttpHeaderNames.ETAG, etag);
        // revalidate every time (cheap: 304), so a new controller version is picked up at once
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        if (file.contentType().startsWith("text/html")) {
            r.headers().set("Content-Security-Policy", CSP);
            r.headers().set("Referrer-Policy", "no-referrer");
        }
        if (head) {
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, file.bytes().length);
        }
        return r;
    }

    /** The path part of the request target, still percent-encoded. */
    private static String rawPath(String uri) {
        int q = uri.indexOf('?');
        int h = uri.indexOf('#');
        int end = q < 0 ? (h < 0 ? uri.length() : h) : (h < 0 ? q : Math.min(q, h));
        return uri.substring(0, end);
    }

    /**
     * The file name under {@code console/} for a still-encoded relative path, or null when it is not a plain
     * relative path: traversal, encoded separators or dots, backslashes, control characters, empty segments.
     */
    static String safeName(String encoded) {
        String lower = encoded.toLowerCase(Locale.ROOT);
        if (encoded.isEmpty() || encoded.contains("\\") || lower.contains("%2e") || lower.contains("%2f")
                || lower.contains("%5c") || lower.contains("%00") || lower.contains("%25")) {
            return null;
        }
        String decoded;
        try {
            decoded = java.net.URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (String segment : decoded.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return null;
            }
        }
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\' || c == ':') {
                return null;
            }
        }
        return decoded;
    }

    private static FullHttpResponse redirect(String location) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.MOVED_PERMANENTLY);
        r.headers().set(HttpHeaderNames.LOCATION, location);
        return r;
    }

    private static FullHttpResponse text(HttpResponseStatus status, String message) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(message + "\n", StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return r;
    }

    private static void write(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
        if (!response.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        }
        response.headers().set("X-Content-Type-Options", "nosniff");
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
