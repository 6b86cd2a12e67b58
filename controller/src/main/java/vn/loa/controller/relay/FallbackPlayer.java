package vn.loa.controller.relay;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import vn.loa.controller.media.LiveEncoder;

/**
 * Plays a relay's fallback into its open broadcast while the upstream is down: the loop, then a second of silence,
 * again and again, encoded like any live feed and sent in real time (20 ms a packet, {@link #LEAD} ahead to cover
 * the moment the upstream was found dead). Owns one virtual thread, from {@link #start} to {@link #stop}; the
 * session feeds the broadcast only while no player runs.
 */
final class FallbackPlayer {
    /** Packets sent at once when the fallback starts: the stations' buffer ran low while the failure was found. */
    static final int LEAD = 15;
    private static final long PACKET_NANOS = 20_000_000L;

    private final long relayId;
    private final FallbackAudio.Loop loop;
    private final Broadcaster.OnAir onAir;
    private volatile boolean stopping;
    private volatile boolean refused;
    private Thread thread;

    FallbackPlayer(long relayId, FallbackAudio.Loop loop, Broadcaster.OnAir onAir) {
        this.relayId = relayId;
        this.loop = loop;
        this.onAir = onAir;
    }

    void start() {
        thread = Thread.ofVirtual().name("relay-" + relayId + "-fallback").start(this::run);
    }

    /** True once the broadcast refused a packet: it was stopped from elsewhere, and the player has ended. */
    boolean refused() {
        return refused;
    }

    /** Stops the player and waits for its thread (at most one packet's time). */
    void stop() throws InterruptedException {
        stopping = true;
        LockSupport.unpark(thread);
        thread.join();
    }

    private void run() {
        short[] round = Arrays.copyOf(loop.samples(), loop.samples().length + loop.sampleRate()); // + 1 s silence
        int block = Math.max(1, loop.sampleRate() / 50);
        LiveEncoder encoder = new LiveEncoder(loop.sampleRate());
        long start = System.nanoTime();
        long sent = 0;
        int at = 0;
        while (!stopping) {
            int n = Math.min(block, round.length - at);
            short[] pcm = Arrays.copyOfRange(round, at, at + n);
            at = (at + n) % round.length;
            for (byte[] packet : encoder.push(pcm, n)) {
                long wait;
                while (!stopping && (wait = start + (sent - LEAD) * PACKET_NANOS - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (stopping) {
                    return;
                }
                if (!onAir.packet(packet)) {
                    refused = true;
                    return;
                }
                sent++;
            }
        }
    }
}
