package vn.loa.controller.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import vn.loa.controller.account.Tokens;
import vn.loa.controller.area.AreaKind;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.bulletin.BulletinRepository;
import vn.loa.controller.media.MediaStore;
import vn.loa.controller.plan.PlanService;
import vn.loa.controller.playlog.PlayRepository;
import vn.loa.controller.schedule.ScheduleRepository;
import vn.loa.controller.schedule.rule.RuleParser;
import vn.loa.controller.station.StationRepository;
import vn.loa.controller.storage.Database;
import vn.loa.controller.storage.Jdbc;
import vn.loa.testsupport.FakeClock;
import vn.loa.controller.web.Json;
import vn.loa.protocol.ProtocolVersion;
import vn.loa.protocol.codec.LoaCodec;
import vn.loa.protocol.v1.BroadcastStatus;
import vn.loa.protocol.v1.CommandResult;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.Heartbeat;
import vn.loa.protocol.v1.Hello;
import vn.loa.protocol.v1.PlayReport;

/**
 * The gateway's handlers on {@link EmbeddedChannel}s: the real ones, over an in-memory database with the
 * real migrations, a clock the test moves, and blocking work run inline. Records what the handlers hand
 * to the rest of the controller.
 */
final class GatewayFixture implements AutoCloseable {
    static final String SECRET = "the-secret-of-station-one";

    record Status(long stationId, BroadcastStatus status) {
    }

    record Told(long stationId, Object message) {
    }

    final FakeClock clock = new FakeClock(Instant.parse("2026-12-07T03:00:00Z"));
    final DirectExecutorService blocking = new DirectExecutorService();
    final Database db;
    final StationRepository stations;
    final PlayRepository plays;
    final PlanService plans;
    final MediaStore media;
    final StationRegistry registry;
    final long stationId;
    final List<Status> statuses = new CopyOnWriteArrayList<>();
    final List<Told> monitored = new CopyOnWriteArrayList<>();
    final List<PlayReport> stored = new CopyOnWriteArrayList<>();
    /** What the health-history sink was handed; it answers {@link #historyStored} once "stored". */
    final List<Told> histories = new CopyOnWriteArrayList<>();
    volatile int historyStored = 3;
    /** What this node answers about leadership (a standby names its leader). */
    volatile LinkAdmission admission = LinkAdmission.ALWAYS;

    GatewayFixture(Path mediaDir) {
        db = Database.open("jdbc:h2:mem:gateway-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
        Jdbc jdbc = new Jdbc(db);
        AreaRepository areas = new AreaRepository(jdbc);
        stations = new StationRepository(jdbc);
        plays = new PlayRepository(jdbc);
        long province = areas.insert(null, "Tỉnh Lạng Sơn", AreaKind.PROVINCE, "20");
        stationId = stations.create("Đội Cấn", province, Tokens.sha256Hex(SECRET),
                List.of(new StationRepository.NewZone("Thôn 1", null)));
        plans = new PlanService(areas, stations, new BulletinRepository(jdbc),
                new ScheduleRepository(jdbc, Json.mapper(), new RuleParser()), clock);
        media = new MediaStore(mediaDir);
        registry = new StationRegistry(stations, blocking, clock);
        plans.setSink(registry);
    }

    GatewayConfig config() {
        return GatewayConfig.defaults("127.0.0.1", 0);
    }

    GatewayContext context() {
        return new GatewayContext(config(), clock, stations, registry, plans, media, plays, blocking, stored::add,
                (station, status) -> statuses.add(new Status(station, status)),
                StationMonitor.of((s, hb) -> monitored.add(new Told(s.stationId(), hb)),
                        (s, r) -> monitored.add(new Told(s.stationId(), r))),
                (station, records, storedCount) -> {
                    histories.add(new Told(station, records));
                    storedCount.accept(historyStored);
                }, () -> admission.standbyFor());
    }

    /** A connection with the gateway's whole pipeline, nothing received yet. */
    EmbeddedChannel connect() {
        return new EmbeddedChannel(new GatewayInitializer(context()));
    }

    static Hello.Builder hello(long stationId, String secret) {
        return Hello.newBuilder().setProtocolVersion(ProtocolVersion.CURRENT)
                .setMinProtocolVersion(ProtocolVersion.MINIMUM).addAllCapabilities(ProtocolVersion.CAPABILITIES)
                .setStationId(stationId).setSecret(secret).setAgentVersion("embedded-test-agent").setStartLeadMs(600);
    }

    /** A connection past a good hello: its Welcome (and plan, if any) read and dropped. */
    EmbeddedChannel welcomed() {
        EmbeddedChannel ch = connect();
        send(ch, Envelope.newBuilder().setRequestId(1).setHello(hello(stationId, SECRET)).build());
        received(ch);
        return ch;
    }

    /** A bare channel with one handler and a session of station one (for a handler tested on its own). */
    EmbeddedChannel withSession(ChannelHandler... handlers) {
        EmbeddedChannel ch = new EmbeddedChannel(handlers);
        ch.attr(StationSession.KEY).set(new StationSession(stationId, "Đội Cấn", ch, clock.instant(), ""));
        return ch;
    }

    static StationSession session(EmbeddedChannel ch) {
        return ch.attr(StationSession.KEY).get();
    }

    /** Writes the envelope as the agent would (framed), and runs what the handlers posted to the loop. */
    static void send(EmbeddedChannel ch, Envelope e) {
        EmbeddedChannel agent = new EmbeddedChannel();
        LoaCodec.addTo(agent.pipeline(), 1 << 20);
        agent.writeOutbound(e);
        for (Object o; (o = agent.readOutbound()) != null; ) {
            ch.writeInbound((ByteBuf) o);
        }
        agent.finishAndReleaseAll();
        ch.runPendingTasks();
    }

    /** What the gateway wrote to the agent since the last call, decoded. */
    static List<Envelope> received(EmbeddedChannel ch) {
        ch.runPendingTasks();
        List<Envelope> out = new ArrayList<>();
        EmbeddedChannel agent = new EmbeddedChannel();
        LoaCodec.addTo(agent.pipeline(), 1 << 20);
        for (Object o; (o = ch.readOutbound()) != null; ) {
            agent.writeInbound((ByteBuf) o);
        }
        for (Object o; (o = agent.readInbound()) != null; ) {
            out.add((Envelope) o);
        }
        agent.finishAndReleaseAll();
        return out;
    }

    /** Envelopes a bare handler wrote (no codec in its pipeline). */
    static List<Envelope> written(EmbeddedChannel ch) {
        ch.runPendingTasks();
        List<Envelope> out = new ArrayList<>();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            out.add((Envelope) o);
        }
        return out;
    }

    @Override
    public void close() {
        plans.close();
        db.close();
    }

    static CommandResult result(String id) {
        return CommandResult.newBuilder().setCommandId(id).setStatus(CommandResult.Status.SUCCEEDED).build();
    }

    static Heartbeat heartbeat(long rttUs) {
        return Heartbeat.newBuilder().setLinkRttUs(rttUs).setClockSynchronised(true).build();
    }
}
