package vn.loa.controller.relay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.alarm.AlarmKey;
import vn.loa.controller.alarm.AlarmKind;
import vn.loa.controller.alarm.AlarmService;

/**
 * Raises a latched alarm per relay whose upstream stays dead, silent or unreachable in its window beyond
 * {@link RelayAlarmRule#after()} (docs/relay.md), and ends it when the relay is on air again or its window is
 * over. Relay alarms are the controller's: kept under station 0. Owns one thread, {@code relay-alarms}, that
 * looks at every relay every {@link #EVERY}.
 */
public final class RelayAlarms implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RelayAlarms.class);
    /** How long a relay may be off air in its window before the alarm: with 5 s to find a dead upstream and a look every 2 s, raised within about 22 s. */
    public static final Duration DEFAULT_AFTER = Duration.ofSeconds(15);
    static final Duration EVERY = Duration.ofSeconds(2);
    /** The station id relay alarms are kept under: none, the controller itself. */
    public static final long CONTROLLER = 0;

    private final RelayService relays;
    private final AlarmService alarms;
    private final RelayAlarmRule rule;
    private final Clock clock;
    private final Map<Long, RelayAlarmRule.Watch> watches = new HashMap<>();
    /** Made at each {@link #start}: a node may lead, stand by and lead again. */
    private volatile ScheduledExecutorService thread;

    public RelayAlarms(RelayService relays, AlarmService alarms, Duration after, Clock clock) {
        this.relays = relays;
        this.alarms = alarms;
        this.rule = new RelayAlarmRule(after);
        this.clock = clock;
    }

    public void start() {
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("relay-alarms").daemon(true).factory());
        thread = t;
        t.scheduleWithFixedDelay(this::look, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One look at every relay; on the relay-alarms thread only. */
    void look() {
        try {
            Instant now = clock.instant();
            Map<AlarmKey, String> present = new HashMap<>();
            Map<Long, RelayAlarmRule.Watch> seen = new HashMap<>();
            for (Relay relay : relays.list()) {
                RelayStatus status = relays.status(relay.id());
                RelayAlarmRule.Watch w = rule.next(watches.getOrDefault(relay.id(), RelayAlarmRule.Watch.CALM), status, now);
                seen.put(relay.id(), w);
                rule.alarm(w, status, now).ifPresent(detail -> present.put(AlarmKey.relay(relay.id()),
                        "relay " + relay.id() + " '" + relay.title() + "' (" + relay.url() + ") " + detail));
            }
            watches.clear();
            watches.putAll(seen);
            alarms.assess(CONTROLLER, Set.of(AlarmKind.RELAY_UPSTREAM_DOWN), present);
        } catch (RuntimeException e) {
            log.error("relay alarms: a look failed: {}", e.toString(), e);
        }
    }

    /** Stops the looks (this node stops leading, or the controller stops); {@link #start} may follow. */
    @Override
    public void close() {
        ScheduledExecutorService t = thread;
        thread = null;
        if (t != null) {
            t.shutdownNow();
        }
    }
}
