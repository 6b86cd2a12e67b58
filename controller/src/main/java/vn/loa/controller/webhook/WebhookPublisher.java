package vn.loa.controller.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import vn.loa.controller.exchange.ExchangeRecord;
import vn.loa.controller.outbox.OutboxRepository;
import vn.loa.controller.outbox.Purpose;
import vn.loa.controller.storage.Jdbc;

/**
 * Queues webhook messages for the events an exchange record raises ({@link WebhookEvent#of}), for every webhook that
 * subscribed to them, in the same outbox as the exchange: signed, retried, at least once, each with the idempotency
 * key {@code <EVENT>:<record key>}. Body: {@code {"schema": "loa-webhook/1", "event", "key", "at", "record": {...}}}.
 * A paused rollout ({@link #rolloutPaused}) is no exchange record: its message carries {@code "rollout": {...}}
 * instead, with the key {@code ROLLOUT_PAUSED:rollout:<id>:<epochMs>}.
 */
public final class WebhookPublisher {
    public static final String SCHEMA = "loa-webhook/1";

    private final Jdbc jdbc;
    private final ObjectMapper json;
    private final Runnable queued;
    private final Clock clock;

    public WebhookPublisher(Jdbc jdbc, ObjectMapper json, Runnable queued, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.queued = queued;
        this.clock = clock;
    }

    /** A record was made: queue its events (called on the collector's thread). */
    public void recorded(String key, ExchangeRecord record, String body) {
        List<WebhookEvent> events = WebhookEvent.of(record);
        if (events.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        int queuedCount = jdbc.inTransaction(c -> {
            int n = 0;
            for (WebhookEvent e : events) {
                String eventKey = e.name() + ":" + key;
                n += OutboxRepository.enqueue(c, Purpose.WEBHOOK, e.name(), eventKey, message(e, eventKey, now, body), now);
            }
            return n;
        });
        if (queuedCount > 0) {
            queued.run();
        }
    }

    /** A rollout paused (a rollout pause listener): queue ROLLOUT_PAUSED for its subscribers. */
    public void rolloutPaused(vn.loa.controller.rollout.RolloutPaused p) {
        String key = WebhookEvent.ROLLOUT_PAUSED.name() + ":rollout:" + p.rolloutId() + ":" + p.at().toEpochMilli();
        ObjectNode m = json.createObjectNode();
        m.put("schema", SCHEMA);
        m.put("event", WebhookEvent.ROLLOUT_PAUSED.name());
        m.put("key", key);
        m.put("at", p.at().toString());
        m.putObject("rollout").put("rolloutId", p.rolloutId()).put("releaseId", p.releaseId())
                .put("version", p.version()).put("byItself", p.byItself()).put("detail", p.detail());
        String body;
        try {
            body = json.writeValueAsString(m);
        } catch (IOException e) {
            throw new IllegalStateException("a webhook message could not be written: " + key, e);
        }
        Instant now = clock.instant();
        int n = jdbc.inTransaction(c -> OutboxRepository.enqueue(c, Purpose.WEBHOOK,
                WebhookEvent.ROLLOUT_PAUSED.name(), key, body, now));
        if (n > 0) {
            queued.run();
        }
    }

    private String message(WebhookEvent event, String key, Instant at, String record) {
        try {
            ObjectNode m = json.createObjectNode();
            m.put("schema", SCHEMA);
            m.put("event", event.name());
            m.put("key", key);
            m.put("at", at.toString());
            m.set("record", json.readTree(record));
            return json.writeValueAsString(m);
        } catch (IOException e) {
            throw new IllegalStateException("a webhook message could not be written: " + key, e);
        }
    }
}
