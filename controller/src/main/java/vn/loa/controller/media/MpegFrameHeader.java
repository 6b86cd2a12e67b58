package vn.loa.controller.media;

/**
 * One parsed 4-byte MPEG-1/2/2.5 audio frame header (layers I, II, III).
 *
 * @param version         1 for MPEG-1, 2 for MPEG-2, 25 for MPEG-2.5
 * @param layer           1, 2 or 3
 * @param bitrateKbps     frame bitrate
 * @param sampleRate      in Hz
 * @param padding         whether the frame carries a padding slot
 * @param channels        1 for single channel mode, otherwise 2
 * @param protectedByCrc  whether a 16-bit CRC follows the header
 * @param frameLength     bytes in the whole frame, header included
 * @param samplesPerFrame samples per channel decoded from this frame
 */
record MpegFrameHeader(int version, int layer, int bitrateKbps, int sampleRate, boolean padding, int channels,
        boolean protectedByCrc, int frameLength, int samplesPerFrame) {

    private static final int[][] BITRATES_V1 = {
        {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},
        {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},
    };
    private static final int[][] BITRATES_V2 = {
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},
        {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
        {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},
    };
    private static final int[] RATES_V1 = {44100, 48000, 32000};

    /**
     * Parses the 4 bytes at {@code offset}; returns {@code null} if they are not a valid header (no sync, reserved
     * version/layer/rate, free-format or invalid bitrate) or if fewer than 4 bytes are available.
     */
    static MpegFrameHeader parse(byte[] data, int offset, int limit) {
        if (offset < 0 || offset + 4 > limit) {
            return null;
        }
        int b1 = data[offset] & 0xFF;
        int b2 = data[offset + 1] & 0xFF;
        int b3 = data[offset + 2] & 0xFF;
        int b4 = data[offset + 3] & 0xFF;
        if (b1 != 0xFF || (b2 & 0xE0) != 0xE0) {
            return null;
        }
        int versionBits = (b2 >> 3) & 0x3;
        int layerBits = (b2 >> 1) & 0x3;
        int bitrateIndex = (b3 >> 4) & 0xF;
        int rateIndex = (b3 >> 2) & 0x3;
        if (versionBits == 1 || layerBits == 0 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
            return null;
        }
        if ((b4 & 0x3) == 2) {
            return null; // reserved emphasis
        }
        int version = switch (versionBits) {
            case 3 -> 1;
            case 2 -> 2;
            default -> 25;
        };
        int layer = 4 - layerBits;
        int bitrate = (version == 1 ? BITRATES_V1 : BITRATES_V2)[layer - 1][bitrateIndex];
        int sampleRate = RATES_V1[rateIndex] / (version == 1 ? 1 : version == 2 ? 2 : 4);
        boolean padding = ((b3 >> 1) & 1) == 1;
        int channels = ((b4 >> 6) & 0x3) == 3 ? 1 : 2;
        boolean crc = (b2 & 1) == 0;
        int samples;
        int length;
        if (layer == 1) {
            samples = 384;
            length = (12 * bitrate * 1000 / sampleRate + (padding ? 1 : 0)) * 4;
        } else if (layer == 2 || version == 1) {
            samples = 1152;
            length = 144 * bitrate * 1000 / sampleRate + (padding ? 1 : 0);
        } else {
            samples = 576;
            length = 72 * bitrate * 1000 / sampleRate + (padding ? 1 : 0);
        }
        return new MpegFrameHeader(version, layer, bitrate, sampleRate, padding, channels, crc, length, samples);
    }

    /** Whether another frame belongs to the same stream (same version, layer and sample rate). */
    boolean consistentWith(MpegFrameHeader other) {
        return version == other.version && layer == other.layer && sampleRate == other.sampleRate;
    }

    /** Offset from the frame start of the Xing/Info tag, which follows the layer III side information. */
    int xingOffset() {
        int sideInfo = version == 1 ? (channels == 1 ? 17 : 32) : (channels == 1 ? 9 : 17);
        return 4 + sideInfo;
    }
}
