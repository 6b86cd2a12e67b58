package vn.loa.controller.media;

import java.nio.file.Path;

/**
 * A stored LOP file.
 *
 * @param sha256     lower-case hex SHA-256 of the LOP file bytes (also its name, without ".lop")
 * @param file       where it is stored
 * @param sizeBytes  LOP file size
 * @param durationMs exact playable duration, rounded to the millisecond
 * @param sampleRate LOP sample rate in Hz (24000)
 */
public record IngestedMedia(String sha256, Path file, long sizeBytes, long durationMs, int sampleRate) {
}
