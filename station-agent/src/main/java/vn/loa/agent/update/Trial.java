package vn.loa.agent.update;

import java.time.Instant;

/**
 * A release running on trial: it must mark itself good before {@code deadline}, or the launcher goes back to
 * {@code previous} (null: the packaged jar).
 */
public record Trial(String version, String previous, Instant deadline) {
}
