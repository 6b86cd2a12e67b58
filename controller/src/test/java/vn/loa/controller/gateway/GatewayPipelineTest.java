package vn.loa.controller.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.controller.gateway.GatewayFixture.hello;
import static vn.loa.controller.gateway.GatewayFixture.received;
import static vn.loa.controller.gateway.GatewayFixture.send;

import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.protocol.ProtocolVersion;
import vn.loa.protocol.codec.ProtocolErrorHandler;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.Hello;
import vn.loa.protocol.v1.PlanSync;
import vn.loa.protocol.v1.Reject;
import vn.loa.protocol.v1.TimeRequest;
import vn.loa.protocol.v1.Welcome;

/**
 * The gateway's whole pipeline on an {@code EmbeddedChannel}: the hello guard and its refusals, the
 * session handlers the initializer puts in its place, the catch-all for messages an agent may not send,
 * activity and the idle guard.
 */
@Timeout(30)
class GatewayPipelineTest {
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

    private static Envelope helloOf(Hello.Builder hello) {
        return Envelope.newBuilder().setRequestId(7).setHello(hello).build();
    }

    private static Reject rejected(EmbeddedChannel ch) {
        List<Envelope> got = received(ch);
        assertThat(got).as("one Reject, then the connection closes").hasSize(1);
        assertThat(ch.isOpen()).isFalse();
        return got.get(0).getReject();
    }

    @Test
    void aGoodHelloIsWelcomedAndTheSessionHandlersTakeTheHellosPlace() {
        EmbeddedChannel ch = gw.connect();
        assertThat(ch.pipeline().names()).contains(GatewayInitializer.HELLO, GatewayInitializer.IDLE,
                ProtocolErrorHandler.NAME).doesNotContain(GatewayInitializer.TIME_SYNC);
        send(ch, helloOf(hello(gw.stationId, GatewayFixture.SECRET)));
        List<Envelope> got = received(ch);
        Welcome w = got.get(0).getWelcome();
        assertThat(got.get(0).getRefersTo()).isEqualTo(7);
        assertThat(w.getProtocolVersion()).isEqualTo(ProtocolVersion.CURRENT);
        assertThat(w.getCapabilitiesList()).containsExactlyInAnyOrderElementsOf(ProtocolVersion.CAPABILITIES);
        assertThat(w.getStationName()).isEqualTo("Đội Cấn");
        assertThat(w.getServerTimeMs()).isEqualTo(gw.clock.millis());
        assertThat(w.getHeartbeatIntervalMs()).isEqualTo(10_000);
        assertThat(w.getMaxFrameBytes()).isEqualTo(ProtocolVersion.DEFAULT_MAX_FRAME_BYTES);

        StationSession session = GatewayFixture.session(ch);
        assertThat(session.stationId()).isEqualTo(gw.stationId);
        assertThat(session.startLeadMs()).isEqualTo(600);
        assertThat(session.supports(ProtocolVersion.CAP_BROADCAST_V1)).isTrue();
        assertThat(gw.registry.isOnline(gw.stationId)).isTrue();
        assertThat(gw.registry.link(gw.stationId)).containsSame(session);
        assertThat(ch.pipeline().names()).doesNotContain(GatewayInitializer.HELLO, GatewayInitializer.CERTIFICATE_RENEWAL)
                .containsSubsequence(GatewayInitializer.ACTIVITY, GatewayInitializer.TIME_SYNC, GatewayInitializer.HEALTH,
                        GatewayInitializer.HEARTBEAT, GatewayInitializer.PLAN_ACK, GatewayInitializer.FILE_REQUEST,
                        GatewayInitializer.PLAY_REPORT, GatewayInitializer.BROADCAST_STATUS,
                        GatewayInitializer.COMMAND_RESULT, GatewayInitializer.HEALTH_HISTORY,
                        GatewayInitializer.UNEXPECTED, ProtocolErrorHandler.NAME);

        ch.close();
        assertThat(gw.registry.isOnline(gw.stationId)).as("offline once its link closed").isFalse();
    }

    @Test
    void onMutualTlsTheInitializerAlsoInstallsCertificateRenewal() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast(GatewayInitializer.HELLO, new io.netty.channel.ChannelInboundHandlerAdapter());
        ch.pipeline().addLast(ProtocolErrorHandler.NAME, new ProtocolErrorHandler());
        new GatewayInitializer(gw.context(), new StationTls(null, new CertificateRenewalHandlerTest.FakeCa()))
                .welcomed(ch.pipeline());
        assertThat(ch.pipeline().names()).containsSubsequence(GatewayInitializer.COMMAND_RESULT,
                GatewayInitializer.CERTIFICATE_RENEWAL, GatewayInitializer.HEALTH_HISTORY, GatewayInitializer.UNEXPECTED)
                .doesNotContain(GatewayInitializer.HELLO);
        ch.finishAndReleaseAll();
    }

    @Test
    void aStationIsSentItsPlanAfterTheWelcomeUnlessItHoldsItAlready() {
        gw.plans.rebuild();
        PlanSync plan = gw.plans.planOf(gw.stationId);
        assertThat(plan.getVersion()).isNotEmpty();
        EmbeddedChannel lacking = gw.connect();
        send(lacking, helloOf(hello(gw.stationId, GatewayFixture.SECRET).setPlanVersion("older")));
        assertThat(received(lacking)).extracting(Envelope::getKindCase)
                .containsExactly(Envelope.KindCase.WELCOME, Envelope.KindCase.PLAN_SYNC);

        EmbeddedChannel holding = gw.connect();
        send(holding, helloOf(hello(gw.stationId, GatewayFixture.SECRET).setPlanVersion(plan.getVersion())));
        assertThat(received(holding)).extracting(Envelope::getKindCase).containsExactly(Envelope.KindCase.WELCOME);
        assertThat(received(lacking)).as("the older link, replaced").extracting(e -> e.getReject().getCode())
                .containsExactly(Reject.Code.REPLACED);
    }

    @Test
    void aWrongSecretOrAnUnknownStationIsRefusedAsUnauthenticated() {
        EmbeddedChannel wrong = gw.connect();
        send(wrong, helloOf(hello(gw.stationId, "not-the-secret")));
        assertThat(rejected(wrong).getCode()).isEqualTo(Reject.Code.UNAUTHENTICATED);
        EmbeddedChannel empty = gw.connect();
        send(empty, helloOf(hello(gw.stationId, "")));
        assertThat(rejected(empty).getCode()).isEqualTo(Reject.Code.UNAUTHENTICATED);
        EmbeddedChannel unknown = gw.connect();
        send(unknown, helloOf(hello(4242, GatewayFixture.SECRET)));
        assertThat(rejected(unknown).getCode()).isEqualTo(Reject.Code.UNAUTHENTICATED);
        assertThat(gw.registry.onlineCount()).isZero();
    }

    @Test
    void aNodeThatStopsLeadingRefusesItsLinksNamingTheNewLeader() {
        EmbeddedChannel ch = gw.welcomed();
        assertThat(gw.registry.isOnline(gw.stationId)).isTrue();
        gw.registry.refuseAll("leader.example:7070");
        ch.runPendingTasks();
        Reject r = rejected(ch);
        assertThat(r.getCode()).isEqualTo(Reject.Code.NOT_LEADER);
        assertThat(r.getLeaderAddress()).isEqualTo("leader.example:7070");
        assertThat(r.getMessage()).contains("stopped leading").contains("leader.example:7070");
        assertThat(ch.isOpen()).as("the link is closed: the agent moves on to the leader").isFalse();
        assertThat(gw.registry.isOnline(gw.stationId)).isFalse();
    }

    @Test
    void anAgentWithoutACommonVersionIsToldTheVersionsTheControllerSpeaks() {
        EmbeddedChannel ch = gw.connect();
        send(ch, helloOf(hello(gw.stationId, GatewayFixture.SECRET).setMinProtocolVersion(ProtocolVersion.CURRENT + 1)
                .setProtocolVersion(ProtocolVersion.CURRENT + 2)));
        Reject r = rejected(ch);
        assertThat(r.getCode()).isEqualTo(Reject.Code.INCOMPATIBLE_VERSION);
        assertThat(r.getMinProtocolVersion()).isEqualTo(ProtocolVersion.MINIMUM);
        assertThat(r.getMaxProtocolVersion()).isEqualTo(ProtocolVersion.CURRENT);
    }

    @Test
    void aStandbyRefusesTheLinkNamingTheLeadersAgentAddress() {
        gw.admission = () -> java.util.Optional.of("leader.example:7070");
        EmbeddedChannel ch = gw.connect();
        send(ch, helloOf(hello(gw.stationId, GatewayFixture.SECRET)));
        Reject r = rejected(ch);
        assertThat(r.getCode()).isEqualTo(Reject.Code.NOT_LEADER);
        assertThat(r.getLeaderAddress()).isEqualTo("leader.example:7070");
        assertThat(r.getMessage()).contains("standby").contains("leader.example:7070");
        assertThat(gw.registry.onlineCount()).as("nothing of the station is taken on a standby").isZero();

        gw.admission = () -> java.util.Optional.of(""); // the leader not known yet (the lease is vacant)
        EmbeddedChannel early = gw.connect();
        send(early, helloOf(hello(gw.stationId, GatewayFixture.SECRET)));
        Reject unknown = rejected(early);
        assertThat(unknown.getCode()).isEqualTo(Reject.Code.NOT_LEADER);
        assertThat(unknown.getLeaderAddress()).isEmpty();

        gw.admission = LinkAdmission.ALWAYS; // it became the leader: the same station gets in
        EmbeddedChannel now = gw.connect();
        send(now, helloOf(hello(gw.stationId, GatewayFixture.SECRET)));
        assertThat(received(now).get(0).getKindCase()).isEqualTo(Envelope.KindCase.WELCOME);
    }

    @Test
    void anythingButAHelloFirstIsAProtocolViolation() {
        EmbeddedChannel ch = gw.connect();
        send(ch, Envelope.newBuilder().setTimeRequest(TimeRequest.newBuilder().setAgentSentUs(1)).build());
        assertThat(rejected(ch).getCode()).isEqualTo(Reject.Code.PROTOCOL_VIOLATION);
    }

    @Test
    void aConnectionSilentPastTheHelloTimeoutIsRefused() {
        EmbeddedChannel ch = gw.connect();
        ch.advanceTimeBy(gw.config().helloTimeout().toMillis() - 100, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isTrue();
        ch.advanceTimeBy(200, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(rejected(ch).getCode()).isEqualTo(Reject.Code.HELLO_TIMEOUT);
    }

    @Test
    void aWelcomedAgentThatSendsAHelloAgainOrAControllerMessageIsCutOff() {
        EmbeddedChannel again = gw.welcomed();
        send(again, helloOf(hello(gw.stationId, GatewayFixture.SECRET)));
        Reject r = rejected(again);
        assertThat(r.getCode()).isEqualTo(Reject.Code.PROTOCOL_VIOLATION);
        assertThat(r.getMessage()).contains("HELLO");

        EmbeddedChannel bold = gw.welcomed();
        send(bold, Envelope.newBuilder().setPlanSync(PlanSync.newBuilder().setVersion("mine")).build());
        assertThat(rejected(bold).getMessage()).contains("PLAN_SYNC");
    }

    @Test
    void anyFrameIsASignOfLifeAndASilentLinkIsClosedAfterTheIdleTimeout() {
        EmbeddedChannel ch = gw.welcomed();
        StationSession session = GatewayFixture.session(ch);
        long idleMs = gw.config().idleTimeout().toMillis();
        gw.clock.advance(Duration.ofSeconds(20));
        ch.advanceTimeBy(idleMs - 5_000, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        send(ch, Envelope.newBuilder().setRequestId(9).setTimeRequest(TimeRequest.newBuilder().setAgentSentUs(5)).build());
        assertThat(session.lastSeen()).isEqualTo(gw.clock.instant());
        ch.advanceTimeBy(idleMs - 5_000, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).as("the frame reset the idle time").isTrue();
        ch.advanceTimeBy(5_001, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).as("silent for the whole idle timeout").isFalse();
        assertThat(gw.registry.isOnline(gw.stationId)).isFalse();
    }
}
