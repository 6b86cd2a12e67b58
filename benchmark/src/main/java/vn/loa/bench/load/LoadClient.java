package vn.loa.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.protobuf.ProtobufEncoder;
import io.netty.handler.codec.protobuf.ProtobufVarint32LengthFieldPrepender;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import vn.loa.controller.net.Transport;
import vn.loa.protocol.codec.BoundedVarint32FrameDecoder;

/**
 * N lightweight stations in one process: one Netty client, one shared event loop group (with a
 * {@link TimedSample}, the untimed stations on one more loop of their own, so that their batched reads never
 * hold up a timed station's), one TCP
 * connection per station. Connects at most {@code concurrency} stations at a time (each until its
 * Welcome or Reject), so a big fleet does not trip the controller's hello timeout. Stations do not
 * redial: a dropped link is counted, not hidden. The socket transport is the controller's choice
 * ({@link Transport#select()}: native epoll where it loads, {@code -Dloa.transport=nio} forces NIO).
 */
public final class LoadClient implements AutoCloseable {
    /** As large as the Java agent accepts (plans of thousands of items). */
    private static final int MAX_FRAME = 16 * 1024 * 1024;

    private final Transport transport;
    private final EventLoopGroup group;
    /** The untimed stations' loop; the same group when every station is timed. */
    private final EventLoopGroup untimedGroup;
    private final LoadRecorder recorder = new LoadRecorder();
    private final BenchClock clock;
    private final TimedSample sample;
    private final List<Channel> channels = new ArrayList<>();
    private ClientTls tls;

    public LoadClient(int threads, BenchClock clock) {
        this(threads, clock, TimedSample.ALL);
    }

    /**
     * @throws IllegalArgumentException when only a sample is to be timed and the transport cannot batch the
     *     others' reads ({@code SO_RCVLOWAT} needs the native epoll transport)
     */
    public LoadClient(int threads, BenchClock clock, TimedSample sample) {
        this.transport = Transport.select();
        if (!sample.all() && !transport.name().equals("epoll")) {
            throw new IllegalArgumentException("--timed-sample " + sample.every() + " needs the native epoll transport "
                    + "(SO_RCVLOWAT) for the untimed stations; this load client uses " + transport.name());
        }
        this.group = transport.newGroup(threads);
        this.untimedGroup = sample.all() ? group : transport.newGroup(1);
        this.clock = clock;
        this.sample = sample;
    }

    /** {@code epoll} or {@code nio}. */
    public String transport() {
        return transport.name();
    }

    public BenchClock clock() {
        return clock;
    }

    public LoadRecorder recorder() {
        return recorder;
    }

    /** The TLS engine of the stations that have an identity (made at the first). */
    private synchronized ClientTls tls() {
        if (tls == null) {
            tls = new ClientTls();
        }
        return tls;
    }

    /** {@code epoll}, {@code epoll + TLS (openssl)}, …: how the stations connect. */
    public synchronized String describe() {
        return tls == null ? transport.name() : transport.name() + " + TLS (" + tls.name() + ")";
    }

    /** Connects every station and waits until each was welcomed, refused or failed; bounded by {@code timeoutMs}. */
    public void connect(String host, int port, List<StationCredential> stations, int concurrency, long timeoutMs)
            throws InterruptedException, TimeoutException {
        Semaphore inFlight = new Semaphore(concurrency);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (StationCredential s : stations) {
            if (!inFlight.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException("connecting " + stations.size() + " stations took more than " + timeoutMs + " ms");
            }
            boolean timed = sample.timed(s.stationId());
            Bootstrap b = new Bootstrap().group(timed ? group : untimedGroup).channel(transport.clientChannel())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.SO_KEEPALIVE, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) throws java.io.IOException {
                            if (s.tls()) {
                                ch.pipeline().addLast(tls().handler(s, ch.alloc()));
                            }
                            ch.pipeline().addLast(new BoundedVarint32FrameDecoder(MAX_FRAME));
                            ch.pipeline().addLast(new ProtobufVarint32LengthFieldPrepender());
                            ch.pipeline().addLast(new ProtobufEncoder());
                            ch.pipeline().addLast(new SimStation(s, recorder, clock, timed, inFlight::release));
                        }
                    });
            ChannelFuture f = b.connect(host, port);
            f.addListener(done -> {
                if (!done.isSuccess()) {
                    recorder.connectFailures.incrementAndGet();
                    recorder.problem("station " + s.stationId() + ": connect failed: " + done.cause());
                    inFlight.release();
                }
            });
            synchronized (channels) {
                channels.add(f.channel());
            }
        }
        if (!inFlight.tryAcquire(concurrency, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new TimeoutException("stations not all settled within " + timeoutMs + " ms: "
                    + recorder.welcomed() + " welcomed of " + stations.size());
        }
        inFlight.release(concurrency);
    }

    @Override
    public void close() {
        synchronized (channels) {
            for (Channel ch : channels) {
                ch.close();
            }
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (untimedGroup != group) {
            untimedGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
