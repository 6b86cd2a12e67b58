package vn.loa.agent.broadcast;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import vn.loa.protocol.v1.BroadcastStart;
import vn.loa.protocol.v1.Priority;

/**
 * One announcement as it arrives: its start message and its numbered Opus packets, buffered in
 * memory (a minute of speech is about 250 kB). A recorded one is kept whole (it may repeat); a live
 * one (a voice, a relay that runs for hours) keeps only its last {@link #LIVE_KEEP} packets, so a
 * long relay does not grow the agent's heap.
 */
public final class IncomingBroadcast {
    /** A live stream's packets kept: one minute, far more than the player lags behind the newest. */
    public static final int LIVE_KEEP = 3_000;
    /** Dropped in batches: the list is trimmed from its front this many at a time. */
    private static final int TRIM_BATCH = 500;

    private final BroadcastStart start;
    private final long arrivalOrder;
    private final List<byte[]> packets = new ArrayList<>();
    /** The seq of {@code packets.get(0)}: above 0 once a live stream dropped its oldest packets. */
    private int base;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private int totalPackets = -1;
    private volatile String stopReason;
    private int outOfOrder;

    public IncomingBroadcast(BroadcastStart start, long arrivalOrder) {
        this.start = start;
        this.arrivalOrder = arrivalOrder;
    }

    public BroadcastStart start() {
        return start;
    }

    public long id() {
        return start.getBroadcastId();
    }

    public Priority priority() {
        return start.getPriority();
    }

    public long arrivalOrder() {
        return arrivalOrder;
    }

    /** Packets must come in order; a gap or a duplicate is counted and dropped. */
    public void addPacket(int seq, byte[] packet) {
        lock.lock();
        try {
            if (seq != base + packets.size() || totalPackets >= 0) {
                outOfOrder++;
                return;
            }
            packets.add(packet);
            if (start.getLive() && packets.size() >= LIVE_KEEP + TRIM_BATCH) {
                packets.subList(0, TRIM_BATCH).clear();
                base += TRIM_BATCH;
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void end(int total) {
        lock.lock();
        try {
            totalPackets = total;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void stop(String reason) {
        lock.lock();
        try {
            stopReason = reason;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public String stopReason() {
        return stopReason;
    }

    public boolean isStopped() {
        return stopReason != null;
    }

    /** True once every packet has arrived. */
    public boolean isComplete() {
        lock.lock();
        try {
            return totalPackets >= 0 && base + packets.size() >= totalPackets;
        } finally {
            lock.unlock();
        }
    }

    /** Packets received so far (the next seq expected), whether or not the oldest are still kept. */
    public int packetCount() {
        lock.lock();
        try {
            return base + packets.size();
        } finally {
            lock.unlock();
        }
    }

    /** The seq of the oldest packet still kept (0 unless a live stream dropped some). */
    public int firstKept() {
        lock.lock();
        try {
            return base;
        } finally {
            lock.unlock();
        }
    }

    public int outOfOrder() {
        lock.lock();
        try {
            return outOfOrder;
        } finally {
            lock.unlock();
        }
    }

    /** What {@link #packet} found. */
    public sealed interface Next permits Packet, EndOfStream, NotYet {
    }

    public record Packet(byte[] data) implements Next {
    }

    public record EndOfStream() implements Next {
    }

    public record NotYet() implements Next {
    }

    /**
     * Packet {@code index}, waiting up to {@code waitMs} for it to arrive; one no longer kept (a live
     * stream's player that fell a minute behind) is {@link NotYet}: ask from {@link #firstKept()} on.
     */
    public Next packet(int index, long waitMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        lock.lock();
        try {
            while (true) {
                if (index < base) {
                    return new NotYet();
                }
                if (index < base + packets.size()) {
                    return new Packet(packets.get(index - base));
                }
                if ((totalPackets >= 0 && index >= totalPackets) || stopReason != null) {
                    return new EndOfStream();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return new NotYet();
                }
                arrived.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }
}
