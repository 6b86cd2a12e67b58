package vn.loa.controller.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live events for the console, as Server-Sent Events: {@code station} (up/down), {@code alarm}
 * (raised, acknowledged, cleared…), {@code playing} (what a station plays now), {@code command}
 * (a remote command's state). Publishing never blocks: each subscriber queues on its own channel,
 * and one that falls behind is dropped (its browser reconnects and reloads the state).
 */
public final class EventHub {
    private static final Logger log = LoggerFactory.getLogger(EventHub.class);

    private final ObjectMapper json;
    private final Set<EventSubscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();

    public EventHub(ObjectMapper json) {
        this.json = json;
    }

    public void subscribe(EventSubscriber s) {
        subscribers.add(s);
        s.send("retry: 3000\n: welcome to the Loa live events\n\n");
    }

    public void unsubscribe(EventSubscriber s) {
        subscribers.remove(s);
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    public void publish(String type, Object data) {
        if (subscribers.isEmpty()) {
            return;
        }
        String payload;
        try {
            payload = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            log.error("live event {} cannot be written as JSON: {}", type, e.getMessage());
            return;
        }
        String frame = "id: " + ids.incrementAndGet() + "\nevent: " + type + "\ndata: " + payload + "\n\n";
        Long stationId = stationOf(data);
        for (EventSubscriber s : subscribers) {
            if ((stationId == null || s.sees(stationId)) && !s.send(frame)) {
                subscribers.remove(s);
                s.close();
            }
        }
    }

    /** The station an event is about, when it says ({@code stationId} in a map or record). */
    private Long stationOf(Object data) {
        try {
            Object id = data instanceof java.util.Map<?, ?> m ? m.get("stationId")
                    : json.convertValue(data, java.util.Map.class).get("stationId");
            return id instanceof Number n ? n.longValue() : null;
        } catch (IllegalArgumentException e) {
            return null; // not an object: an event about no station in particular
        }
    }

    /** A comment line every few seconds keeps proxies and browsers from timing the stream out. */
    public void keepAlive() {
        broadcast(": keep-alive\n\n");
    }

    private void broadcast(String frame) {
        for (EventSubscriber s : subscribers) {
            if (!s.send(frame)) {
                subscribers.remove(s);
                s.close();
            }
        }
    }

    public void closeAll() {
        for (EventSubscriber s : subscribers) {
            s.close();
        }
        subscribers.clear();
    }
}
