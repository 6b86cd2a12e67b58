package vn.loa.controller.media;

import java.util.Objects;

/** An uploaded file was refused; {@link #reason()} is meant for the person who uploaded it. */
public final class MediaRejectedException extends Exception {

    /** Why the file was refused. The HTTP layer maps {@link #TOO_LARGE} to 413 and every other kind to 400. */
    public enum Kind {
        /** Not a format this server can decode. */
        UNSUPPORTED,
        /** No bytes, or no audio samples. */
        EMPTY,
        /** The file ends before the audio it declares. */
        TRUNCATED,
        /** The bytes do not form valid audio of the detected format. */
        CORRUPT,
        /** The upload is larger than the configured byte limit. */
        TOO_LARGE,
        /** The decoded audio is longer than the allowed duration. */
        TOO_LONG
    }

    private final Kind kind;
    private final String reason;

    public MediaRejectedException(Kind kind, String reason) {
        this(kind, reason, null);
    }

    public MediaRejectedException(Kind kind, String reason, Throwable cause) {
        super(kind + ": " + reason, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Kind kind() {
        return kind;
    }

    /** Human-readable explanation, without the kind prefix. */
    public String reason() {
        return reason;
    }
}
