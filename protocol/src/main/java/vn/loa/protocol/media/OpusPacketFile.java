package vn.loa.protocol.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * The Loa Opus packet container ("LOP"): a fixed 25-byte header followed by length-prefixed Opus packets.
 *
 * <pre>
 * offset size field
 *      0    8 magic "LOAOPUS1" (ASCII)
 *      8    4 sampleRate    u32 BE: 8000, 12000, 16000, 24000 or 48000
 *     12    1 channels      u8: 1 or 2
 *     13    2 frameSamples  u16 BE: samples per channel in each packet (e.g. 480 = 20 ms at 24 kHz), &gt; 0
 *     15    2 preSkip       u16 BE: samples per channel to drop from the start of the decoded output
 *     17    8 totalSamples  u64 BE: playable samples per channel after preSkip (must fit a signed 64-bit value)
 *     25    - packets: u16 BE length (1..3825) followed by that many bytes of one Opus packet, until end of file
 * </pre>
 *
 * <p>Use {@link OpusPacketWriter} to produce and {@link OpusPacketReader} to consume the format.
 */
public final class OpusPacketFile {

    /** The 8 magic bytes at the start of every LOP file. */
    public static final String MAGIC_TEXT = "LOAOPUS1";
    /** Size of the fixed header in bytes. */
    public static final int HEADER_BYTES = 25;
    /** Largest Opus packet allowed: three maximal (1275-byte) Opus frames. */
    public static final int MAX_PACKET_BYTES = 1275 * 3;
    /** Sample rates Opus can decode to. */
    public static final Set<Integer> SUPPORTED_SAMPLE_RATES = Set.of(8000, 12000, 16000, 24000, 48000);
    /** The conventional file name extension, without the dot. */
    public static final String EXTENSION = "lop";

    private static final byte[] MAGIC = MAGIC_TEXT.getBytes(StandardCharsets.US_ASCII);

    private OpusPacketFile() {
    }

    static byte[] magic() {
        return MAGIC.clone();
    }

    static boolean isMagic(byte[] bytes) {
        return Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /**
     * The LOP header.
     *
     * @param sampleRate   decoder output rate in Hz (8000, 12000, 16000, 24000 or 48000)
     * @param channels     1 or 2
     * @param frameSamples samples per channel carried by each packet (1..65535)
     * @param preSkip      samples per channel to drop at the start of decoding (0..65535)
     * @param totalSamples exact playable length in samples per channel, after preSkip (&ge; 0)
     */
    public record Header(int sampleRate, int channels, int frameSamples, int preSkip, long totalSamples) {

        public Header {
            if (!SUPPORTED_SAMPLE_RATES.contains(sampleRate)) {
                throw new IllegalArgumentException("unsupported sample rate " + sampleRate
                        + " Hz (expected one of 8000, 12000, 16000, 24000, 48000)");
            }
            if (channels != 1 && channels != 2) {
                throw new IllegalArgumentException("unsupported channel count " + channels + " (expected 1 or 2)");
            }
            if (frameSamples <= 0 || frameSamples > 0xFFFF) {
                throw new IllegalArgumentException("frame size must be 1..65535 samples, got " + frameSamples);
            }
            if (preSkip < 0 || preSkip > 0xFFFF) {
                throw new IllegalArgumentException("pre-skip must be 0..65535 samples, got " + preSkip);
            }
            if (totalSamples < 0) {
                throw new IllegalArgumentException("total samples must be >= 0, got " + totalSamples);
            }
        }

        /** Playable duration in milliseconds, rounded to the nearest millisecond. */
        public long durationMillis() {
            return (totalSamples * 1000 + sampleRate / 2) / sampleRate;
        }
    }
}
