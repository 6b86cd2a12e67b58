package vn.loa.controller.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.net.Transport;

/** Listens for station agents. Only bootstraps; the pipeline is {@link GatewayInitializer}'s. */
public final class GatewayServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);
    /** Every station redials after a controller restart: a deep backlog absorbs the burst. */
    private static final int ACCEPT_BACKLOG = 4096;

    private final GatewayContext context;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private Channel server;
    /** Mutual TLS on the agent port (docs/security.md); null: plain TCP with station secrets. */
    private final StationTls tls;

    private final Transport transport;

    public GatewayServer(GatewayContext context, Transport transport, EventLoopGroup boss,
            EventLoopGroup workers, StationTls tls) {
        this.context = context;
        this.transport = transport;
        this.boss = boss;
        this.workers = workers;
        this.tls = tls;
    }

    public void start() throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap().group(boss, workers).channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, ACCEPT_BACKLOG)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new GatewayInitializer(context, tls));
        server = b.bind(context.config().host(), context.config().port()).sync().channel();
        log.info("station gateway listening on {} ({}, {} transport)", server.localAddress(),
                tls != null ? "mutual TLS 1.3 (" + tls.engine() + "), station certificates required" : "plain TCP, station secrets",
                transport.name());
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Stops accepting stations and closes the links. */
    @Override
    public void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
            context.registry().closeAll();
        }
    }
}
