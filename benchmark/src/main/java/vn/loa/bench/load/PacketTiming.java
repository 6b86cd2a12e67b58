package vn.loa.bench.load;

/**
 * The timing maths of an announcement's packets, all on one clock (epoch µs, same machine): a
 * packet {@code seq} of {@code frameMs} plays at {@code startAt + seq × frameMs}; a live packet is
 * produced when the feeder has sent the PCM that completes it.
 */
public final class PacketTiming {
    private PacketTiming() {
    }

    /** When packet {@code seq} must sound at the station (µs). */
    public static long playAtUs(long startAtMs, int seq, long frameMs) {
        return startAtMs * 1000 + seq * frameMs * 1000;
    }

    /** How much earlier than its play instant the packet arrived (µs; negative = late, an underrun). */
    public static long marginUs(long startAtMs, int seq, long frameMs, long arrivedUs) {
        return playAtUs(startAtMs, seq, frameMs) - arrivedUs;
    }

    /** Frame duration of a stream, ms (at least 1). */
    public static long frameMs(int frameSamples, int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        return Math.max(1, frameSamples * 1000L / sampleRate);
    }

    /**
     * The instant a station would start playing: the common start, or later when its first packet
     * arrived after it (µs).
     */
    public static long firstAudioUs(long startAtMs, long firstPacketArrivedUs) {
        return Math.max(startAtMs * 1000, firstPacketArrivedUs);
    }
}
