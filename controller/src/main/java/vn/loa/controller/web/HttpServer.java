package vn.loa.controller.web;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves the HTTP API (and later the console). Only bootstraps. */
public final class HttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    private final String host;
    private final int port;
    private final HttpInitializer initializer;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private Channel server;
    /** HTTPS (docs/security.md); null: plain HTTP. */
    private final io.netty.handler.ssl.SslContext tls;

    private final vn.loa.controller.net.Transport transport;

    public HttpServer(String host, int port, HttpInitializer initializer, vn.loa.controller.net.Transport transport,
            EventLoopGroup boss, EventLoopGroup workers, io.netty.handler.ssl.SslContext tls) {
        this.tls = tls;
        this.transport = transport;
        this.host = host;
        this.port = port;
        this.initializer = initializer;
        this.boss = boss;
        this.workers = workers;
    }

    public void start() throws InterruptedException {
        server = new ServerBootstrap().group(boss, workers).channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024).childHandler(tls == null ? initializer : new TlsFirst(tls, initializer)).bind(host, port).sync().channel();
        log.info("HTTP API listening on {}://{}", tls == null ? "http" : "https", server.localAddress());
    }

    /** TLS first, then the HTTP pipeline. */
    private static final class TlsFirst extends io.netty.channel.ChannelInitializer<io.netty.channel.socket.SocketChannel> {
        private final io.netty.handler.ssl.SslContext tls;
        private final HttpInitializer http;

        TlsFirst(io.netty.handler.ssl.SslContext tls, HttpInitializer http) {
            this.tls = tls;
            this.http = http;
        }

        /**
         * Netty's default (10 s) cut off enrollments from slow devices: a station's JVM makes its first TLS handshake
         * in interpreted code (under emulation, on a loaded Pi Zero-class board, over 2G) and the server closed
         * mid-handshake ("Remote host terminated the handshake"). The read timeout still bounds idle connections.
         */
        private static final long HANDSHAKE_TIMEOUT_MS = 60_000;

        @Override
        protected void initChannel(io.netty.channel.socket.SocketChannel ch) {
            io.netty.handler.ssl.SslHandler handler = tls.newHandler(ch.alloc());
            handler.setHandshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MS);
            ch.pipeline().addLast("tls", handler);
            ch.pipeline().addLast(http);
        }
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
    }
}
