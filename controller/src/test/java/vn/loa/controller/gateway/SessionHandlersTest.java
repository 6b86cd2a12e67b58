package vn.loa.controller.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.controller.gateway.GatewayFixture.written;

import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.protocol.codec.ProtocolErrorHandler;
import vn.loa.protocol.v1.BroadcastStatus;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.Heartbeat;
import vn.loa.protocol.v1.PlanAck;
import vn.loa.protocol.v1.Reject;
import vn.loa.protocol.v1.TimeRequest;
import vn.loa.protocol.v1.TimeResponse;

/**
 * The small session handlers, each on its own {@code EmbeddedChannel} with a welcomed station's session:
 * its one job, and every other message passed along untouched.
 */
@Timeout(30)
class SessionHandlersTest {
    private static final Envelope OTHER = Envelope.newBuilder().setPlanAck(PlanAck.newBuilder().setVersion("x")).build();

    @TempDir
    Path dir;
    GatewayFixture gw;

    @BeforeEach
    void setUp() {
        gw = new GatewayFixture(dir);
    }

    @AfterEach
    void tearDown() {
        gw.close();
    }

    /** The handler let the message through to the next one. */
    private static void passedOn(EmbeddedChannel ch, Envelope e) {
        ch.writeInbound(e);
        assertThat((Object) ch.readInbound()).isSameAs(e);
    }

    @Test
    void timeSyncAnswersWithTheControllersReceiveAndSendInstants() {
        EmbeddedChannel ch = gw.withSession(new TimeSyncHandler(gw.clock));
        ch.writeInbound(Envelope.newBuilder().setRequestId(41).setTimeRequest(TimeRequest.newBuilder()
                .setAgentSentUs(123_456)).build());
        List<Envelope> out = written(ch);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).getRefersTo()).isEqualTo(41);
        TimeResponse r = out.get(0).getTimeResponse();
        long nowUs = gw.clock.millis() * 1000;
        assertThat(r.getAgentSentUs()).isEqualTo(123_456);
        assertThat(r.getControllerReceivedUs()).isEqualTo(nowUs);
        assertThat(r.getControllerSentUs()).isEqualTo(nowUs);
        assertThat((Object) ch.readInbound()).as("answered, not passed on").isNull();
        passedOn(ch, OTHER);
    }

    @Test
    void aHeartbeatGoesToTheMonitorAndStaysOnTheSession() {
        EmbeddedChannel ch = gw.withSession(new HealthHandler(StationMonitor.of(
                (s, hb) -> gw.monitored.add(new GatewayFixture.Told(s.stationId(), hb)), (s, r) -> { })),
                new HeartbeatHandler());
        Heartbeat hb = GatewayFixture.heartbeat(18_000);
        ch.writeInbound(Envelope.newBuilder().setHeartbeat(hb).build());
        assertThat(gw.monitored).containsExactly(new GatewayFixture.Told(gw.stationId, hb));
        assertThat(GatewayFixture.session(ch).lastHeartbeat()).isEqualTo(hb);
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(written(ch)).as("a heartbeat is not answered").isEmpty();
        passedOn(ch, OTHER.toBuilder().clearPlanAck().setBroadcastStatus(BroadcastStatus.getDefaultInstance()).build());
    }

    @Test
    void aPlanAckRecordsTheVersionTheStationStored() {
        EmbeddedChannel ch = gw.withSession(new PlanAckHandler());
        ch.writeInbound(Envelope.newBuilder().setPlanAck(PlanAck.newBuilder().setVersion("v-2026-12-07")).build());
        assertThat(GatewayFixture.session(ch).ackedPlanVersion()).isEqualTo("v-2026-12-07");
        assertThat((Object) ch.readInbound()).isNull();
        passedOn(ch, Envelope.newBuilder().setTimeRequest(TimeRequest.getDefaultInstance()).build());
    }

    @Test
    void aBroadcastStatusGoesOutWithTheSessionsStation() {
        EmbeddedChannel ch = gw.withSession(new BroadcastStatusHandler(
                (station, status) -> gw.statuses.add(new GatewayFixture.Status(station, status))));
        BroadcastStatus status = BroadcastStatus.newBuilder().setBroadcastId(12).setState(BroadcastStatus.State.PLAYING)
                .setAtMs(gw.clock.millis()).build();
        ch.writeInbound(Envelope.newBuilder().setBroadcastStatus(status).build());
        assertThat(gw.statuses).containsExactly(new GatewayFixture.Status(gw.stationId, status));
        passedOn(ch, OTHER);
    }

    @Test
    void aCommandResultGoesToTheMonitorWithTheSession() {
        EmbeddedChannel ch = gw.withSession(new CommandResultHandler(gw.context().monitor()));
        ch.writeInbound(Envelope.newBuilder().setCommandResult(GatewayFixture.result("17")).build());
        assertThat(gw.monitored).containsExactly(new GatewayFixture.Told(gw.stationId, GatewayFixture.result("17")));
        passedOn(ch, OTHER);
    }

    @Test
    void everyFrameIsASignOfLife() {
        EmbeddedChannel ch = gw.withSession(new ActivityHandler(gw.clock));
        gw.clock.advance(Duration.ofSeconds(42));
        passedOn(ch, OTHER);
        assertThat(GatewayFixture.session(ch).lastSeen()).isEqualTo(gw.clock.instant());
        EmbeddedChannel beforeHello = new EmbeddedChannel(new ActivityHandler(gw.clock));
        passedOn(beforeHello, OTHER);
    }

    @Test
    void aKindNoHandlerTookIsRefusedAndTheLinkClosed() {
        EmbeddedChannel ch = gw.withSession(new UnexpectedMessageHandler(), new ProtocolErrorHandler());
        ch.writeInbound(Envelope.newBuilder().setTimeResponse(TimeResponse.getDefaultInstance()).build());
        List<Envelope> out = written(ch);
        assertThat(out).singleElement().satisfies(e -> {
            assertThat(e.getReject().getCode()).isEqualTo(Reject.Code.PROTOCOL_VIOLATION);
            assertThat(e.getReject().getMessage()).isEqualTo("an agent may not send TIME_RESPONSE");
        });
        assertThat(ch.isOpen()).isFalse();
    }
}
