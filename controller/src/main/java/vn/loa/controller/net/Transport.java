package vn.loa.controller.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The socket transport of the controller's servers: Netty's native epoll on Linux when its library
 * loads (fewer copies and system calls per write than NIO, which counts with thousands of station
 * links, see docs/performance.md), Java NIO anywhere else. {@code -Dloa.transport=nio} forces NIO;
 * {@code -Dloa.transport=epoll} insists on epoll and fails at start when it cannot load.
 */
public record Transport(String name, Supplier<IoHandlerFactory> handlers,
        Class<? extends ServerChannel> serverChannel, Class<? extends SocketChannel> clientChannel) {

    public static final String PROPERTY = "loa.transport";
    /** The event loops of the station links and the HTTP API: {@code -Dloa.eventLoops=N} (default: one per core). */
    public static final String LOOPS_PROPERTY = "loa.eventLoops";

    private static final Transport NIO = new Transport("nio", NioIoHandler::newFactory, NioServerSocketChannel.class,
            NioSocketChannel.class);
    private static final Transport EPOLL = new Transport("epoll", EpollIoHandler::newFactory,
            EpollServerSocketChannel.class, EpollSocketChannel.class);

    /** The transport the {@value #PROPERTY} system property asks for (default {@code auto}). */
    public static Transport select() {
        return select(System.getProperty(PROPERTY, "auto"));
    }

    /** @throws IllegalArgumentException for an unknown choice, or epoll asked for where it cannot load */
    public static Transport select(String choice) {
        return switch (choice.trim().toLowerCase(Locale.ROOT)) {
            case "auto", "" -> epollLoads() ? EPOLL : NIO;
            case "nio" -> NIO;
            case "epoll" -> {
                if (!epollLoads()) {
                    throw new IllegalArgumentException("-D" + PROPERTY + "=epoll: the native epoll transport does not "
                            + "load here (" + Epoll.unavailabilityCause() + "); use auto or nio");
                }
                yield EPOLL;
            }
            default -> throw new IllegalArgumentException("-D" + PROPERTY + "=" + choice
                    + ": unknown transport; use auto, epoll or nio");
        };
    }

    private static boolean epollLoads() {
        try {
            return Epoll.isAvailable();
        } catch (LinkageError e) { // the classes are there but not for this platform
            return false;
        }
    }

    /**
     * The event loops of the station links and the HTTP API: {@value #LOOPS_PROPERTY}, or one per core. Netty's
     * default is two per core; a loop never blocks here (blocking work has its own threads), so more loops than
     * cores only take turns on them: measured at 5,000 TLS stations on 2 cores, 4 loops cost the controller 111 %
     * of a core and 2 loops 92–99 %, with a lower p99 (docs/performance.md).
     */
    public static int eventLoops() {
        return eventLoops(System.getProperty(LOOPS_PROPERTY), Runtime.getRuntime().availableProcessors());
    }

    /** @throws IllegalArgumentException when the property is not a whole number from 1 to 1,024 */
    static int eventLoops(String property, int cores) {
        if (property == null || property.isBlank()) {
            return Math.max(1, cores);
        }
        int n;
        try {
            n = Integer.parseInt(property.trim());
        } catch (NumberFormatException e) {
            throw badLoops(property, e);
        }
        if (n < 1 || n > 1024) {
            throw badLoops(property, null);
        }
        return n;
    }

    private static IllegalArgumentException badLoops(String property, NumberFormatException cause) {
        return new IllegalArgumentException("-D" + LOOPS_PROPERTY + "=" + property
                + ": the number of event loops must be a whole number from 1 to 1024 (default: one per core)", cause);
    }

    /** An event loop group of this transport; {@code threads} 0 = Netty's default (2 × cores). */
    public EventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, handlers.get());
    }
}
