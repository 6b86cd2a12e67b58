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
 * memory (a minute of speech is about 250 kB) until the player has played them.
 */
public final class IncomingBroadcast {
    private final BroadcastStart start;
    private final long arrivalOrder;
    private final List<byte[]> packets = new ArrayList<>();
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
            if (seq != packets.size() || totalPackets >= 0) {
                outOfOrder++;
                return;
            }
            packets.add(packet);
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
            return totalPackets >= 0 && packets.size() >= totalPackets;
        } finally {
            lock.unlock();
        }
    }

    public int packetCount() {
        lock.lock();
        try {
            return packets.size();
        } finally {
            lock.unlock();
        }
    }

    /** Set when a live broadcast was interrupted: it resumes at the live edge, not where it stopped. */
    private volatile String interruptedBy;

    public String interruptedBy() {
        return interruptedBy;
    }

    public void interrupted(String by) {
        interruptedBy = by;
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

    /** Packet {@code index}, waiting up to {@code waitMs} for it to arrive. */
    public Next packet(int index, long waitMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        lock.lock();
        try {
            while (true) {
                if (index < packets.size()) {
                    return new Packet(packets.get(index));
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
