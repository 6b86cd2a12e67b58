package vn.loa.controller.conformance;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.ProtocolVersion;
import vn.loa.protocol.codec.LoaCodec;
import vn.loa.protocol.v1.Envelope;

/**
 * The kit's listening side: plain TCP on the agent port (the agent dials it as it dials a controller with
 * {@code --agent-tls off}); each accepted connection becomes an {@link AgentSession} the run takes in turn. The
 * one owner of its event loop and its pipelines.
 */
public final class ConformanceServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConformanceServer.class);
    static final String SESSION_HANDLER = "conformanceSession";

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final BlockingQueue<AgentSession> accepted = new LinkedBlockingQueue<>();
    private final Channel server;

    private ConformanceServer(String host, int port, Clock clock) throws InterruptedException {
        this.server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        LoaCodec.addTo(ch.pipeline(), ProtocolVersion.DEFAULT_MAX_FRAME_BYTES);
                        AgentSession session = new AgentSession(ch, clock);
                        ch.pipeline().addLast(SESSION_HANDLER, new SimpleChannelInboundHandler<Envelope>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, Envelope e) {
                                session.received(e);
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                log.warn("conformance: connection from {} failed: {}", ctx.channel().remoteAddress(),
                                        cause.toString());
                                ctx.close();
                            }
                        });
                        accepted.add(session);
                    }
                }).bind(host, port).sync().channel();
    }

    /** Listens on {@code host:port} (port 0: any free port, see {@link #port()}). */
    public static ConformanceServer listen(String host, int port, Clock clock) throws InterruptedException {
        return new ConformanceServer(host, port, clock);
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** The next connection the agent makes, if it makes one in time. */
    Optional<AgentSession> nextSession(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(accepted.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
