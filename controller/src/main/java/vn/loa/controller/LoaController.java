package vn.loa.controller;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
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
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.bulletin.BulletinRepository;
import vn.loa.controller.gateway.GatewayConfig;
import vn.loa.controller.gateway.GatewayContext;
import vn.loa.controller.gateway.GatewayServer;
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
import vn.loa.controller.web.ApiHandler;
import vn.loa.controller.web.AreaEndpoints;
import vn.loa.controller.web.BulletinEndpoints;
import vn.loa.controller.web.HttpInitializer;
import vn.loa.controller.web.HttpServer;
import vn.loa.controller.web.Json;
import vn.loa.controller.web.PlayEndpoints;
import vn.loa.controller.web.Router;
import vn.loa.controller.web.ScheduleEndpoints;
import vn.loa.controller.web.SessionEndpoints;
import vn.loa.controller.web.StationEndpoints;

/**
 * The composition root: builds every part of the controller, starts them in order and stops them in
 * the reverse order — stop accepting stations and requests, stop the planner, drain blocking work,
 * close the database.
 */
public final class LoaController implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LoaController.class);

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
    private final MediaIngest ingest;
    private boolean closed;

    public LoaController(ControllerConfig config) throws IOException {
        this.config = config;
        Files.createDirectories(config.dataDir());
        this.database = Database.openH2(config.dataDir());
        this.blocking = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("blocking-", 0).factory());
        this.boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());

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
        MediaStore media = new MediaStore(config.dataDir().resolve("media"));
        this.ingest = new MediaIngest(config.dataDir().resolve("media"), config.maxUploadBytes());

        AdminBootstrap.ensureAdmin(accounts, hasher, tokens, config.adminPassword());
        SessionService sessions = new SessionService(accounts, hasher, tokens, clock);

        this.plans = new PlanService(areas, stations, bulletins, schedules, clock);
        this.registry = new StationRegistry(stations, blocking, clock);
        plans.setSink(registry);
        this.stationService = new StationService(stations, areas, tokens);
        this.scheduleService = new ScheduleService(schedules, bulletins, stations, areas, plans, rules, clock);

        GatewayContext gatewayContext = new GatewayContext(GatewayConfig.defaults(config.agentHost(), config.agentPort())
                .withMaxFrameBytes(config.maxFrameBytes()),
                clock, stations, registry, plans, media, plays, blocking, report -> { });
        this.gateway = new GatewayServer(gatewayContext, boss, workers);

        Router router = new Router();
        new SessionEndpoints(sessions).register(router);
        new AreaEndpoints(areas).register(router);
        new StationEndpoints(stations, stationService, registry, plans).register(router);
        new BulletinEndpoints(bulletins, ingest, config.dataDir().resolve("tmp")).register(router);
        new ScheduleEndpoints(scheduleService, schedules, rules, json, clock).register(router);
        new PlayEndpoints(plays).register(router);
        router.addPublic(io.netty.handler.codec.http.HttpMethod.GET, "/api/v1/health",
                r -> vn.loa.controller.web.ApiResponse.ok(java.util.Map.of("status", "ok",
                        "stationsOnline", registry.onlineCount())));
        ApiHandler api = new ApiHandler(router, sessions, blocking, json);
        this.http = new HttpServer(config.httpHost(), config.httpPort(),
                new HttpInitializer(api, config.maxUploadBytes() + 64 * 1024, json), boss, workers);
    }

    public LoaController start() throws InterruptedException {
        plans.start();
        gateway.start();
        http.start();
        log.info("Loa controller ready: HTTP {} · agents {} · data {}", http.port(), gateway.port(),
                config.dataDir().toAbsolutePath());
        return this;
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

    public StationRepository stations() {
        return stations;
    }

    public StationService stationService() {
        return stationService;
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

    public MediaIngest ingest() {
        return ingest;
    }

    public StationRegistry registry() {
        return registry;
    }

    public Database database() {
        return database;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("controller stopping");
        gateway.close();
        http.close();
        plans.close();
        blocking.shutdown();
        try {
            if (!blocking.awaitTermination(10, TimeUnit.SECONDS)) {
                blocking.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        database.close();
        log.info("controller stopped");
    }
}
