package vn.loa.controller.gateway.fanout;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The packets of one broadcast, each framed once (varint32 length prefix + envelope, as the frame encoder
 * writes it) and laid out one after another in direct-memory chunks, so that the packets a station is sent in
 * one write are one buffer: a slice of a chunk, not one duplicate per packet. That is one entry in the
 * channel's queue and one input to the TLS record, with nothing to gather (issue 23: at 5,000 stations the
 * per-packet duplicates, and the gathering of them into a record, made most of the fan-out's garbage).
 *
 * <p>Appended by one thread at a time (the broadcast's lock); read by the event loops without a lock. A
 * packet's bytes and its place are written before {@link #count} (volatile), so a reader that reads the count
 * first sees every packet below it; chunks are never written again where a packet lies.
 */
final class FramedPackets {
    /** A chunk: about 800 packets of 24 kbit/s Opus (16 s); a packet bigger than this gets a chunk of its own. */
    static final int CHUNK_BYTES = 64 * 1024;

    /** The chunk each packet lies in (the same object for consecutive packets of one chunk). */
    private volatile ByteBuf[] chunkOf = new ByteBuf[256];
    /** Where each packet starts in its chunk, and where it ends (exclusive). */
    private volatile int[] starts = new int[256];
    private volatile int[] ends = new int[256];
    private volatile int count;
    /** Being filled: touched by the appending thread only. */
    private ByteBuffer chunk;
    private ByteBuf chunkBuf;

    /** The number of packets; read it before anything else. */
    int count() {
        return count;
    }

    /** Frames {@code envelope} (one serialised Envelope) and publishes it as packet {@link #count}. */
    void append(byte[] envelope) {
        int prefix = varint32Size(envelope.length);
        int size = prefix + envelope.length;
        if (chunk == null || chunk.remaining() < size) {
            chunk = ByteBuffer.allocateDirect(Math.max(CHUNK_BYTES, size));
            // never released: the chunk is freed with the broadcast, once no slice of it is in flight
            chunkBuf = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(chunk.duplicate()));
        }
        int start = chunk.position();
        for (int v = envelope.length; ; v >>>= 7) {
            if ((v & ~0x7F) == 0) {
                chunk.put((byte) v);
                break;
            }
            chunk.put((byte) ((v & 0x7F) | 0x80));
        }
        chunk.put(envelope);
        int n = count;
        if (n == starts.length) {
            int grown = n * 2;
            chunkOf = Arrays.copyOf(chunkOf, grown);
            starts = Arrays.copyOf(starts, grown);
            ends = Arrays.copyOf(ends, grown);
        }
        chunkOf[n] = chunkBuf;
        starts[n] = start;
        ends[n] = chunk.position();
        count = n + 1; // publishes the packet
    }

    /** The first packet after {@code from} (below {@code to}) that lies in another chunk, or {@code to}. */
    int runEnd(int from, int to) {
        ByteBuf[] chunks = chunkOf;
        ByteBuf c = chunks[from];
        int i = from + 1;
        while (i < to && chunks[i] == c) {
            i++;
        }
        return i;
    }

    /** Packets {@code from} to {@code to} (exclusive), which lie in one chunk ({@link #runEnd}), as one buffer. */
    ByteBuf slice(int from, int to) {
        int s = starts[from];
        return chunkOf[from].slice(s, ends[to - 1] - s);
    }

    private static int varint32Size(int v) {
        int size = 1;
        while ((v & ~0x7F) != 0) {
            v >>>= 7;
            size++;
        }
        return size;
    }
}
