package vn.loa.controller.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Recognises the input format by content (magic bytes), never by file name. */
public final class FormatSniffer {

    /** Bytes of the file start needed by {@link #sniff(byte[], int)}. */
    public static final int HEAD_BYTES = 12;

    private FormatSniffer() {
    }

    public static Optional<MediaFormat> sniff(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(HEAD_BYTES);
            return sniff(head, head.length);
        }
    }

    /**
     * WAV: "RIFF" size "WAVE". MP3: an ID3v2 tag ("ID3") or a valid MPEG audio frame header at offset 0.
     * Whether the rest of the file is valid is checked later by the decoder.
     */
    public static Optional<MediaFormat> sniff(byte[] head, int length) {
        if (length >= 12 && ascii(head, 0, "RIFF") && ascii(head, 8, "WAVE")) {
            return Optional.of(MediaFormat.WAV);
        }
        if (length >= 3 && ascii(head, 0, "ID3")) {
            return Optional.of(MediaFormat.MP3);
        }
        if (MpegFrameHeader.parse(head, 0, length) != null) {
            return Optional.of(MediaFormat.MP3);
        }
        return Optional.empty();
    }

    static boolean ascii(byte[] data, int offset, String text) {
        if (offset + text.length() > data.length) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (data[offset + i] != (byte) text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
