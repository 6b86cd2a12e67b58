package vn.loa.bench.peers;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * N HTTP stream listeners (an Icecast mount) on one Netty client: each sends a plain GET, counts the
 * bytes it reads and notes when the first byte arrived after it began to connect. Reading only
 * (bytes are discarded), so each costs the server what a real player would.
 */
public final class HttpListeners implements AutoCloseable {
    private final EventLoopGroup group;
    private final List<Listener> listeners = new ArrayList<>();
    private final Queue<String> problems = new ConcurrentLinkedQueue<>();
    final AtomicInteger closed = new AtomicInteger();

    /** One listener's view. */
    public static final class Listener extends ChannelInboundHandlerAdapter {
        final long beganNanos = System.nanoTime();
        volatile long firstByteNanos;
        volatile long bytes;
        volatile boolean headerOk;
        private final HttpListeners owner;
        private final String request;
        private final Runnable onFirstByte;
        private boolean released;

        Listener(HttpListeners owner, String request, Runnable onFirstByte) {
            this.owner = owner;
            this.request = request;
            this.onFirstByte = onFirstByte;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            try {
                if (firstByteNanos == 0) {
                    firstByteNanos = System.nanoTime();
                    headerOk = b.toString(b.readerIndex(), Math.min(12, b.readableBytes()), StandardCharsets.US_ASCII)
                            .matches("(HTTP/1\\.[01]|ICY) 200.*");
                    release();
                }
                bytes += b.readableBytes();
            } finally {
                b.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            owner.closed.incrementAndGet();
            release();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (owner.problems.size() < 20) {
                owner.problems.add(cause.toString());
            }
            ctx.close();
        }

        private void release() {
            if (!released) {
                released = true;
                onFirstByte.run();
            }
        }

        public long firstByteMs() {
            return firstByteNanos == 0 ? -1 : (firstByteNanos - beganNanos) / 1_000_000;
        }

        public long bytes() {
            return bytes;
        }

        public boolean ok() {
            return headerOk;
        }
    }

    public HttpListeners(int threads) {
        group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    }

    /** Opens n listeners, at most {@code concurrency} waiting for their first byte at once; bounded by timeoutMs. */
    public void open(String host, int port, String path, int n, int concurrency, long timeoutMs) throws InterruptedException {
        open(host, port, path, n, concurrency, timeoutMs, null);
    }

    /** As {@link #open(String, int, String, int, int, long)}, over HTTPS when {@code tls} is given. */
    public void open(String host, int port, String path, int n, int concurrency, long timeoutMs,
            io.netty.handler.ssl.SslContext tls) throws InterruptedException {
        Semaphore pending = new Semaphore(concurrency);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        String request = "GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\nUser-Agent: loa-bench\r\n\r\n";
        for (int i = 0; i < n; i++) {
            if (!pending.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                problems.add("opened only " + i + " of " + n + " listeners within " + timeoutMs + " ms");
                return;
            }
            Listener l = new Listener(this, request, pending::release);
            synchronized (listeners) {
                listeners.add(l);
            }
            new Bootstrap().group(group).channel(NioSocketChannel.class).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (tls != null) {
                                ch.pipeline().addLast(tls.newHandler(ch.alloc(), host, port));
                            }
                            ch.pipeline().addLast(l);
                        }
                    }).connect(host, port).addListener(f -> {
                        if (!f.isSuccess()) {
                            if (problems.size() < 20) {
                                problems.add("connect: " + f.cause());
                            }
                            l.release();
                        }
                    });
        }
        pending.tryAcquire(concurrency, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    public List<Listener> listeners() {
        synchronized (listeners) {
            return List.copyOf(listeners);
        }
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    public int closed() {
        return closed.get();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

}
