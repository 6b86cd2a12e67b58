package vn.loa.agent.player;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.io.IOException;
import vn.loa.agent.broadcast.IncomingBroadcast;
import vn.loa.hardware.PcmFormat;
import vn.loa.protocol.v1.BroadcastStart;

/**
 * Decodes a broadcast's packets as they arrive, repeating the whole message as asked. For a live
 * stream a packet that is late is replaced by silence (an underrun, counted); a stream silent for
 * longer than the stall limit ends with an error.
 */
final class BroadcastAudioSource implements AudioSource {
    static final long LIVE_PACKET_WAIT_MS = 40;
    static final long STALL_LIMIT_MS = 5_000;

    private final IncomingBroadcast broadcast;
    private final PcmFormat format;
    private final int frameSamples;
    private final int preSkip;
    private final long totalSamples;
    private final int repeat;
    private OpusDecoder decoder;
    private int index;
    private int round;
    private long emitted;
    private int toSkip;
    private int underruns;
    private long stalledMs;
    /** Asked once, at the first frame: the packet to begin at instead (a live stream after its chime). */
    private java.util.function.IntSupplier beginAt;

    BroadcastAudioSource(IncomingBroadcast broadcast) throws IOException {
        this(broadcast, 0);
    }

    /**
     * @param firstPacket where to begin; a live broadcast resumed after an interruption begins near the
     *                    newest packet (its decoder warms up on the way, so a few packets before it are decoded)
     */
    BroadcastAudioSource(IncomingBroadcast broadcast, int firstPacket) throws IOException {
        BroadcastStart s = broadcast.start();
        this.broadcast = broadcast;
        this.format = new PcmFormat(s.getSampleRate(), s.getChannels());
        this.frameSamples = s.getFrameSamples();
        this.preSkip = s.getPreSkip();
        this.totalSamples = s.getTotalSamples();
        this.repeat = Math.max(1, s.getRepeat());
        if (frameSamples <= 0 || frameSamples > 5760) {
            throw new IOException("broadcast " + broadcast.id() + ": bad frame size " + frameSamples);
        }
        newRound();
        index = Math.max(0, firstPacket);
        toSkip = index == 0 ? preSkip : 0;
    }

    private void newRound() throws IOException {
        try {
            decoder = new OpusDecoder(format.sampleRate(), format.channels());
        } catch (OpusException e) {
            throw new IOException("broadcast " + broadcast.id() + ": " + e.getMessage(), e);
        }
        index = 0;
        emitted = 0;
        toSkip = preSkip;
    }

    @Override
    public PcmFormat format() {
        return format;
    }

    /**
     * A live stream played after a chime: at its first frame it jumps over the packets that piled up while
     * the chime played, as {@code packet} then says, so the chime adds nothing to the live delay (what was
     * said during the chime is not played; the console and the CLI wait for the chime's end).
     */
    void beginAtFirstFrame(java.util.function.IntSupplier packet) {
        this.beginAt = packet;
    }

    int underruns() {
        return underruns;
    }

    @Override
    public short[] nextFrame() throws IOException {
        if (beginAt != null) {
            int target = beginAt.getAsInt();
            beginAt = null;
            if (target > index) {
                index = target;
                toSkip = 0;
            }
        }
        while (true) {
            if (totalSamples > 0 && emitted >= totalSamples) {
                if (!nextRound()) {
                    return null;
                }
                continue;
            }
            if (index < broadcast.firstKept()) {
                index = broadcast.firstKept(); // a live stream moved on past what it keeps: catch up with it
            }
            IncomingBroadcast.Next next;
            try {
                next = broadcast.packet(index, broadcast.start().getLive() ? LIVE_PACKET_WAIT_MS : STALL_LIMIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            short[] pcm = new short[frameSamples * format.channels()];
            switch (next) {
                case IncomingBroadcast.EndOfStream e -> {
                    if (!nextRound()) {
                        return null;
                    }
                    continue;
                }
                case IncomingBroadcast.NotYet n -> {
                    if (!broadcast.start().getLive()) {
                        throw new IOException("broadcast " + broadcast.id() + ": packet " + index + " did not arrive");
                    }
                    underruns++;
                    stalledMs += LIVE_PACKET_WAIT_MS;
                    if (stalledMs >= STALL_LIMIT_MS) {
                        throw new StreamStalledException("broadcast " + broadcast.id() + ": no packet for " + stalledMs + " ms");
                    }
                    return pcm; // silence while the stream catches up
                }
                case IncomingBroadcast.Packet p -> {
                    stalledMs = 0;
                    index++;
                    try {
                        int n = decoder.decode(p.data(), 0, p.data().length, pcm, 0, frameSamples, false);
                        return trim(pcm, n);
                    } catch (OpusException e) {
                        throw new IOException("broadcast " + broadcast.id() + ": packet " + (index - 1)
                                + " is corrupt: " + e.getMessage(), e);
                    }
                }
            }
        }
    }

    private short[] trim(short[] pcm, int decoded) {
        int from = Math.min(toSkip, decoded);
        toSkip -= from;
        int count = decoded - from;
        if (totalSamples > 0) {
            count = (int) Math.min(count, totalSamples - emitted);
        }
        emitted += count;
        if (from == 0 && count == pcm.length / format.channels()) {
            return pcm;
        }
        short[] out = new short[count * format.channels()];
        System.arraycopy(pcm, from * format.channels(), out, 0, out.length);
        return out;
    }

    private boolean nextRound() throws IOException {
        round++;
        if (round >= repeat || broadcast.isStopped()) {
            return false;
        }
        newRound();
        return true;
    }

    @Override
    public void close() {
        // nothing held but memory
    }
}
