package vn.loa.controller.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.alarm.Alarm;
import vn.loa.controller.area.Area;
import vn.loa.controller.area.AreaTree;
import vn.loa.controller.outbound.OutboundPolicy;
import vn.loa.controller.outbox.OutboundEndpoint;
import vn.loa.controller.outbox.OutboxRepository;
import vn.loa.controller.outbox.Purpose;
import vn.loa.controller.station.Station;
import vn.loa.controller.storage.Jdbc;

/**
 * Alarms to phones (docs/integration.md#alarms-to-phones) through the Telegram Bot API ({@code sendMessage}; its base
 * URL configurable, so a test server or a self-hosted Bot API server stands in): each new alarm, as a short Vietnamese
 * text, to every recipient whose area holds the station, except non-urgent alarms in a recipient's quiet period
 * ({@link PhoneRules}). The messages go through the outbox (retried, at least once, one per alarm, event and person).
 * Another chat or SMS adapter is another way to build the gateway address and the message body.
 */
public final class PhoneAlarms {
    private static final Logger log = LoggerFactory.getLogger(PhoneAlarms.class);
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final RecipientRepository recipients;
    private final OutboxRepository outbox;
    private final Jdbc jdbc;
    private final java.util.function.LongFunction<Optional<Station>> stations;
    private final Supplier<List<Area>> areas;
    private final ObjectMapper json;
    private final Executor executor;
    private final Runnable queued;
    private final OutboundPolicy policy;
    private final Clock clock;

    public PhoneAlarms(RecipientRepository recipients, OutboxRepository outbox,
            java.util.function.LongFunction<Optional<Station>> stations, Supplier<List<Area>> areas, ObjectMapper json,
            Executor executor, Runnable queued, OutboundPolicy policy, Clock clock) {
        this.recipients = recipients;
        this.outbox = outbox;
        this.jdbc = outbox.jdbc();
        this.stations = stations;
        this.areas = areas;
        this.json = json;
        this.executor = executor;
        this.queued = queued;
        this.policy = policy;
        this.clock = clock;
    }

    /** The Telegram Bot API's send address for a bot: {@code <base>/bot<token>/sendMessage}. */
    public static URI sendMessageUrl(URI base, String botToken) {
        String b = base.toString().replaceAll("/+$", "");
        return URI.create(b + "/bot" + botToken + "/sendMessage");
    }

    /** Sets the gateway (replacing any): the Bot API's base URL, checked by the outbound policy, and the bot's token. */
    public OutboundEndpoint setGateway(String baseUrl, String botToken) {
        URI base = vn.loa.controller.exchange.ExchangeService.checkEndpoint(policy, baseUrl, botToken);
        if (!botToken.matches("[A-Za-z0-9:_-]+")) {
            throw vn.loa.controller.rejection.RejectionCode.WRONG_TYPE.reject("botToken",
                    vn.loa.controller.rejection.Expected.TEXT);
        }
        Instant now = clock.instant();
        long id = jdbc.inTransaction(c -> {
            for (OutboundEndpoint e : OutboxRepository.live(c)) {
                if (e.purpose() == Purpose.PHONE) {
                    OutboxRepository.deleteEndpoint(c, e.id(), now);
                }
            }
            return OutboxRepository.insertEndpoint(c, Purpose.PHONE, sendMessageUrl(base, botToken), botToken,
                    java.util.Set.of(), null, now);
        });
        return outbox.find(id).orElseThrow();
    }

    public Optional<OutboundEndpoint> gateway() {
        return outbox.live(Purpose.PHONE).stream().findFirst();
    }

    /** An alarm changed (an alarm listener: returns at once; the work runs on the executor). */
    public void alarmChanged(Alarm alarm, String event) {
        Instant at = clock.instant();
        try {
            executor.execute(() -> {
                try {
                    send(alarm, event, at);
                } catch (RuntimeException e) {
                    log.error("phone alarms: station {}: alarm {} {} not queued: {}", alarm.stationId(), alarm.id(), event,
                            e.toString(), e);
                }
            });
        } catch (RejectedExecutionException stopping) {
            log.warn("phone alarms: station {}: alarm {} {} not queued: the controller is stopping", alarm.stationId(),
                    alarm.id(), event);
        }
    }

    private void send(Alarm alarm, String event, Instant at) {
        List<Recipient> people = recipients.live();
        if (people.isEmpty() || gateway().isEmpty()) {
            return;
        }
        Optional<Station> station = alarm.stationId() == 0 ? Optional.empty() : stations.apply(alarm.stationId());
        AreaTree tree = new AreaTree(areas.get());
        String place = station.map(s -> s.name() + tree.get(s.areaId()).map(a -> " (" + a.name() + ")").orElse(""))
                .orElse(alarm.stationId() == 0 ? null : "đài " + alarm.stationId());
        String text = AlarmText.of(alarm, place, at);
        LocalTime local = LocalTime.ofInstant(at, VIETNAM);
        int queuedCount = 0;
        for (Recipient r : people) {
            boolean inArea = r.areaId() == null
                    || station.isPresent() && tree.isWithin(station.get().areaId(), r.areaId());
            PhoneRules.Decision d = PhoneRules.decide(alarm.kind(), event, inArea, r.quiet(), local);
            if (d != PhoneRules.Decision.SEND) {
                log.debug("phone alarms: station {}: alarm {} {} not sent to {}: {}", alarm.stationId(), alarm.id(),
                        event, r.name(), d);
                continue;
            }
            ObjectNode body = json.createObjectNode().put("chat_id", r.chatId()).put("text", text);
            String key = "phone:" + alarm.id() + ":" + event + ":" + alarm.occurrences() + ":" + r.id();
            queuedCount += jdbc.inTransaction(c -> OutboxRepository.enqueue(c, Purpose.PHONE, null, key, body.toString(), at));
        }
        if (queuedCount > 0) {
            queued.run();
        }
    }
}
