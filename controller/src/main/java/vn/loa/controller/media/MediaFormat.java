package vn.loa.controller.media;

/** Input container formats recognised by {@link FormatSniffer}. */
public enum MediaFormat {
    WAV,
    MP3
}
