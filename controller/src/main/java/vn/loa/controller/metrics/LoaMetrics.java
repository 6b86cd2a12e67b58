package vn.loa.controller.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import vn.loa.controller.alarm.Alarm;
import vn.loa.controller.alarm.AlarmEvent;
import vn.loa.controller.alarm.AlarmService;
import vn.loa.controller.link.StationLink;
import vn.loa.controller.link.StationLinks;
import vn.loa.controller.station.StationRepository;
import vn.loa.controller.storage.Jdbc;

/**
 * The controller's Prometheus metrics, in a registry of its own (no global state): stations online,
 * alarms open by kind and state, alarms raised, plays by outcome, each station's link round-trip time.
 * Values are read when scraped, so they are never stale.
 */
public final class LoaMetrics {
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter alarmsRaised;
    private final io.prometheus.metrics.core.metrics.Histogram announcementStart;

    public LoaMetrics(StationLinks links, StationRepository stations, AlarmService alarms, Jdbc jdbc) {
        PlayCounts plays = new PlayCounts(jdbc);
        GaugeWithCallback.builder().name("loa_stations_online").help("Stations connected now")
                .callback(cb -> cb.call(links.onlineCount())).register(registry);
        GaugeWithCallback.builder().name("loa_stations").help("Stations known to the controller")
                .callback(cb -> cb.call(stations.count())).register(registry);
        GaugeWithCallback.builder().name("loa_alarms_open").help("Alarms not cleared, by kind and state")
                .labelNames("kind", "state")
                .callback(cb -> alarms.openCounts().forEach((kind, byState) -> byState.forEach(
                        (state, n) -> cb.call(n, kind.name(), state.name()))))
                .register(registry);
        alarmsRaised = Counter.builder().name("loa_alarms_raised_total")
                .help("Alarms raised (or recurred) since the controller started, by kind").labelNames("kind")
                .register(registry);
        CounterWithCallback.builder().name("loa_plays_total").help("Plays in the as-run log, by outcome")
                .labelNames("outcome")
                .callback(cb -> plays.byOutcome().forEach((outcome, n) -> cb.call(n, outcome))).register(registry);
        GaugeWithCallback.builder().name("loa_station_link_rtt_seconds")
                .help("Round-trip time of each connected station's link, from its last heartbeat")
                .labelNames("station")
                .callback(cb -> {
                    for (StationLink s : links.links()) {
                        long rtt = s.lastHeartbeat().getLinkRttUs();
                        if (rtt > 0) {
                            cb.call(rtt / 1e6, Long.toString(s.stationId()));
                        }
                    }
                }).register(registry);
        announcementStart = io.prometheus.metrics.core.metrics.Histogram.builder()
                .name("loa_announcement_start_latency_seconds")
                .help("From the API call of an announcement to its first audio sample at a station, by priority")
                .labelNames("priority").classicUpperBounds(0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30)
                .register(registry);
        alarms.addListener(this::alarmChanged);
    }

    /** A station started playing an announcement this long after it was requested. */
    public void announcementStarted(String priority, double seconds) {
        announcementStart.labelValues(priority).observe(seconds);
    }

    private void alarmChanged(Alarm a, String event) {
        if (event.equals(AlarmEvent.RAISED) || event.equals(AlarmEvent.RECURRED)) {
            alarmsRaised.labelValues(a.kind().name()).inc();
        }
    }

    /** The text exposition format; reads the database (plays), so call it off the event loops. */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException("writing the metrics failed", e);
        }
        return out.toByteArray();
    }
}
