package vn.loa.controller.relay;

/** What an upstream stream carries, as far as the relay cares: MP3 decodes in-process, the rest through ffmpeg. */
public enum StreamFormat {
    MP3("MP3"),
    OGG("Ogg (Opus/Vorbis/FLAC)"),
    AAC("AAC"),
    FLAC("FLAC"),
    /** Audio of a kind not recognised here; ffmpeg may still decode it. */
    OTHER_AUDIO("other audio"),
    /** Certainly not audio (an HTML page, JSON, a playlist). */
    NOT_AUDIO("not audio");

    private final String label;

    StreamFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean decodedInProcess() {
        return this == MP3;
    }
}
