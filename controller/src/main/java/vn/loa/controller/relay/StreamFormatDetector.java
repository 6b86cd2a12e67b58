package vn.loa.controller.relay;

import java.util.Locale;
import java.util.Optional;
import vn.loa.controller.media.FormatSniffer;
import vn.loa.controller.media.MediaFormat;

/**
 * Recognises an upstream stream's format: by its first bytes when they are conclusive (a listener may join an
 * MP3 stream mid-frame, so bytes are not always conclusive), otherwise by its Content-Type.
 */
public final class StreamFormatDetector {
    /** How many first bytes {@link #detect} looks at. */
    public static final int HEAD_BYTES = 16;

    public StreamFormat detect(String contentType, byte[] head, int length) {
        return sniff(head, length).orElseGet(() -> byContentType(contentType));
    }

    Optional<StreamFormat> sniff(byte[] head, int length) {
        if (length >= 4 && ascii(head, "OggS")) {
            return Optional.of(StreamFormat.OGG);
        }
        if (length >= 4 && ascii(head, "fLaC")) {
            return Optional.of(StreamFormat.FLAC);
        }
        if (length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xF6) == 0xF0) {
            return Optional.of(StreamFormat.AAC); // ADTS: 12-bit sync, layer 00
        }
        if (FormatSniffer.sniff(head, length).filter(f -> f == MediaFormat.MP3).isPresent()) {
            return Optional.of(StreamFormat.MP3);
        }
        if (length >= 1 && (head[0] == '<' || head[0] == '{' || head[0] == '#')) {
            return Optional.of(StreamFormat.NOT_AUDIO); // HTML/XML, JSON, an M3U playlist
        }
        return Optional.empty();
    }

    StreamFormat byContentType(String contentType) {
        if (contentType == null) {
            return StreamFormat.OTHER_AUDIO;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "audio/mpeg", "audio/mp3", "audio/mpeg3", "audio/x-mpeg", "audio/mpg" -> StreamFormat.MP3;
            case "application/ogg", "audio/ogg", "audio/opus", "audio/vorbis", "audio/x-ogg", "video/ogg" ->
                StreamFormat.OGG;
            case "audio/aac", "audio/aacp", "audio/x-aac", "audio/mp4", "audio/x-m4a" -> StreamFormat.AAC;
            case "audio/flac", "audio/x-flac" -> StreamFormat.FLAC;
            default -> type.startsWith("audio/") || type.equals("application/octet-stream") || type.isEmpty()
                    ? StreamFormat.OTHER_AUDIO : StreamFormat.NOT_AUDIO;
        };
    }

    private static boolean ascii(byte[] data, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (data[i] != (byte) text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
