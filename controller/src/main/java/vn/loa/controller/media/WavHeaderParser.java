package vn.loa.controller.media;

import static vn.loa.controller.media.MediaRejectedException.Kind.CORRUPT;
import static vn.loa.controller.media.MediaRejectedException.Kind.EMPTY;
import static vn.loa.controller.media.MediaRejectedException.Kind.TRUNCATED;
import static vn.loa.controller.media.MediaRejectedException.Kind.UNSUPPORTED;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Map;

/** Reads the RIFF/WAVE chunk structure up to the data chunk and validates the sample format. */
final class WavHeaderParser {

    static final int FORMAT_PCM = 0x0001;
    static final int FORMAT_FLOAT = 0x0003;
    static final int FORMAT_EXTENSIBLE = 0xFFFE;
    static final int MIN_RATE = 1000;
    static final int MAX_RATE = 768_000;
    static final int MAX_CHANNELS = 32;
    /** A data chunk size meaning "until the end of the file", written by streaming encoders. */
    private static final long STREAMING_SIZE = 0xFFFFFFFFL;

    private static final Map<Integer, String> KNOWN_ENCODINGS = Map.of(
            0x0002, "Microsoft ADPCM",
            0x0006, "A-law",
            0x0007, "mu-law",
            0x0011, "IMA ADPCM",
            0x0031, "GSM 6.10",
            0x0050, "MPEG audio",
            0x0055, "MPEG layer 3",
            0x0161, "Windows Media Audio");

    private WavHeaderParser() {
    }

    static WavFormat parse(FileChannel channel) throws MediaRejectedException, IOException {
        long fileSize = channel.size();
        if (fileSize == 0) {
            throw new MediaRejectedException(EMPTY, "empty file");
        }
        ByteBuffer riff = read(channel, 0, 12);
        if (riff.remaining() < 12 || !tag(riff, 0, "RIFF") || !tag(riff, 8, "WAVE")) {
            throw new MediaRejectedException(CORRUPT, "not a RIFF/WAVE file");
        }
        ByteBuffer fmt = null;
        long pos = 12;
        while (pos + 8 <= fileSize) {
            ByteBuffer chunk = read(channel, pos, 8);
            long chunkSize = Integer.toUnsignedLong(chunk.getInt(4));
            long body = pos + 8;
            if (tag(chunk, 0, "fmt ")) {
                if (chunkSize < 16) {
                    throw new MediaRejectedException(CORRUPT, "corrupt WAV: fmt chunk of " + chunkSize + " bytes");
                }
                if (body + chunkSize > fileSize) {
                    throw new MediaRejectedException(TRUNCATED, "truncated WAV: the fmt chunk is cut off");
                }
                fmt = read(channel, body, (int) Math.min(chunkSize, 64));
            } else if (tag(chunk, 0, "data")) {
                if (fmt == null) {
                    throw new MediaRejectedException(CORRUPT, "corrupt WAV: data chunk before fmt chunk");
                }
                long available = fileSize - body;
                long dataSize = chunkSize == STREAMING_SIZE ? available : chunkSize;
                if (dataSize > available) {
                    throw new MediaRejectedException(TRUNCATED, "truncated WAV: the data chunk declares "
                            + dataSize + " bytes, only " + available + " are present");
                }
                return format(fmt, body, dataSize);
            }
            pos = body + chunkSize + (chunkSize & 1);
        }
        if (fmt == null) {
            throw new MediaRejectedException(CORRUPT, "corrupt WAV: no fmt chunk");
        }
        throw new MediaRejectedException(EMPTY, "WAV contains no audio data (no data chunk)");
    }

    private static WavFormat format(ByteBuffer fmt, long dataOffset, long dataSize) throws MediaRejectedException {
        int formatTag = Short.toUnsignedInt(fmt.getShort(0));
        int channels = Short.toUnsignedInt(fmt.getShort(2));
        long sampleRate = Integer.toUnsignedLong(fmt.getInt(4));
        int blockAlign = Short.toUnsignedInt(fmt.getShort(12));
        int bitsPerSample = Short.toUnsignedInt(fmt.getShort(14));
        if (formatTag == FORMAT_EXTENSIBLE) {
            if (fmt.limit() < 40) {
                throw new MediaRejectedException(CORRUPT, "corrupt WAV: WAVE_FORMAT_EXTENSIBLE fmt chunk is too short");
            }
            formatTag = Short.toUnsignedInt(fmt.getShort(24)); // first two bytes of the sub-format GUID
        }
        if (formatTag != FORMAT_PCM && formatTag != FORMAT_FLOAT) {
            String name = KNOWN_ENCODINGS.getOrDefault(formatTag, "unknown");
            throw new MediaRejectedException(UNSUPPORTED, String.format(
                    "unsupported WAV encoding: %s (format tag 0x%04X); only PCM and IEEE float WAV are accepted",
                    name, formatTag));
        }
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw new MediaRejectedException(UNSUPPORTED, "unsupported WAV channel count " + channels);
        }
        if (sampleRate < MIN_RATE || sampleRate > MAX_RATE) {
            throw new MediaRejectedException(UNSUPPORTED, "unsupported WAV sample rate " + sampleRate + " Hz");
        }
        if (blockAlign == 0 || blockAlign % channels != 0) {
            throw new MediaRejectedException(CORRUPT, "corrupt WAV: block align " + blockAlign + " does not fit "
                    + channels + " channel(s)");
        }
        int containerBits = blockAlign / channels * 8;
        boolean floating = formatTag == FORMAT_FLOAT;
        boolean supported = floating ? containerBits == 32 || containerBits == 64
                : containerBits == 8 || containerBits == 16 || containerBits == 24 || containerBits == 32;
        if (!supported || bitsPerSample > containerBits || bitsPerSample == 0) {
            throw new MediaRejectedException(UNSUPPORTED, "unsupported WAV sample format: " + bitsPerSample
                    + "-bit " + (floating ? "float" : "PCM") + " in " + containerBits + "-bit containers");
        }
        long frames = dataSize / blockAlign;
        if (frames == 0) {
            throw new MediaRejectedException(EMPTY, "WAV contains no audio data (empty data chunk)");
        }
        return new WavFormat(floating, channels, (int) sampleRate, containerBits, dataOffset, frames);
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                break;
            }
        }
        return buffer.flip();
    }

    private static boolean tag(ByteBuffer buffer, int offset, String text) {
        for (int i = 0; i < 4; i++) {
            if (buffer.get(offset + i) != (byte) text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
