package vn.loa.controller.relay;

import java.time.Duration;
import vn.loa.controller.outbound.OutboundPolicy;

/**
 * Relay thresholds and timings.
 *
 * @param deadAfter no byte from the upstream for this long: it is dead
 * @param silentAfter audio below {@code silenceDbfs} for this long (in audio time): it is silent
 * @param silenceDbfs the RMS level (dB full scale, over 100 ms blocks) below which audio counts as silence
 * @param retryFirst the first wait before connecting again
 * @param retryMax the longest wait between attempts (the wait doubles up to it)
 * @param connectTimeout TCP connect and response-header timeout
 * @param ffmpeg the ffmpeg command, used for formats other than MP3
 * @param checkEvery how often the owner checks windows and watches sessions
 * @param outbound which upstream addresses may be connected to (checked before each connection and redirect)
 */
public record RelayConfig(Duration deadAfter, Duration silentAfter, double silenceDbfs, Duration retryFirst,
        Duration retryMax, Duration connectTimeout, String ffmpeg, Duration checkEvery, OutboundPolicy outbound) {

    public static RelayConfig defaults() {
        // silence: 2 s of audio, so that a silent upstream leaves no more than about 3 s of dead air (issue 15)
        return new RelayConfig(Duration.ofSeconds(5), Duration.ofSeconds(2), -55.0, Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(5), "ffmpeg", Duration.ofMillis(250),
                OutboundPolicy.publicOnly());
    }

    public RelayConfig withFfmpeg(String command) {
        return new RelayConfig(deadAfter, silentAfter, silenceDbfs, retryFirst, retryMax, connectTimeout, command,
                checkEvery, outbound);
    }

    public RelayConfig withRetry(Duration first, Duration max) {
        return new RelayConfig(deadAfter, silentAfter, silenceDbfs, first, max, connectTimeout, ffmpeg, checkEvery,
                outbound);
    }

    public RelayConfig withOutbound(OutboundPolicy policy) {
        return new RelayConfig(deadAfter, silentAfter, silenceDbfs, retryFirst, retryMax, connectTimeout, ffmpeg,
                checkEvery, policy);
    }

    /** The wait before attempt {@code failures + 1}: doubling from {@code retryFirst}, capped at {@code retryMax}. */
    public Duration retryDelay(int failures) {
        long ms = retryFirst.toMillis() << Math.min(Math.max(0, failures - 1), 10);
        return Duration.ofMillis(Math.min(ms, retryMax.toMillis()));
    }
}
