package vn.loa.protocol.hardwarefile;

/**
 * One mistake in a hardware file.
 *
 * @param line    the line it is on (from 1), or 0 when it is about the file as a whole (a setting missing)
 * @param message what is wrong and how to fix it, naming the line and its text when there is one
 */
public record ConfigError(int line, String message) {
}
