package vn.loa.controller;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import vn.loa.controller.alarm.AlarmService;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.bulletin.BulletinRepository;
import vn.loa.controller.exchange.ExchangeCollector;
import vn.loa.controller.exchange.ExchangeRepository;
import vn.loa.controller.exchange.ExchangeService;
import vn.loa.controller.exchange.ExchangeWriter;
import vn.loa.controller.exchange.LoaExchangeSchema;
import vn.loa.controller.inbound.AudioFetch;
import vn.loa.controller.inbound.EmergencyAnnouncer;
import vn.loa.controller.inbound.InboundBulletins;
import vn.loa.controller.inbox.InboxService;
import vn.loa.controller.media.MediaIngest;
import vn.loa.controller.notify.PhoneAlarms;
import vn.loa.controller.notify.RecipientRepository;
import vn.loa.controller.outbound.OutboundPolicy;
import vn.loa.controller.outbox.HttpPush;
import vn.loa.controller.outbox.OutboxRepository;
import vn.loa.controller.outbox.OutboxSender;
import vn.loa.controller.outbox.RetrySchedule;
import vn.loa.controller.station.StationRepository;
import vn.loa.controller.storage.Jdbc;
import vn.loa.controller.web.ExchangeEndpoints;
import vn.loa.controller.web.InboundEndpoints;
import vn.loa.controller.web.PhoneEndpoints;
import vn.loa.controller.web.Router;
import vn.loa.controller.web.WebhookEndpoints;
import vn.loa.controller.webhook.WebhookPublisher;
import vn.loa.controller.webhook.WebhookService;

/**
 * The composition root's part for the connectors (docs/integration.md): the exchange with the province's
 * information-source system, the durable outbox every push goes through, webhooks, alarms to phones and bulletins
 * from the upstream system. Kept apart from {@link LoaController} so that the root stays one readable page; the three
 * leader jobs it makes are registered there, in the one list of the leader's jobs.
 */
final class ConnectorWiring {
    /** Failures in a row before an endpoint that does not answer raises {@code OUTBOUND_ENDPOINT_DOWN}. */
    private static final int OUTBOX_ALARM_AFTER = 5;

    private ConnectorWiring() {
    }

    /** What the connectors read and call. */
    record Sources(Jdbc jdbc, ObjectMapper json, Clock clock, OutboundPolicy outbound, AlarmService alarms,
            StationRepository stations, AreaRepository areas, BulletinRepository bulletins, MediaIngest ingest,
            InboxService inbox, EmergencyAnnouncer emergency, ExecutorService blocking, long maxUploadBytes,
            Path tmpDir, java.util.function.Function<java.time.YearMonth, vn.loa.controller.report.ProvinceReport> monthlyReport,
            vn.loa.controller.approval.ApprovalRepository approvals,
            java.util.function.Consumer<vn.loa.controller.approval.ReviewListener> reviews,
            java.util.function.Consumer<vn.loa.controller.rollout.RolloutPaused.Listener> rolloutPauses) {
    }

    /**
     * The connectors' leader jobs: the records for the exchange, the outbox's sender, and the sweep that finishes
     * inbound dispatches a stopped controller left between approval and sending.
     */
    record LeaderParts(ExchangeCollector exchangeCollector, OutboxSender outboxSender,
            vn.loa.controller.inbound.HeldDispatchSweep heldDispatches) {
    }

    /** Makes the connectors, registers their routes, and returns the jobs that must run on the leader only. */
    static LeaderParts wire(Sources s, Router router) {
        var outbox = new OutboxRepository(s.jdbc());
        var outboxSender = new OutboxSender(outbox, new HttpPush(s.outbound(), Duration.ofSeconds(10)),
                RetrySchedule.DEFAULT, s.alarms(), OUTBOX_ALARM_AFTER, Duration.ofSeconds(1), s.clock());
        var exchangeRecords = new ExchangeRepository(s.jdbc());
        var exchangeSchema = new LoaExchangeSchema(s.json());
        var webhooks = new WebhookPublisher(s.jdbc(), s.json(), outboxSender::wake, s.clock());
        s.rolloutPauses().accept(webhooks::rolloutPaused);
        var exchangeCollector = new ExchangeCollector(exchangeRecords, exchangeSchema,
                new ExchangeCollector.Sources(s.stations()::findAll, s.areas()::findAll, s.bulletins()::findAll,
                        s.monthlyReport()),
                outboxSender::wake, webhooks::recorded,
                Duration.ofSeconds(2), 30, s.clock());
        s.alarms().addListener(exchangeCollector::alarmChanged);
        var exchangeEndpoints = new ExchangeEndpoints(new ExchangeService(exchangeRecords, outbox, s.outbound(),
                outboxSender::wake, s.clock()), outbox, s.json(),
                areaId -> s.areas().findAll().stream().anyMatch(a -> a.id() == areaId && a.parentId() == null));
        exchangeEndpoints.register(router);
        // alarms to phones (docs/integration.md#alarms-to-phones): Telegram texts through the same outbox
        var phoneRecipients = new RecipientRepository(s.jdbc());
        var phoneAlarms = new PhoneAlarms(phoneRecipients, outbox, s.stations()::find, s.areas()::findAll, s.json(),
                s.blocking(), outboxSender::wake, s.outbound(), s.clock());
        s.alarms().addListener(phoneAlarms::alarmChanged);
        new PhoneEndpoints(phoneAlarms, phoneRecipients, s.areas(), exchangeEndpoints, s.clock()).register(router);
        new WebhookEndpoints(new WebhookService(outbox, s.outbound(), s.clock()), exchangeEndpoints).register(router);
        // bulletins from the upstream system (docs/integration.md#inbound-bulletins): the inbox, or on the air at once
        // (held for approval as the console's would be: sent when a reviewer approves the bulletin)
        var inbound = new InboundBulletins(s.areas(), s.bulletins(), s.ingest(),
                new AudioFetch(s.outbound(), s.maxUploadBytes()), s.inbox(), s.emergency(),
                new ExchangeWriter(exchangeRecords, exchangeSchema, outboxSender::wake, s.clock()), s.approvals(),
                new vn.loa.controller.inbound.InboundHolds(s.jdbc()), s.tmpDir(), s.clock());
        s.reviews().accept(inbound::reviewed);
        new InboundEndpoints(inbound, s.json()).register(router);
        return new LeaderParts(exchangeCollector, outboxSender,
                new vn.loa.controller.inbound.HeldDispatchSweep(inbound, s.clock()));
    }
}
