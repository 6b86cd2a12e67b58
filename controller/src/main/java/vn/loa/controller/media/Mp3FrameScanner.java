package vn.loa.controller.media;

import static vn.loa.controller.media.MediaRejectedException.Kind.CORRUPT;
import static vn.loa.controller.media.MediaRejectedException.Kind.EMPTY;
import static vn.loa.controller.media.MediaRejectedException.Kind.TRUNCATED;
import static vn.loa.controller.media.MediaRejectedException.Kind.UNSUPPORTED;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Walks every MPEG audio frame of an MP3 file by its header, before anything is decoded, so that damaged or fake
 * files are refused as a whole.
 *
 * <p>Accepted layout: optional ID3v2 tag(s), up to {@value #MAX_LEADING_PADDING} zero bytes, a chain of at least
 * {@value #MIN_FRAMES} consistent frames (same MPEG version, layer, sample rate and channel count) with at most
 * {@value #MAX_GAP} stray bytes between two frames, up to {@value #MAX_LEADING_PADDING} trailing zero bytes, then an
 * optional APE tag and an optional ID3v1 tag.
 */
final class Mp3FrameScanner {

    static final int MIN_FRAMES = 3;
    static final int MAX_GAP = 8;
    static final int MAX_LEADING_PADDING = 64 * 1024;
    /** Delay of the standard layer III synthesis filterbank, in samples. */
    static final int DECODER_DELAY = 529;

    private static final int ID3V1_BYTES = 128;
    private static final int APE_FOOTER_BYTES = 32;

    private final Path file;
    private final ByteBuffer data;
    private final int size;

    private Mp3FrameScanner(Path file, ByteBuffer data) {
        this.file = file;
        this.data = data;
        this.size = data.limit();
    }

    static Mp3StreamInfo scan(Path file) throws MediaRejectedException, IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = channel.size();
            if (length == 0) {
                throw new MediaRejectedException(EMPTY, "empty file");
            }
            if (length > Integer.MAX_VALUE) {
                throw new MediaRejectedException(UNSUPPORTED, "MP3 files over 2 GiB are not supported");
            }
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, length);
            return new Mp3FrameScanner(file, map).scan();
        }
    }

    static Mp3StreamInfo scan(byte[] bytes) throws MediaRejectedException {
        if (bytes.length == 0) {
            throw new MediaRejectedException(EMPTY, "empty file");
        }
        return new Mp3FrameScanner(null, ByteBuffer.wrap(bytes)).scan();
    }

    private Mp3StreamInfo scan() throws MediaRejectedException {
        int start = skipId3v2Tags();
        int end = stripTrailingTags(start);
        int first = findFirstFrame(start, end);
        MpegFrameHeader firstHeader = header(first, end);

        long frames = 0;
        int pos = first;
        int lastFrameEnd = first;
        while (pos < end) {
            MpegFrameHeader h = header(pos, end);
            if (h != null && h.consistentWith(firstHeader) && h.channels() == firstHeader.channels()) {
                int remaining = end - pos;
                if (h.frameLength() > remaining) {
                    throw new MediaRejectedException(TRUNCATED, "truncated MP3: the last frame needs "
                            + h.frameLength() + " bytes, only " + remaining + " remain");
                }
                frames++;
                pos += h.frameLength();
                lastFrameEnd = pos;
                continue;
            }
            if (allZero(pos, end) && end - pos <= MAX_LEADING_PADDING) {
                break;
            }
            if (end - pos < 4 && (data.get(pos) & 0xFF) == 0xFF) {
                throw new MediaRejectedException(TRUNCATED, "truncated MP3: the last frame header is cut off ("
                        + (end - pos) + " bytes remain)");
            }
            int next = resync(pos, end, firstHeader);
            if (next < 0) {
                throw new MediaRejectedException(CORRUPT, "corrupt MP3: lost frame sync at byte " + pos
                        + " (garbage between frames)");
            }
            pos = next;
        }
        if (frames < MIN_FRAMES) {
            throw new MediaRejectedException(CORRUPT, "not a valid MP3: only " + frames
                    + " MPEG audio frame(s), at least " + MIN_FRAMES + " are required");
        }
        return describe(firstHeader, first, lastFrameEnd, frames);
    }

    private int skipId3v2Tags() throws MediaRejectedException {
        int pos = 0;
        while (pos + 3 <= size && ascii(pos, "ID3")) {
            if (pos + 10 > size) {
                throw new MediaRejectedException(TRUNCATED, "truncated MP3: the ID3v2 tag header is cut off");
            }
            int flags = data.get(pos + 5) & 0xFF;
            int tagSize = 0;
            for (int i = 6; i < 10; i++) {
                int b = data.get(pos + i) & 0xFF;
                if ((b & 0x80) != 0) {
                    throw new MediaRejectedException(CORRUPT, "corrupt MP3: invalid ID3v2 tag size");
                }
                tagSize = (tagSize << 7) | b;
            }
            long total = 10L + tagSize + ((flags & 0x10) != 0 ? 10 : 0);
            if (pos + total > size) {
                throw new MediaRejectedException(TRUNCATED, "truncated MP3: the ID3v2 tag needs " + total
                        + " bytes, only " + (size - pos) + " remain");
            }
            pos += (int) total;
        }
        return pos;
    }

    private int stripTrailingTags(int start) {
        int end = size;
        if (end - ID3V1_BYTES >= start && ascii(end - ID3V1_BYTES, "TAG")) {
            end -= ID3V1_BYTES;
        }
        if (end - APE_FOOTER_BYTES >= start && ascii(end - APE_FOOTER_BYTES, "APETAGEX")) {
            long tagSize = leU32(end - APE_FOOTER_BYTES + 12);
            long flags = leU32(end - APE_FOOTER_BYTES + 20);
            long total = tagSize + ((flags & 0x80000000L) != 0 ? APE_FOOTER_BYTES : 0);
            if (total >= APE_FOOTER_BYTES && end - total >= start) {
                end -= (int) total;
            }
        }
        return end;
    }

    private int findFirstFrame(int start, int end) throws MediaRejectedException {
        if (start >= end) {
            throw new MediaRejectedException(CORRUPT, "not a valid MP3: no MPEG audio frames found");
        }
        int pos = start;
        while (pos < end && pos - start < MAX_LEADING_PADDING && data.get(pos) == 0) {
            pos++;
        }
        for (int candidate = pos; candidate <= pos + MAX_GAP && candidate < end; candidate++) {
            MpegFrameHeader h = header(candidate, end);
            if (h != null && startsChain(candidate, h, end)) {
                return candidate;
            }
        }
        throw new MediaRejectedException(CORRUPT, "not a valid MP3: no MPEG audio frames found");
    }

    /** A frame starts a chain if it reaches the end, runs past it (reported later as truncated), or is followed by a consistent frame. */
    private boolean startsChain(int pos, MpegFrameHeader h, int end) {
        int next = pos + h.frameLength();
        if (next >= end) {
            return true;
        }
        MpegFrameHeader following = header(next, end);
        return following != null && following.consistentWith(h) && following.channels() == h.channels();
    }

    private int resync(int pos, int end, MpegFrameHeader reference) {
        for (int candidate = pos + 1; candidate <= pos + MAX_GAP && candidate < end; candidate++) {
            MpegFrameHeader h = header(candidate, end);
            if (h != null && h.consistentWith(reference) && h.channels() == reference.channels()
                    && startsChain(candidate, h, end)) {
                return candidate;
            }
        }
        return -1;
    }

    private Mp3StreamInfo describe(MpegFrameHeader first, int start, int end, long frames)
            throws MediaRejectedException {
        int samplesPerFrame = first.samplesPerFrame();
        boolean infoFrame = first.layer() == 3 && hasVbrTag(start, first);
        long audioFrames = infoFrame ? frames - 1 : frames;
        long startSkip = 0;
        long total = audioFrames * samplesPerFrame;
        if (infoFrame) {
            int[] gapless = lameDelayAndPadding(start, first);
            if (gapless != null) {
                startSkip = gapless[0] + (long) DECODER_DELAY;
                total = Math.max(0, total - gapless[0] - gapless[1]);
            }
        }
        if (total == 0) {
            throw new MediaRejectedException(EMPTY, "MP3 contains no audio samples");
        }
        return new Mp3StreamInfo(start, end, first.sampleRate(), first.channels(), first.layer(), frames,
                infoFrame, startSkip, total);
    }

    private boolean hasVbrTag(int frameStart, MpegFrameHeader h) {
        int xing = frameStart + h.xingOffset();
        return ascii(xing, "Xing") || ascii(xing, "Info") || ascii(frameStart + 36, "VBRI");
    }

    /** Encoder delay and padding from a LAME-style tag after a Xing/Info header, or null if absent or implausible. */
    private int[] lameDelayAndPadding(int frameStart, MpegFrameHeader h) {
        int xing = frameStart + h.xingOffset();
        if (!ascii(xing, "Xing") && !ascii(xing, "Info")) {
            return null;
        }
        int frameEnd = frameStart + h.frameLength();
        if (xing + 8 > frameEnd) {
            return null;
        }
        long flags = beU32(xing + 4);
        int lame = xing + 8;
        lame += (flags & 1) != 0 ? 4 : 0;
        lame += (flags & 2) != 0 ? 4 : 0;
        lame += (flags & 4) != 0 ? 100 : 0;
        lame += (flags & 8) != 0 ? 4 : 0;
        if (lame + 24 > frameEnd || !(ascii(lame, "LAME") || ascii(lame, "Lavc") || ascii(lame, "Lavf"))) {
            return null;
        }
        int b0 = data.get(lame + 21) & 0xFF;
        int b1 = data.get(lame + 22) & 0xFF;
        int b2 = data.get(lame + 23) & 0xFF;
        int delay = (b0 << 4) | (b1 >> 4);
        int padding = ((b1 & 0x0F) << 8) | b2;
        if (delay > 4 * h.samplesPerFrame() || padding > 4 * h.samplesPerFrame()) {
            return null;
        }
        return new int[] {delay, padding};
    }

    private MpegFrameHeader header(int pos, int end) {
        if (pos < 0 || pos + 4 > end) {
            return null;
        }
        byte[] four = {data.get(pos), data.get(pos + 1), data.get(pos + 2), data.get(pos + 3)};
        return MpegFrameHeader.parse(four, 0, 4);
    }

    private boolean allZero(int from, int end) {
        for (int i = from; i < end; i++) {
            if (data.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private boolean ascii(int pos, String text) {
        if (pos < 0 || pos + text.length() > size) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (data.get(pos + i) != (byte) text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private long leU32(int pos) {
        return (data.get(pos) & 0xFFL) | (data.get(pos + 1) & 0xFFL) << 8 | (data.get(pos + 2) & 0xFFL) << 16
                | (data.get(pos + 3) & 0xFFL) << 24;
    }

    private long beU32(int pos) {
        return (data.get(pos) & 0xFFL) << 24 | (data.get(pos + 1) & 0xFFL) << 16 | (data.get(pos + 2) & 0xFFL) << 8
                | (data.get(pos + 3) & 0xFFL);
    }

    @Override
    public String toString() {
        return "Mp3FrameScanner[" + file + "]";
    }
}
