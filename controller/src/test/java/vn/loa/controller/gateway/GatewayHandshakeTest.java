package vn.loa.controller.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestController;
import vn.loa.controller.web.ApiFixtures;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.Reject;
import vn.loa.protocol.v1.TimeRequest;
import vn.loa.protocol.v1.Welcome;

/**
 * The agent port's door, spoken to by a bare socket client: who gets in, who is refused with which
 * code, and that a refused or broken connection is closed promptly without harming the others.
 */
@Tag("e2e")
@Timeout(60)
class GatewayHandshakeTest {
    static final Duration CLOSE_WITHIN = Duration.ofSeconds(5);

    @TempDir
    static Path dir;

    static TestController controller;
    static ApiClient api;
    static long commune;

    @BeforeAll
    static void start() throws Exception {
        controller = TestController.start(dir.resolve("controller"));
        api = controller.admin();
        commune = ApiFixtures.area(api, "Xã Đội Cấn", "COMMUNE", ApiFixtures.province(api));
    }

    @AfterAll
    static void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    /** After every refusal the door still works: a good agent gets in. */
    @AfterEach
    void aGoodAgentIsStillAccepted() throws Exception {
        ApiFixtures.StationRef s = ApiFixtures.station(api, "Đài kiểm tra", commune, 1);
        try (RawAgent agent = RawAgent.connect(controller.agentPort())) {
            agent.sendHello(RawAgent.hello(s.id(), s.secret()));
            assertThat(agent.next(Envelope.KindCase.WELCOME).getWelcome().getProtocolVersion()).isEqualTo(2);
        }
    }

    private static ApiFixtures.StationRef station(String name) {
        return ApiFixtures.station(api, name, commune, 2);
    }

    private static Reject rejectThenClose(RawAgent agent) throws InterruptedException {
        Envelope e = agent.next(RawAgent.WAIT);
        assertThat(e.getKindCase()).as("first answer: %s", e).isEqualTo(Envelope.KindCase.REJECT);
        assertThat(agent.awaitClosed(CLOSE_WITHIN)).as("messages after the reject").isEmpty();
        return e.getReject();
    }

    private static boolean online(long stationId) {
        return api.get("/api/v1/stations/" + stationId).json().get("online").asBoolean();
    }

    @Test
    void aGoodHelloGetsWelcomeThenThePlan() throws Exception {
        ApiFixtures.StationRef s = station("Đài xã Đội Cấn");
        try (RawAgent agent = RawAgent.connect(controller.agentPort())) {
            long before = System.currentTimeMillis();
            agent.sendHello(RawAgent.hello(s.id(), s.secret()));
            Envelope first = agent.next(RawAgent.WAIT);
            assertThat(first.getKindCase()).isEqualTo(Envelope.KindCase.WELCOME);
            Welcome w = first.getWelcome();
            assertThat(w.getProtocolVersion()).isEqualTo(2);
            assertThat(w.getStationName()).isEqualTo("Đài xã Đội Cấn");
            assertThat(w.getCapabilitiesList()).contains("plan.v1", "file.resume", "report.ack");
            assertThat(w.getServerTimeMs()).isBetween(before - 1000, System.currentTimeMillis() + 1000);
            assertThat(w.getHeartbeatIntervalMs()).isPositive();
            assertThat(w.getMaxFrameBytes()).isGreaterThanOrEqualTo(64 * 1024);

            Envelope second = agent.next(RawAgent.WAIT);
            assertThat(second.getKindCase()).isEqualTo(Envelope.KindCase.PLAN_SYNC);
            assertThat(second.getPlanSync().getVersion()).isNotEmpty();
            assertThat(second.getPlanSync().getItemsCount()).isZero();
            assertThat(second.getPlanSync().getHorizonUntilMs()).isGreaterThan(Instant.now().plus(Duration.ofDays(7)).toEpochMilli());
            await().atMost(Duration.ofSeconds(5)).until(() -> online(s.id()));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !online(s.id()));
    }

    @Test
    void anAgentHoldingTheCurrentPlanIsNotSentItAgain() throws Exception {
        ApiFixtures.StationRef s = station("Đài có kế hoạch");
        String version;
        try (RawAgent agent = RawAgent.connect(controller.agentPort())) {
            agent.sendHello(RawAgent.hello(s.id(), s.secret()));
            agent.next(Envelope.KindCase.WELCOME);
            version = agent.next(Envelope.KindCase.PLAN_SYNC).getPlanSync().getVersion();
        }
        try (RawAgent agent = RawAgent.connect(controller.agentPort())) {
            agent.sendHello(RawAgent.hello(s.id(), s.secret()).setPlanVersion(version));
            agent.next(Envelope.KindCase.WELCOME);
            // a time exchange as a barrier: anything sent after the welcome arrives before its answer
            agent.send(Envelope.newBuilder().setRequestId(5).setTimeRequest(TimeRequest.newBuilder().setAgentSentUs(1)).build());
            Envelope next = agent.next(RawAgent.WAIT);
            assertThat(next.getKindCase()).isEqualTo(Envelope.KindCase.TIME_RESPONSE);
        }
    }

    @Test
    void aWrongSecretIsRejectedAsUnauthenticatedAndClosed() throws Exception {
        ApiFixtures.StationRef s = station("Đài bị giả");
        try (RawAgent agent = RawAgent.connect(controller.agentPort())) {
            agent.sendHello(RawAgent.hello(s.id(), s.secret() + "x"));
            Reject r = rejectThenClose(agent);
            assertThat(r.getCode()).isEqualTo(Reject.Code.UNAUTHENTICATED);
            assertThat(r.getMessage()).doesNotContain(s.secret());
        }
        try (RawAgent agent = RawAgent.connect(controller.agentPort())) {
            agent.sendHello(RawAgent.hello(s.id(), ""));
            assertThat(rejectThenClose(agent).getCode()).isEqualTo(Reject.Code.UNAUTHENTICATED);
        }
        assertThat(online(s.id())).isFalse();
    }

    @Test
    void anUnknownStationIsRejectedAsUnauthenticated() throws Exception {
        ApiFixtures.StationRef s = station("Đài thật");
        try (RawAgent agent = RawAgent.connect(controller.agentPort())) {
            agent.sendHello(RawAgent.hello(987_654, s.secret()));
            assertThat(rejectThenClose(agent).getCode()).isEqualTo(Reject.Code.UNAUTHENTICATED);
        }
        try (RawAgent agent = RawAgent.connect(controller.agentPort())) {
            agent.sendHello(RawAgent.hello(0, s.secret()));
            assertThat(rejectThenClose(agent).getCode()).isEqualTo(Reject.Code.UNAUTHENTICATED);
        }
    }

    @Test
    void anIncompatibleVersionIsRejectedAndClosed() throws Exception {
        ApiFixtures.StationRef s = station("Đài đời mới");
        try (RawAgent agent = RawAgent.connect(controller.agentPort())) {
            agent.sendHello(RawAgent.hello(s.id(), s.secret()).setProtocolVersion(7).setMinProtocolVersion(5));
            Reject r = rejectThenClose(agent);
            assertThat(r.getCode()).isEqualTo(Reject.Code.INCOMPATIBLE_VERSION);
            assertThat(r.getMessage()).contains("5..7").contains("1..2");
        }
        assertThat(online(s.id())).isFalse();
    }

    @Test
    void aNewerAgentIsWelcomedWithTheHighestCommonVersionAndTheSharedCapabilities() throws Exception {
        ApiFixtures.StationRef s = station("Đài đời sau");
        try (RawAgent agent = RawAgent.connect(controller.agentPort())) {
            agent.sendHello(RawAgent.hello(s.id(), s.secret()).setProtocolVersion(3).setMinProtocolVersion(1)
                    .clearCapabilities().addCapabilities("plan.v1").addCapabilities("plan.v3-delta"));
            Welcome w = agent.next(Envelope.KindCase.WELCOME).getWelcome();
            assertThat(w.getProtocolVersion()).isEqualTo(2);
            assertThat(w.getCapabilitiesList()).containsExactly("plan.v1");
        }
    }

    @Test
    void aVersion1AgentIsStillWelcomedWithVersion1() throws Exception {
        ApiFixtures.StationRef s = station("Đài đời trước");
        try (RawAgent agent = RawAgent.connect(controller.agentPort())) {
            agent.sendHello(RawAgent.hello(s.id(), s.secret()).setProtocolVersion(1).setMinProtocolVersion(1));
            assertThat(agent.next(Envelope.KindCase.WELCOME).getWelcome().getProtocolVersion()).isEqualTo(1);
        }
    }

    @Test
    void anIncompatibleVersionRejectTellsTheVersionsTheControllerSpeaks() throws Exception {
        ApiFixtures.StationRef s = station("Đài đời mới 2");
        try (RawAgent agent = RawAgent.connect(controller.agentPort())) {
            agent.sendHello(RawAgent.hello(s.id(), s.secret()).setProtocolVersion(7).setMinProtocolVersion(5));
            Reject r = rejectThenClose(agent);
            assertThat(r.getCode()).isEqualTo(Reject.Code.INCOMPATIBLE_VERSION);
            assertThat(r.getMinProtocolVersion()).isEqualTo(1);
            assertThat(r.getMaxProtocolVersion()).isEqualTo(2);
        }
    }

    @Test
    void aFirstMessageOtherThanHelloIsAProtocolViolation() throws Exception {
        try (RawAgent agent = RawAgent.connect(controller.agentPort())) {
            agent.send(Envelope.newBuilder().setRequestId(1).setTimeRequest(TimeRequest.newBuilder().setAgentSentUs(5)).build());
            Reject r = rejectThenClose(agent);
            assertThat(r.getCode()).isEqualTo(Reject.Code.PROTOCOL_VIOLATION);
            assertThat(r.getMessage()).contains("HELLO").contains("TIME_REQUEST");
        }
    }

    @Test
    void anEnvelopeOfUnknownKindIsRefused() throws Exception {
        try (RawAgent agent = RawAgent.connect(controller.agentPort())) {
            // field 99 (not a kind this build knows), varint 1
            agent.sendRaw(new byte[] {3, (byte) 0x98, 0x06, 0x01});
            assertThat(rejectThenClose(agent).getCode()).isEqualTo(Reject.Code.UNKNOWN_MESSAGE);
        }
    }

    @Test
    void garbageIsAMalformedFrameAndClosed() throws Exception {
        try (RawAgent agent = RawAgent.connect(controller.agentPort())) {
            // a frame of 3 bytes that are not protobuf
            agent.sendRaw(new byte[] {3, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
            assertThat(rejectThenClose(agent).getCode()).isEqualTo(Reject.Code.MALFORMED_FRAME);
        }
        try (RawAgent agent = RawAgent.connect(controller.agentPort())) {
            // a length prefix that never ends
            agent.sendRaw(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1, 2});
            assertThat(rejectThenClose(agent).getCode()).isEqualTo(Reject.Code.MALFORMED_FRAME);
        }
        try (RawAgent agent = RawAgent.connect(controller.agentPort())) {
            // someone speaking HTTP to the agent port: 'G' reads as a frame of 71 bytes
            agent.sendRaw(("GET / HTTP/1.1\r\nHost: controller.example\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n"
                    + "Connection: keep-alive\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(rejectThenClose(agent).getCode()).isIn(Reject.Code.MALFORMED_FRAME, Reject.Code.UNKNOWN_MESSAGE,
                    Reject.Code.PROTOCOL_VIOLATION);
        }
    }

    @Test
    void aHundredMegabyteFrameIsRefusedAtItsLengthPrefix() throws Exception {
        ByteArrayOutputStream prefix = new ByteArrayOutputStream();
        CodedOutputStream coded = CodedOutputStream.newInstance(prefix);
        coded.writeUInt32NoTag(100_000_000);
        coded.flush();
        try (RawAgent agent = RawAgent.connect(controller.agentPort())) {
            // only the prefix and a few bytes: the controller must not wait for the other 100 MB
            agent.sendRaw(prefix.toByteArray());
            agent.sendRaw(new byte[] {10, 2, 8, 1});
            Reject r = rejectThenClose(agent);
            assertThat(r.getCode()).isEqualTo(Reject.Code.FRAME_TOO_LARGE);
            assertThat(r.getMessage()).contains("100000000");
        }
    }

    @Test
    void aSilentConnectionIsClosedAfterTheHelloTimeout() throws Exception {
        ApiFixtures.StationRef s = station("Đài bình thường");
        try (RawAgent silent = RawAgent.connect(controller.agentPort());
                RawAgent good = RawAgent.connect(controller.agentPort())) {
            long start = System.nanoTime();
            // meanwhile a real agent is served normally
            good.sendHello(RawAgent.hello(s.id(), s.secret()));
            good.next(Envelope.KindCase.WELCOME);
            Envelope e = silent.next(Duration.ofSeconds(20));
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(e.getKindCase()).isEqualTo(Envelope.KindCase.REJECT);
            assertThat(e.getReject().getCode()).isEqualTo(Reject.Code.HELLO_TIMEOUT);
            assertThat(waitedMs).as("waited for the hello").isBetween(8_000L, 20_000L);
            assertThat(silent.awaitClosed(CLOSE_WITHIN)).isEmpty();
            // the good one is still connected
            good.send(Envelope.newBuilder().setRequestId(9).setTimeRequest(TimeRequest.newBuilder().setAgentSentUs(1)).build());
            assertThat(good.next(Envelope.KindCase.TIME_RESPONSE).getRefersTo()).isEqualTo(9);
        }
    }

    @Test
    void aSecondConnectionOfTheSameStationReplacesTheFirst() throws Exception {
        ApiFixtures.StationRef s = station("Đài hai đường");
        try (RawAgent first = RawAgent.connect(controller.agentPort());
                RawAgent second = RawAgent.connect(controller.agentPort())) {
            first.sendHello(RawAgent.hello(s.id(), s.secret()));
            first.next(Envelope.KindCase.WELCOME);
            await().atMost(Duration.ofSeconds(5)).until(() -> online(s.id()));

            second.sendHello(RawAgent.hello(s.id(), s.secret()));
            second.next(Envelope.KindCase.WELCOME);
            Reject r = first.next(Envelope.KindCase.REJECT).getReject();
            assertThat(r.getCode()).isEqualTo(Reject.Code.REPLACED);
            first.awaitClosed(CLOSE_WITHIN);

            // the second stays the station's link, and the station stays online
            second.send(Envelope.newBuilder().setRequestId(3).setTimeRequest(TimeRequest.newBuilder().setAgentSentUs(1)).build());
            assertThat(second.next(Envelope.KindCase.TIME_RESPONSE).getRefersTo()).isEqualTo(3);
            assertThat(online(s.id())).isTrue();
        }
    }

    @Test
    void aRefusedImpostorDoesNotReplaceTheConnectedStation() throws Exception {
        ApiFixtures.StationRef s = station("Đài bị mạo danh");
        try (RawAgent real = RawAgent.connect(controller.agentPort());
                RawAgent impostor = RawAgent.connect(controller.agentPort())) {
            real.sendHello(RawAgent.hello(s.id(), s.secret()));
            real.next(Envelope.KindCase.WELCOME);
            impostor.sendHello(RawAgent.hello(s.id(), "guessed"));
            assertThat(rejectThenClose(impostor).getCode()).isEqualTo(Reject.Code.UNAUTHENTICATED);
            real.send(Envelope.newBuilder().setRequestId(4).setTimeRequest(TimeRequest.newBuilder().setAgentSentUs(1)).build());
            Envelope answer = real.next(RawAgent.WAIT);
            if (answer.getKindCase() == Envelope.KindCase.PLAN_SYNC) {
                answer = real.next(RawAgent.WAIT);
            }
            assertThat(answer.getKindCase()).isEqualTo(Envelope.KindCase.TIME_RESPONSE);
            assertThat(online(s.id())).isTrue();
        }
    }

    @Test
    void aSecondHelloAfterWelcomeIsAProtocolViolation() throws Exception {
        ApiFixtures.StationRef s = station("Đài chào hai lần");
        try (RawAgent agent = RawAgent.connect(controller.agentPort())) {
            agent.sendHello(RawAgent.hello(s.id(), s.secret()));
            agent.next(Envelope.KindCase.WELCOME);
            agent.sendHello(RawAgent.hello(s.id(), s.secret()));
            Reject r = agent.next(Envelope.KindCase.REJECT).getReject();
            assertThat(r.getCode()).isEqualTo(Reject.Code.PROTOCOL_VIOLATION);
            agent.awaitClosed(CLOSE_WITHIN);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !online(s.id()));
    }

    @Test
    void controllerOnlyMessagesFromAnAgentAreAProtocolViolation() throws Exception {
        ApiFixtures.StationRef s = station("Đài nói sai");
        try (RawAgent agent = RawAgent.connect(controller.agentPort())) {
            agent.sendHello(RawAgent.hello(s.id(), s.secret()));
            agent.next(Envelope.KindCase.WELCOME);
            agent.send(Envelope.newBuilder().setWelcome(Welcome.newBuilder().setStationName("tôi là controller")).build());
            Reject r = agent.next(Envelope.KindCase.REJECT).getReject();
            assertThat(r.getCode()).isEqualTo(Reject.Code.PROTOCOL_VIOLATION);
            assertThat(r.getMessage()).contains("WELCOME");
            agent.awaitClosed(CLOSE_WITHIN);
        }
    }

    @Test
    void manyBrokenConnectionsAtOnceLeaveTheDoorOpen() throws Exception {
        List<RawAgent> broken = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                RawAgent a = RawAgent.connect(controller.agentPort());
                broken.add(a);
                a.sendRaw(new byte[] {2, (byte) 0xFF, (byte) 0xFF});
            }
            for (RawAgent a : broken) {
                assertThat(rejectThenClose(a).getCode()).isEqualTo(Reject.Code.MALFORMED_FRAME);
            }
        } finally {
            for (RawAgent a : broken) {
                a.close();
            }
        }
    }
}
