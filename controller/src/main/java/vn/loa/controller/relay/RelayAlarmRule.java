package vn.loa.controller.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a relay's upstream is in trouble long enough to raise an alarm (pure: tested table by table). In a
 * window a relay is in trouble while it is not on air from its upstream — connecting, retrying after the upstream
 * died, fell silent, answered an error or could not be reached, or playing its fallback meanwhile; its trouble starts
 * when it last left the upstream (or its window began) and ends when it relays the upstream again or its window is
 * over.
 *
 * @param after how long the trouble must last before the alarm
 */
public record RelayAlarmRule(Duration after) {
    /** What is remembered between two looks at a relay: since when it has been in trouble, if it is. */
    public record Watch(Instant troubleSince) {
        public static final Watch CALM = new Watch(null);
    }

    public Watch next(Watch previous, RelayStatus status, Instant now) {
        boolean trouble = status.state() == RelayState.CONNECTING || status.state() == RelayState.RETRYING
                || status.state() == RelayState.FALLBACK;
        if (!trouble) {
            return Watch.CALM;
        }
        if (previous.troubleSince() != null) {
            return previous;
        }
        Instant since = status.since() != null && status.since().isBefore(now) ? status.since() : now;
        return new Watch(since);
    }

    /** The alarm's detail when it should be raised now, else empty. */
    public Optional<String> alarm(Watch watch, RelayStatus status, Instant now) {
        if (watch.troubleSince() == null || Duration.between(watch.troubleSince(), now).compareTo(after) < 0) {
            return Optional.empty();
        }
        long seconds = Duration.between(watch.troubleSince(), now).toSeconds();
        String why = status.lastError() == null ? "no audible audio" : status.lastError();
        return Optional.of((status.state() == RelayState.FALLBACK ? "upstream lost for " + seconds
                + " s, the fallback bulletin plays meanwhile: " : "off air for " + seconds + " s: ") + why);
    }
}
