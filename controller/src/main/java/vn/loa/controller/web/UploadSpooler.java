package vn.loa.controller.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.rejection.RejectionCode;

/**
 * Streams an upload route's body to a temporary file instead of letting the aggregator hold it in memory
 * (docs/security.md#resource-exhaustion). One per connection, before the aggregator: the head is kept, each body
 * chunk is written in order on the blocking executor (never on the event loop) and released, and reading pauses
 * while more than {@link #HIGH_WATER} bytes wait for the disk; those waiting bytes are the only ones in memory and
 * are counted in the {@link HttpBudget} gauge. When the body is whole the head goes on as a {@link SpooledUpload}.
 * The file is deleted on every other path: a write that fails (disk full: 507), a client that disconnects or is cut
 * off mid-body, a refusal upstream. The size cap, deadlines and sign-in stay with {@link HttpGuard}, upstream.
 */
final class UploadSpooler extends ChannelDuplexHandler {
    static final String NAME = "uploadSpool";
    private static final Logger log = LoggerFactory.getLogger(UploadSpooler.class);
    /** Bytes waiting for the disk above which reading pauses, and below which it resumes. */
    static final int HIGH_WATER = 256 * 1024;
    static final int LOW_WATER = 64 * 1024;

    private final Path dir;
    private final HttpBudget budget;
    private final ObjectMapper json;
    private final Predicate<HttpRequest> isUpload;
    private final ExecutorService blocking;

    /** The upload being received, or null between uploads; touched on the event loop only. */
    private Spool spool;
    /** After a refusal mid-body: the rest of that body is released unread. */
    private boolean dropping;

    /** One body on its way to disk: its file and the chain of writes, in order, on the blocking executor. */
    private static final class Spool {
        final HttpRequest head;
        final InetAddress client;
        volatile Path file;
        volatile FileChannel out;
        /** Set on the event loop when the upload is abandoned: writes still queued are skipped. */
        volatile boolean abandoned;
        CompletableFuture<Void> tail;
        long waiting;
        long size;

        Spool(HttpRequest head, InetAddress client) {
            this.head = head;
            this.client = client;
        }
    }

    UploadSpooler(Path dir, HttpBudget budget, ObjectMapper json, Predicate<HttpRequest> isUpload, ExecutorService blocking) {
        this.dir = dir;
        this.budget = budget;
        this.json = json;
        this.isUpload = isUpload;
        this.blocking = blocking;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest head && !(msg instanceof io.netty.handler.codec.http.FullHttpRequest)
                && head.decoderResult().isSuccess() && isUpload.test(head)) {
            abandon(); // a new head while a body was unfinished: the old one is dropped
            Spool s = new Spool(head, HttpGuard.client(ctx.channel()));
            spool = s;
            s.tail = CompletableFuture.runAsync(() -> open(s), blocking);
            return;
        }
        if (msg instanceof HttpContent content && dropping) {
            dropping = !(content instanceof LastHttpContent);
            ReferenceCountUtil.release(content);
            return;
        }
        if (msg instanceof HttpContent content && spool != null) {
            chunk(ctx, spool, content);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private void chunk(ChannelHandlerContext ctx, Spool s, HttpContent content) {
        ByteBuf buf = content.content();
        int n = buf.readableBytes();
        boolean last = content instanceof LastHttpContent;
        if (n > 0 && !budget.reserve(s.client, n)) {
            ReferenceCountUtil.release(content);
            fail(ctx, s, RejectionCode.SERVER_BUSY, 5);
            return;
        }
        s.waiting += n;
        s.size += n;
        if (s.waiting > HIGH_WATER) {
            ctx.channel().config().setAutoRead(false);
        }
        s.tail = s.tail.thenRunAsync(() -> write(s, buf), blocking).whenComplete((ok, failed) -> {
            ReferenceCountUtil.release(content);
            ctx.executor().execute(() -> written(ctx, s, n, failed));
        });
        if (last) {
            spool = null;
            s.tail.thenRunAsync(() -> close(s), blocking).whenComplete((ok, failed) -> ctx.executor().execute(() -> {
                if (failed != null || s.abandoned || !ctx.channel().isActive()) {
                    discard(s);
                    return;
                }
                ctx.fireChannelRead(new SpooledUpload(s.head, s.file, s.size));
            }));
        }
    }

    private void written(ChannelHandlerContext ctx, Spool s, int n, Throwable failed) {
        budget.release(s.client, n);
        s.waiting -= n;
        if (failed != null && !s.abandoned) {
            Throwable cause = failed instanceof CompletionException && failed.getCause() != null ? failed.getCause() : failed;
            log.warn("an upload from {} could not be written to {}: {}", s.client.getHostAddress(), dir, cause.toString());
            fail(ctx, s, RejectionCode.UPLOAD_NOT_STORED, cause.getMessage() == null ? cause.toString() : cause.getMessage());
            return;
        }
        if (s.waiting < LOW_WATER && !ctx.channel().config().isAutoRead() && ctx.channel().isActive()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        abandon(); // the client went away (or was cut off) mid-body: its file goes
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        abandon();
    }

    private void abandon() {
        Spool s = spool;
        spool = null;
        if (s != null) {
            s.abandoned = true;
            s.tail.whenCompleteAsync((ok, failed) -> discard(s), blocking);
        }
    }

    private void fail(ChannelHandlerContext ctx, Spool s, RejectionCode code, Object... params) {
        if (spool == s) {
            abandon();
            dropping = true;
        }
        s.abandoned = true;
        FullHttpResponse r = ApiHandler.rejectionResponse(json, code, params);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        r.headers().set(HttpHeaderNames.CONNECTION, "close");
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        } else {
            r.release();
        }
    }

    // ---- on the blocking executor, one spool's steps in order ----------------------------------------------

    private void open(Spool s) {
        try {
            Files.createDirectories(dir);
            Path file = Files.createTempFile(dir, "spool-", ".part");
            s.file = file;
            s.out = FileChannel.open(file, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }

    private static void write(Spool s, ByteBuf buf) {
        if (s.abandoned) {
            return;
        }
        try {
            while (buf.isReadable()) {
                buf.readBytes(s.out, buf.readableBytes());
            }
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }

    private static void close(Spool s) {
        try {
            s.out.force(false);
            s.out.close();
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }

    private static void discard(Spool s) {
        try {
            if (s.out != null) {
                s.out.close();
            }
            if (s.file != null) {
                Files.deleteIfExists(s.file);
            }
        } catch (IOException e) {
            log.warn("could not delete the abandoned upload {}: {}", s.file, e.toString());
        }
    }
}
