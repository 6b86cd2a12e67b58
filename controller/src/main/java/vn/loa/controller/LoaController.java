package vn.loa.controller;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.account.AccountRepository;
import vn.loa.controller.account.AdminBootstrap;
import vn.loa.controller.account.PasswordHasher;
import vn.loa.controller.account.SessionService;
import vn.loa.controller.account.Tokens;
import vn.loa.controller.announcement.AnnouncementPreparer;
import vn.loa.controller.announcement.AnnouncementRepository;
import vn.loa.controller.announcement.AnnouncementService;
import vn.loa.controller.announcement.EspeakNg;
import vn.loa.controller.alarm.AlarmRepository;
import vn.loa.controller.alarm.AlarmRules;
import vn.loa.controller.alarm.AlarmService;
import vn.loa.controller.alarm.AlarmThresholds;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.bulletin.BulletinRepository;
import vn.loa.controller.gateway.GatewayConfig;
import vn.loa.controller.gateway.GatewayContext;
import vn.loa.controller.gateway.GatewayServer;
import vn.loa.controller.gateway.StationMonitor;
import vn.loa.controller.gateway.StationTls;
import vn.loa.controller.gateway.fanout.BroadcastPacer;
import vn.loa.controller.command.CommandRepository;
import vn.loa.controller.command.CommandService;
import vn.loa.controller.events.EventHub;
import vn.loa.controller.health.HealthMonitor;
import vn.loa.controller.health.HealthRepository;
import vn.loa.controller.health.HealthRollup;
import vn.loa.controller.health.PeriodicTasks;
import vn.loa.controller.metrics.LoaMetrics;
import vn.loa.controller.report.ProvinceReportBuilder;
import vn.loa.controller.gateway.StationRegistry;
import vn.loa.controller.media.MediaIngest;
import vn.loa.controller.media.MediaStore;
import vn.loa.controller.plan.PlanService;
import vn.loa.controller.playlog.PlayRepository;
import vn.loa.controller.schedule.ScheduleRepository;
import vn.loa.controller.schedule.ScheduleService;
import vn.loa.controller.schedule.rule.RuleParser;
import vn.loa.controller.station.StationRepository;
import vn.loa.controller.station.StationService;
import vn.loa.controller.storage.Database;
import vn.loa.controller.storage.Jdbc;
import vn.loa.controller.storage.UninterruptedStop;
import vn.loa.controller.web.AnnouncementEndpoints;
import vn.loa.controller.web.AlarmEndpoints;
import vn.loa.controller.web.ApiHandler;
import vn.loa.controller.web.CommandEndpoints;
import vn.loa.controller.web.EventStreamHandler;
import vn.loa.controller.web.HealthEndpoints;
import vn.loa.controller.web.MonitoringEndpoints;
import vn.loa.controller.web.AreaEndpoints;
import vn.loa.controller.web.BulletinEndpoints;
import vn.loa.controller.web.HttpInitializer;
import vn.loa.controller.web.HttpServer;
import vn.loa.controller.web.LiveSocketUpgrader;
import vn.loa.controller.web.Json;
import vn.loa.controller.web.PlayEndpoints;
import vn.loa.controller.web.Router;
import vn.loa.controller.web.ScheduleEndpoints;
import vn.loa.controller.web.SessionEndpoints;
import vn.loa.controller.web.StationEndpoints;
import vn.loa.protocol.v1.CertificateRenewal;

/**
 * The composition root: builds every part of the controller, starts them in order and stops them in
 * the reverse order — stop accepting stations and requests, stop the planner, drain blocking work,
 * close the database. Over 400 lines on purpose: it is the one place where the whole controller is
 * wired, read top to bottom (the leadership part is in {@link ClusterWiring}); its constructor is one long
 * list of constructions in dependency order, with no decisions in it, for the same reason.
 */
public final class LoaController implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LoaController.class);

    private final vn.loa.controller.web.HttpBudget httpBudget;
    private final Router router;
    private final ControllerConfig config;
    private final Clock clock = Clock.systemUTC();
    private final Database database;
    private final ExecutorService blocking;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final PlanService plans;
    private final StationRegistry registry;
    private final GatewayServer gateway;
    private final HttpServer http;
    private final StationRepository stations;
    private final StationService stationService;
    private final AreaRepository areas;
    private final BulletinRepository bulletins;
    private final ScheduleService scheduleService;
    private final vn.loa.controller.quiet.QuietHoursService quietHours;
    private final MediaIngest ingest;
    private final EventHub events;
    private final AlarmService alarms;
    private final HealthMonitor healthMonitor;
    private final CommandService commands;
    private final HealthRollup healthRollup;
    private final vn.loa.controller.health.HealthSampleWriter healthSamples;
    private final PeriodicTasks monitoring;
    private final AnnouncementService announcements;
    private final vn.loa.controller.cap.CapIntake capIntake;
    private final vn.loa.controller.cap.CapAudioFetcher capAudio;
    private final vn.loa.controller.cap.CapExpiries capExpiries;
    private final vn.loa.controller.cap.CapRepository capRepository;
    private final BroadcastPacer pacer;
    /** Station CA, enrollment, mutual TLS for agents, HTTPS (docs/security.md). */
    private final vn.loa.controller.pki.Pki pki;
    private final SessionService sessions;
    private final vn.loa.controller.account.LoginThrottle loginThrottle;
    private final vn.loa.controller.relay.RelayService relays;
    private final vn.loa.controller.release.ReleaseService releases;
    private final vn.loa.controller.rollout.RolloutService rollouts;
    private final vn.loa.controller.stationconfig.StationConfigService stationConfigs;
    private final vn.loa.controller.relay.RelayAlarms relayAlarms;
    /** Every periodic or once-only job, run only while this node leads (issue 22, docs/architecture.md#leadership). */
    private final vn.loa.controller.leadership.LeaderJobs leaderJobs = new vn.loa.controller.leadership.LeaderJobs();
    private final vn.loa.controller.leadership.Leadership leadership;
    private final vn.loa.controller.leadership.ClusterSettings cluster;
    /** The cluster's nodes and their console addresses (PostgreSQL); null on H2. */
    private final vn.loa.controller.leadership.ControllerNodes controllerNodes;
    /** The connectors' leader jobs (exchange records, outbox sender); the rest is in {@link ConnectorWiring}. */
    private final ConnectorWiring.LeaderParts connectors;
    private volatile java.util.function.Consumer<vn.loa.controller.leadership.LeaseDecision.Cause> stepDownListener =
            cause -> { };
    /** Set when the controller stops (read by the step-down job on the leadership thread). */
    private volatile boolean closed;

    /**
     * Builds every part, in dependency order. Longer than a method should be, on purpose: it is the one
     * place where the whole controller is wired, read top to bottom; cut up, the order would be hidden.
     */
    public LoaController(ControllerConfig config) throws IOException {
        this(config, vn.loa.controller.leadership.ClusterSettings.defaults());
    }

    /** See {@link #LoaController(ControllerConfig)}; {@code cluster} matters on PostgreSQL only. */
    public LoaController(ControllerConfig config, vn.loa.controller.leadership.ClusterSettings cluster)
            throws IOException {
        this.config = config;
        this.cluster = cluster;
        Files.createDirectories(config.dataDir());
        clearScratch(config.dataDir().resolve("tmp"));
        this.database = Database.open(config.database());
        this.blocking = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("blocking-", 0).factory());
        vn.loa.controller.net.Transport transport = vn.loa.controller.net.Transport.select();
        this.boss = transport.newGroup(1);
        this.workers = transport.newGroup(vn.loa.controller.net.Transport.eventLoops());

        Jdbc jdbc = new Jdbc(database);
        ObjectMapper json = Json.mapper();
        RuleParser rules = new RuleParser();
        Tokens tokens = new Tokens();
        PasswordHasher hasher = new PasswordHasher();
        AccountRepository accounts = new AccountRepository(jdbc);
        this.areas = new AreaRepository(jdbc);
        this.stations = new StationRepository(jdbc);
        this.bulletins = new BulletinRepository(jdbc);
        ScheduleRepository schedules = new ScheduleRepository(jdbc, json, rules);
        PlayRepository plays = new PlayRepository(jdbc);
        MediaStore media = mediaStore(database, jdbc, config.dataDir().resolve("media"));
        this.ingest = new MediaIngest(media, config.maxUploadBytes());

        String passwordFile = System.getenv(AdminBootstrap.FILE_ENV);
        AdminBootstrap.ensureAdmin(accounts, hasher, tokens, config.adminPassword(),
                passwordFile == null || passwordFile.isEmpty() ? null : java.nio.file.Path.of(passwordFile));
        SessionService sessions = new SessionService(accounts, hasher, tokens, clock);
        // accounts with roles and area scopes, API tokens, approval, audit (docs/accounts.md)
        this.sessions = sessions;
        this.loginThrottle = new vn.loa.controller.account.LoginThrottle(clock);
        vn.loa.controller.audit.AuditLog auditLog = new vn.loa.controller.audit.AuditLog(jdbc, clock);
        vn.loa.controller.account.AccountService accountService =
                new vn.loa.controller.account.AccountService(accounts, hasher, clock);
        vn.loa.controller.approval.ApprovalRepository approvals = new vn.loa.controller.approval.ApprovalRepository(jdbc);
        vn.loa.controller.web.ScopeGuard scopes = new vn.loa.controller.web.ScopeGuard(areas, stations);

        this.plans = new PlanService(areas, stations, bulletins, schedules, clock);
        this.registry = new StationRegistry(stations, blocking, clock);
        plans.setSink(registry);
        vn.loa.controller.pki.KeyEncryptionKey caKey = ClusterWiring.caKey(database, cluster);
        this.pki = vn.loa.controller.pki.Pki.open(config.security(), config.dataDir(), jdbc, stations, registry, clock,
                caKey);
        // agent releases, signed with the controller's release key (docs/updates.md)
        vn.loa.controller.release.ReleaseKey releaseKey = caKey == null
                ? vn.loa.controller.release.ReleaseKey.openOrCreate(config.dataDir().resolve("pki"))
                : vn.loa.controller.release.ReleaseKey.shared(jdbc, caKey, config.dataDir().resolve("pki"), clock);
        this.releases = new vn.loa.controller.release.ReleaseService(
                new vn.loa.controller.release.ReleaseRepository(jdbc), media, releaseKey, clock);
        pki.enrollment().offerReleaseKey(releaseKey.publicKeyDer());
        registry.addConnectListener(new vn.loa.controller.release.ReleaseKeyAnnouncer(releaseKey));
        this.rollouts = new vn.loa.controller.rollout.RolloutService(new vn.loa.controller.rollout.RolloutRepository(jdbc),
                releases, stations, areas, registry, clock, java.time.Duration.ofSeconds(2));
        registry.addUpdateStatusListener(rollouts::statusReported);
        // remote configuration: hardware files validated with the agent's parser, pushed, applied (docs/configuration.md)
        this.stationConfigs = new vn.loa.controller.stationconfig.StationConfigService(
                new vn.loa.controller.stationconfig.ConfigPushRepository(jdbc), registry, blocking, clock);
        registry.addConfigStatusListener(stationConfigs::statusReported);
        this.stationService = new StationService(stations, areas, tokens);
        // quiet hours and time-of-day volume (docs/quiet-hours.md): schedule check, plan extras, rules in the plan
        this.quietHours = new vn.loa.controller.quiet.QuietHoursService(
                new vn.loa.controller.quiet.QuietRuleRepository(jdbc), stations, areas, schedules, plans::markAllDirty, clock);
        plans.setExtras(quietHours);
        this.scheduleService = new ScheduleService(schedules, bulletins, stations, areas, plans::markAllDirty,
                clock, quietHours);

        // announcements: prepared and tracked by the domain, paced out beside the gateway (docs/architecture.md)
        this.pacer = new BroadcastPacer(clock);
        this.capRepository = new vn.loa.controller.cap.CapRepository(jdbc);
        AnnouncementRepository announcementRepository = new AnnouncementRepository(jdbc);
        this.announcements = new AnnouncementService(announcementRepository,
                new AnnouncementPreparer(bulletins, stations, areas, media, ingest, new EspeakNg("espeak-ng"),
                        config.dataDir().resolve("tmp")),
                registry, pacer, blocking, clock, json, AnnouncementService.DEFAULT_LEAD_MS);
        registry.addConnectListener(announcements::stationConnected);
        // addresses users and alerts give are fetched only as the outbound policy allows (docs/security.md#outbound-requests)
        var outbound = vn.loa.controller.outbound.OutboundPolicy.allowing(config.security().relayAllow());
        // CAP 1.2 alert intake (docs/integration.md#cap-12-alerts); GSO codes through today's area tree; audio
        // resources fetched under the outbound policy
        this.capAudio = new vn.loa.controller.cap.CapAudioFetcher(outbound,
                vn.loa.controller.cap.CapAudioFetcher.Limits.DEFAULTS, config.dataDir().resolve("tmp"));
        var capAnnouncer = new vn.loa.controller.cap.AnnouncementCapAnnouncer(announcements, capAudio,
                vn.loa.controller.cap.AnnouncementCapAnnouncer.bulletins(ingest, bulletins));
        this.capExpiries = new vn.loa.controller.cap.CapExpiries(capRepository, capAnnouncer, clock); // a leader job
        this.capIntake = new vn.loa.controller.cap.CapIntake(new vn.loa.controller.cap.CapParser(
                        config.capSignatures().load()),
                new vn.loa.controller.cap.CapPlanner(vn.loa.controller.cap.CapPriorityTable.DEFAULT, "vi"),
                capRepository, capAnnouncer,
                () -> stations.findAll().stream().map(st -> new vn.loa.controller.cap.CapTargeting.StationPlace(st.id(),
                        st.areaId(), st.latitude(), st.longitude())).toList(),
                new vn.loa.controller.cap.CurrentGsoAreas(() -> new vn.loa.controller.area.AreaTree(areas.findAll())),
                clock);
        // relays of upstream radio (docs/relay.md): live RELAY announcements in daily windows, fetched only from
        // addresses the outbound policy allows (docs/security.md#outbound-requests)
        this.relays = new vn.loa.controller.relay.RelayService(new vn.loa.controller.relay.RelayRepository(jdbc, json),
                new vn.loa.controller.relay.RelayValidator(t -> new vn.loa.controller.schedule.TargetResolver(
                        new vn.loa.controller.area.AreaTree(areas.findAll()), stations.findAll()).check(t),
                        outbound, id -> bulletins.find(id).isPresent()),
                new vn.loa.controller.relay.AnnouncementBroadcaster(announcements),
                new vn.loa.controller.relay.BulletinFallbackAudio(bulletins, media),
                vn.loa.controller.relay.RelayConfig.defaults().withOutbound(outbound), clock);
        // station health, alarms, remote commands, metrics, live events (docs/health.md)
        this.events = new EventHub(json);
        this.healthSamples = new vn.loa.controller.health.HealthSampleWriter(jdbc); // batched sample storage
        HealthRepository healthRepository = new HealthRepository(jdbc, healthSamples);
        AlarmRepository alarmRepository = new AlarmRepository(jdbc);
        this.alarms = new AlarmService(alarmRepository, clock);
        this.relayAlarms = new vn.loa.controller.relay.RelayAlarms(relays, alarms,
                vn.loa.controller.relay.RelayAlarms.DEFAULT_AFTER, clock);
        alarms.addListener((alarm, event) -> {
            java.util.Map<String, Object> e = AlarmEndpoints.view(alarm);
            e.put("event", event);
            events.publish("alarm", e);
        });
        this.healthMonitor = new HealthMonitor(healthRepository, alarms, new AlarmRules(AlarmThresholds.defaults()),
                registry, plans, events, blocking, clock, id -> stations.find(id).map(st -> st.zones().stream()
                        .map(vn.loa.controller.station.Zone::id).collect(java.util.stream.Collectors.toSet())));
        CommandRepository commandRepository = new CommandRepository(jdbc);
        this.commands = new CommandService(commandRepository, stations, registry, events, blocking, json, clock);
        registry.addPresenceListener(healthMonitor);
        registry.addPresenceListener(commands);
        // health agents recorded while offline, uploaded on reconnect (docs/resilience.md)
        var healthHistory = new vn.loa.controller.health.HealthHistoryStore(healthRepository, clock, blocking);
        LoaMetrics metrics = new LoaMetrics(registry, stations, alarms, jdbc);
        announcements.onStationStart(metrics::announcementStarted);
        this.healthRollup = new HealthRollup(healthRepository, clock);
        this.monitoring = new PeriodicTasks(blocking); // this node's own timers (every node serves live events)
        GatewayContext gatewayContext = new GatewayContext(GatewayConfig.defaults(config.agentHost(), config.agentPort())
                .withMaxFrameBytes(config.maxFrameBytes()),
                clock, stations, registry, plans, media, plays, blocking, report -> { }, announcements::onStatus,
                StationMonitor.of(healthMonitor::heartbeat, commands::onResult), healthHistory::storeInOrder,
                this::standbyFor);
        this.gateway = new GatewayServer(gatewayContext, transport, boss, workers, stationTls(pki));

        Router router = new Router();
        this.router = router;
        new SessionEndpoints(sessions, loginThrottle, accountService, auditLog, config.security().httpTls())
                .register(router);
        new vn.loa.controller.web.AccountEndpoints(accountService, accounts, areas).register(router);
        new vn.loa.controller.web.TokenEndpoints(new vn.loa.controller.account.ApiTokenService(accounts, tokens, clock))
                .register(router);
        new vn.loa.controller.web.InboundSenderEndpoints(accounts,
                new vn.loa.controller.account.ApiTokenService(accounts, tokens, clock)).register(router);
        new vn.loa.controller.web.AuditEndpoints(auditLog).register(router);
        var approvalEndpoints = new vn.loa.controller.web.ApprovalEndpoints(approvals, scopes, plans, clock);
        approvalEndpoints.register(router);
        new AreaEndpoints(areas, scopes, approvals).register(router);
        vn.loa.controller.inbox.InboxRepository inboxRepository = new vn.loa.controller.inbox.InboxRepository(jdbc, json);
        var inbox = new vn.loa.controller.inbox.InboxService(jdbc, inboxRepository,
                this::sendEmergency, plans::markAllDirty, clock, quietHours::nextAllowedInArea);
        new vn.loa.controller.web.InboxEndpoints(inbox, inboxRepository, scopes).register(router);
        var areaChanges = new vn.loa.controller.area.change.AreaChangeService(jdbc, json, clock);
        var pendingAreaChanges = new vn.loa.controller.area.change.PendingAreaChanges(jdbc, areaChanges, json, clock);
        var areaChangeJob = new vn.loa.controller.area.change.AreaChangeJob(pendingAreaChanges, clock, plans::markAllDirty);
        new vn.loa.controller.web.AreaHistoryEndpoints(areas, areaChanges, plans, scopes, jdbc, clock).register(router);
        new vn.loa.controller.web.AreaChangeEndpoints(pendingAreaChanges, plans, areaChangeJob::wake).register(router);
        new StationEndpoints(stations, stationService, registry, plans, scopes, alarms).register(router);
        new BulletinEndpoints(bulletins, ingest, config.dataDir().resolve("tmp"), media, scopes, approvals).register(router);
        new ScheduleEndpoints(scheduleService, schedules, rules, json, clock, scopes, approvals).register(router);
        new vn.loa.controller.web.CalendarEndpoints(schedules, areas, stations, bulletins, clock, scopes).register(router);
        new PlayEndpoints(plays, scopes, capRepository::announcementsOf).register(router);
        new HealthEndpoints(healthRepository, stations, registry, clock, scopes).register(router);
        new AlarmEndpoints(alarms, alarmRepository, scopes).register(router);
        new CommandEndpoints(commands, scopes).register(router);
        var provinceReports = new ProvinceReportBuilder(areas, stations, healthRepository, alarmRepository,
                inboxRepository, jdbc, clock);
        new MonitoringEndpoints(metrics, provinceReports, scopes).register(router);
        new AnnouncementEndpoints(announcements, scopes, approvals).register(router);
        new vn.loa.controller.web.SpeechPreviewEndpoint(announcements.tts()).register(router);
        new vn.loa.controller.web.QuietRuleEndpoints(quietHours, scopes).register(router);
        new vn.loa.controller.web.LanguageEndpoints(bulletins, announcements.tts()).register(router);
        new vn.loa.controller.web.CapEndpoints(capIntake).register(router);
        new vn.loa.controller.web.PkiEndpoints(pki, scopes).register(router);
        new vn.loa.controller.web.RelayEndpoints(relays, json, scopes, alarmRepository).register(router);
        vn.loa.controller.web.OpenApiEndpoint.fromClasspath().register(router);
        new vn.loa.controller.web.ReleaseEndpoints(releases, config.dataDir().resolve("tmp")).register(router);
        // connectors (docs/integration.md): the exchange with the province system; pushes go through the outbox
        this.connectors = ConnectorWiring.wire(new ConnectorWiring.Sources(jdbc, json, clock, outbound, alarms, stations,
                areas, bulletins, ingest, inbox, this::sendSpokenEmergency, blocking, config.maxUploadBytes(),
                config.dataDir().resolve("tmp"), provinceReports::build, approvals, approvalEndpoints::addListener,
                rollouts::addPauseListener), router);
        new vn.loa.controller.web.RolloutEndpoints(rollouts).register(router);
        new vn.loa.controller.web.StationConfigEndpoints(stationConfigs, stations, scopes).register(router);
        router.addPublic(io.netty.handler.codec.http.HttpMethod.GET, "/api/v1/health",
                r -> vn.loa.controller.web.ApiResponse.ok(java.util.Map.of("status", "ok",
                        "stationsOnline", registry.onlineCount())));
        ApiHandler api = new ApiHandler(router, sessions, blocking, json, auditLog);
        HttpInitializer httpPipeline = new HttpInitializer(api, new LiveSocketUpgrader(sessions, announcements, blocking, json, scopes), config.maxUploadBytes() + 64 * 1024, json,
                        new EventStreamHandler(events, sessions, blocking, json, scopes),
                        new vn.loa.controller.web.ConsoleHandler(vn.loa.controller.web.ConsoleFiles.fromClasspath()),
                        config.dataDir().resolve("tmp"),
                        vn.loa.controller.net.TrustedProxies.of(config.security().trustedProxies()));
        this.httpBudget = httpPipeline.budget();
        this.http = new HttpServer(config.httpHost(), config.httpPort(), httpPipeline, transport, boss, workers,
                pki.httpsContext());

        boolean clustered = database.vendor() == vn.loa.controller.storage.DatabaseVendor.POSTGRESQL;
        vn.loa.controller.leadership.ChangeFeed changes = new vn.loa.controller.leadership.ChangeFeed(jdbc, clock,
                clustered);
        ClusterWiring.Services leaderServices = new ClusterWiring.Services(plans, announcements, pacer, relays,
                sessions, loginThrottle, healthMonitor, commands, healthRollup, blocking,
                new vn.loa.controller.announcement.AnnouncementHandOvers(jdbc, json, clock, cluster.node(),
                        vn.loa.controller.announcement.AnnouncementHandOvers.WAIT));
        ClusterWiring.registerLeaderJobs(leaderJobs, leaderServices, changes,
                new vn.loa.controller.leadership.ChangeListener(jdbc, changes), clustered);
        // every job restartable: a node that loses the lease stands by in its process (docs/architecture.md#leadership)
        leaderJobs.addRestartable("relay alarms", relayAlarms::start, relayAlarms::close);
        leaderJobs.addRestartable("area changes due", areaChangeJob::start, areaChangeJob::stop); // after the planner: it marks plans
        // connectors (docs/integration.md#exchange): records for the province system, the durable outbox
        leaderJobs.addRestartable("exchange collector", connectors.exchangeCollector()::start, connectors.exchangeCollector()::stop);
        leaderJobs.addRestartable("outbox sender", connectors.outboxSender()::start, connectors.outboxSender()::stop);
        leaderJobs.addRestartable("held inbound dispatches", connectors.heldDispatches()::start, connectors.heldDispatches()::stop);
        leaderJobs.addRestartable("rollouts", rollouts::start, rollouts::close);
        leaderJobs.addRestartable("CAP expiries", capExpiries::start, capExpiries::close);
        // last started, first stopped: a node that stops leading refuses its station links, naming the leader
        // (when it stops, the gateway closes them with SHUTTING_DOWN instead)
        leaderJobs.addRestartable("station links", () -> { }, () -> {
            vn.loa.controller.leadership.Lease seen = leadership().leader();
            if (!closed) {
                registry.refuseAll(seen.holder().equals(cluster.node()) ? "" : seen.agentAddress());
            }
        });
        this.leadership = switch (database.vendor()) {
            case H2 -> vn.loa.controller.leadership.Leadership.single(cluster.node(), leaderJobs);
            case POSTGRESQL -> vn.loa.controller.leadership.Leadership.clustered(
                    new vn.loa.controller.leadership.LeaseStore(jdbc), cluster.policy(), cluster.node(),
                    () -> cluster.agentAddress(config.agentHost(), gateway.port()), leaderJobs, clock,
                    cause -> stepDownListener.accept(cause));
        };
        announcementRepository.fenceWith(leadership.fence()); // the leader's writes that a paused old leader must not make
        healthRepository.fenceWith(leadership.fence());
        commandRepository.fenceWith(leadership.fence());
        accounts.fenceWith(leadership.fence());
        ClusterWiring.forwardStandbyChanges(database, changes, leaderServices, leadership);
        capRepository.fenceWith(leadership.fence()); // the CAP expiry job's writes, likewise
        vn.loa.controller.leadership.ControllerNodes nodes = clustered
                ? new vn.loa.controller.leadership.ControllerNodes(jdbc) : null;
        this.controllerNodes = nodes;
        new vn.loa.controller.web.ClusterEndpoints(leadership, () -> nodes == null
                ? java.util.List.of(new vn.loa.controller.leadership.ControllerNodes.Node(cluster.node(), consoleUrl()))
                : nodes.seen()).register(router);
    }

    /** Station links go to the leader: a standby names it (docs/protocol.md, Reject NOT_LEADER). */
    private Optional<String> standbyFor() {
        return leadership.isServing() ? Optional.empty() : Optional.of(leadership.leader().agentAddress());
    }

    /**
     * Audio as files beside an H2 database (one controller); in a PostgreSQL database, with the media
     * directory as a local cache, so that any controller node on that database reads what another stored.
     */
    private static MediaStore mediaStore(Database database, Jdbc jdbc, java.nio.file.Path mediaDir) {
        return switch (database.vendor()) {
            case H2 -> new MediaStore(mediaDir);
            case POSTGRESQL -> new MediaStore(mediaDir, new vn.loa.controller.media.DatabaseMediaBlobs(jdbc, mediaDir));
        };
    }

    /** The agent port's mutual TLS, checked against the station CA's records; null when the port is plain TCP. */
    private static StationTls stationTls(vn.loa.controller.pki.Pki pki) {
        if (pki.agentTls() == null) {
            return null;
        }
        vn.loa.controller.pki.StationCertificates certificates = pki.certificates();
        return new StationTls(pki.agentTls(), new StationTls.CertificateAuthority() {
            @Override
            public long stationIdOf(X509Certificate certificate) {
                return vn.loa.controller.pki.StationCertificates.stationIdOf(certificate);
            }

            @Override
            public Optional<String> refusal(long stationId, X509Certificate certificate) {
                return certificates.refusal(stationId, certificate);
            }

            @Override
            public CertificateRenewal renew(long stationId, String csrPem) {
                return pki.enrollment().renewal(stationId, csrPem);
            }
        });
    }

    /** Uploads and speech cut off by a crash leave files in the scratch folder; nothing reads them again. */
    private static void clearScratch(java.nio.file.Path tmp) throws IOException {
        if (!Files.isDirectory(tmp)) {
            return;
        }
        try (var files = Files.list(tmp)) {
            for (java.nio.file.Path f : files.toList()) {
                if (Files.isRegularFile(f)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    public LoaController start() throws InterruptedException {
        if (database.vendor() == vn.loa.controller.storage.DatabaseVendor.H2) {
            leadership.start(); // alone on its database: the jobs start before stations connect, as they always did
        }
        gateway.start();
        http.start();
        if (database.vendor() != vn.loa.controller.storage.DatabaseVendor.H2) {
            leadership.start(); // after the ports are bound: the lease names this node's agent address
        }
        monitoring.every(java.time.Duration.ofSeconds(15), "live-event keep-alive", events::keepAlive);
        if (controllerNodes != null) { // where this node's console is, for the others' consoles (GET /api/v1/cluster)
            monitoring.every(vn.loa.controller.leadership.ControllerNodes.SAY_EVERY, "cluster node row",
                    () -> controllerNodes.here(cluster.node(), consoleUrl()));
        }
        log.info("Loa controller ready: HTTP {} · agents {} · data {} · database {}", http.port(), gateway.port(),
                config.dataDir().toAbsolutePath(), database.displayUrl());
        return this;
    }

    /** Where people reach this node's console (named to other nodes' consoles). */
    private String consoleUrl() {
        return cluster.consoleUrl(pki.httpsContext() != null, config.agentHost(), gateway.port(), http.port());
    }

    public int httpPort() {
        return http.port();
    }

    public int agentPort() {
        return gateway.port();
    }

    public ControllerConfig config() {
        return config;
    }

    /** What the HTTP port holds now: connections and body bytes in memory (gauges). */
    public vn.loa.controller.web.HttpBudget httpBudget() {
        return httpBudget;
    }

    /** The HTTP API's route table (the scope walk test reads it). */
    public Router router() {
        return router;
    }

    public StationRepository stations() {
        return stations;
    }

    public StationService stationService() {
        return stationService;
    }

    /** An emergency from the province's workflow: an announcement to the communes now, as an EMERGENCY. */
    private long sendEmergency(String title, long bulletinId, java.util.List<Long> communeIds, Long accountId) {
        try {
            return announcements.create(new AnnouncementService.Request(title, vn.loa.protocol.v1.Priority.EMERGENCY,
                    new vn.loa.controller.schedule.Targets(java.util.List.of(), communeIds, java.util.List.of()),
                    new vn.loa.controller.announcement.AnnouncementSource.FromBulletin(bulletinId), true, 1, null,
                    accountId), new java.util.ArrayList<>());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the emergency bulletin " + bulletinId + " could not be prepared", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending the emergency bulletin " + bulletinId, e);
        }
    }

    /** A spoken emergency from the upstream system (text, no audio): an announcement to the communes now. */
    private long sendSpokenEmergency(String title, String text, String language, java.util.List<Long> communeIds,
            Long accountId) {
        try {
            return announcements.create(new AnnouncementService.Request(title, vn.loa.protocol.v1.Priority.EMERGENCY,
                    new vn.loa.controller.schedule.Targets(java.util.List.of(), communeIds, java.util.List.of()),
                    new vn.loa.controller.announcement.AnnouncementSource.FromText(text, null, language), true, 1, null,
                    accountId), new java.util.ArrayList<>());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the spoken emergency '" + title + "' could not be prepared", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending the spoken emergency '" + title + "'", e);
        }
    }

    public AreaRepository areas() {
        return areas;
    }

    public BulletinRepository bulletins() {
        return bulletins;
    }

    public ScheduleService schedules() {
        return scheduleService;
    }

    /** Quiet hours (docs/quiet-hours.md); the inbox moves accepted items to {@code nextAllowedInArea(…)}. */
    public vn.loa.controller.quiet.QuietHoursService quietHours() {
        return quietHours;
    }

    public MediaIngest ingest() {
        return ingest;
    }

    public AnnouncementService announcements() {
        return announcements;
    }

    public AlarmService alarms() {
        return alarms;
    }

    public HealthRollup healthRollup() {
        return healthRollup;
    }

    public vn.loa.controller.pki.Pki pki() {
        return pki;
    }

    public StationRegistry registry() {
        return registry;
    }

    public Database database() {
        return database;
    }

    public vn.loa.controller.leadership.Leadership leadership() {
        return leadership;
    }

    /** The names of the leader's jobs running now (none on a standby). */
    public java.util.List<String> leaderJobsRunning() {
        return leaderJobs.running();
    }

    /**
     * Told once, on the leadership thread, when this node lost the lease and its jobs stopped. The jobs do
     * not start twice in one process: {@code serve} ends the process so that its supervisor starts it again.
     */
    public void onStepDown(java.util.function.Consumer<vn.loa.controller.leadership.LeaseDecision.Cause> listener) {
        this.stepDownListener = listener;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("controller stopping");
        // first: the leader's jobs (relay broadcasts stopped while the stations are still connected), the lease handed back
        leadership.close();
        if (controllerNodes != null) {
            try {
                controllerNodes.gone(cluster.node());
            } catch (RuntimeException e) {
                log.warn("this node's cluster row could not be removed ({}): it is no longer listed after 20 s",
                        e.toString());
            }
        }
        gateway.close();
        monitoring.close();
        events.closeAll();
        http.close();
        capIntake.close();
        capAudio.close();
        // never interrupted (UninterruptedStop): the writers below still have to store what they queued
        if (!UninterruptedStop.stop(blocking, Duration.ofSeconds(10))) {
            log.warn("blocking work still running 10 s into the stop; the database closes under it");
        }
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        healthSamples.close(); // after the blocking work that queues samples, before the database
        database.close();
        log.info("controller stopped");
    }
}
