package vn.loa.controller.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.loa.protocol.v1.BroadcastStatus;
import vn.loa.protocol.v1.BroadcastStatus.State;
import vn.loa.protocol.v1.CommandResult;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.FileRequest;
import vn.loa.protocol.v1.Heartbeat;
import vn.loa.protocol.v1.Hello;
import vn.loa.protocol.v1.PlanAck;
import vn.loa.protocol.v1.Reject;

class AgentChecksTest {

    static Stream<Arguments> hellos() {
        Hello.Builder good = Hello.newBuilder().setProtocolVersion(1).setMinProtocolVersion(1).setStationId(7).setSecret("s");
        return Stream.of(
                Arguments.of(Envelope.newBuilder().setHello(good).build(), List.of()),
                Arguments.of(Envelope.newBuilder().setHello(good.clone().setMinProtocolVersion(0)).build(), List.of()),
                Arguments.of(Envelope.newBuilder().setHeartbeat(Heartbeat.getDefaultInstance()).build(),
                        List.of("the first frame must be a Hello, got HEARTBEAT")),
                Arguments.of(Envelope.newBuilder().setHello(good.clone().setProtocolVersion(0)).build(),
                        List.of("Hello.protocol_version is 0")),
                Arguments.of(Envelope.newBuilder().setHello(good.clone().setProtocolVersion(4).setMinProtocolVersion(3)).build(),
                        List.of("Hello offers versions 3..4, none of which the controller speaks (1..2)")),
                Arguments.of(Envelope.newBuilder().setHello(good.clone().setStationId(0)).build(),
                        List.of("Hello carries a secret but no station_id")));
    }

    @ParameterizedTest
    @MethodSource("hellos")
    void hello(Envelope first, List<String> problems) {
        assertThat(AgentChecks.hello(first)).isEqualTo(problems);
    }

    static Stream<Arguments> fileRequests() {
        String sha = "ab".repeat(32);
        return Stream.of(
                Arguments.of(0L, sha, 0L, List.of()),
                Arguments.of(4096L, sha, 4096L, List.of()),
                Arguments.of(4096L, sha, 0L, List.of("FileRequest.offset is 0, the agent holds 4096 bytes of it (resume from the bytes held)")),
                Arguments.of(0L, sha.toUpperCase(), 0L, List.of("FileRequest asks for " + sha.toUpperCase()
                        + ", the plan's audio is " + sha + " (lower-case hex)")));
    }

    @ParameterizedTest
    @MethodSource("fileRequests")
    void fileRequest(long held, String askedSha, long askedOffset, List<String> problems) {
        Envelope e = Envelope.newBuilder().setFileRequest(FileRequest.newBuilder().setSha256(askedSha).setOffset(askedOffset)).build();
        assertThat(AgentChecks.fileRequest("ab".repeat(32), held, e)).isEqualTo(problems);
    }

    @Test
    void planAckMustNameTheVersionSent() {
        assertThat(AgentChecks.planAck("v2", Envelope.newBuilder().setPlanAck(PlanAck.newBuilder().setVersion("v2")).build())).isEmpty();
        assertThat(AgentChecks.planAck("v2", Envelope.newBuilder().setPlanAck(PlanAck.newBuilder().setVersion("v1")).build()))
                .containsExactly("PlanAck names version 'v1', the PlanSync was 'v2'");
    }

    static BroadcastStatus status(long id, State state) {
        return BroadcastStatus.newBuilder().setBroadcastId(id).setState(state).build();
    }

    static Stream<Arguments> broadcasts() {
        return Stream.of(
                Arguments.of(List.of(status(5, State.RECEIVING), status(5, State.PLAYING), status(5, State.DONE)), List.of()),
                Arguments.of(List.of(status(5, State.RECEIVING), status(5, State.DONE)),
                        List.of("statuses [RECEIVING, DONE], expected [RECEIVING, PLAYING, DONE]")),
                Arguments.of(List.of(status(5, State.RECEIVING), BroadcastStatus.newBuilder().setBroadcastId(5)
                        .setState(State.FAILED).setReason("NO_AUDIO").build()), List.of("the agent reported FAILED: NO_AUDIO")),
                Arguments.of(List.of(status(6, State.RECEIVING), status(5, State.PLAYING), status(5, State.DONE)),
                        List.of("BroadcastStatus names broadcast 6, expected 5")));
    }

    @ParameterizedTest
    @MethodSource("broadcasts")
    void broadcast(List<BroadcastStatus> statuses, List<String> problems) {
        assertThat(AgentChecks.broadcast(5, statuses)).isEqualTo(problems);
    }

    @Test
    void commandResultEchoesTheIdAndHasAStatus() {
        CommandResult ok = CommandResult.newBuilder().setCommandId("c1").setStatus(CommandResult.Status.REJECTED).build();
        assertThat(AgentChecks.commandResult("c1", ok)).isEmpty();
        assertThat(AgentChecks.isFinal(ok)).isTrue();
        assertThat(AgentChecks.isFinal(ok.toBuilder().setStatus(CommandResult.Status.ACCEPTED).build())).isFalse();
        assertThat(AgentChecks.commandResult("c2", CommandResult.newBuilder().setCommandId("c1").build()))
                .containsExactly("CommandResult.command_id is 'c1', the Command's was 'c2'", "CommandResult.status is not set");
    }

    static Stream<Arguments> refusals() {
        Reject unknown = Reject.newBuilder().setCode(Reject.Code.UNKNOWN_MESSAGE).build();
        Reject malformed = Reject.newBuilder().setCode(Reject.Code.MALFORMED_FRAME).build();
        return Stream.of(
                Arguments.of(Reject.Code.UNKNOWN_MESSAGE, unknown, true, List.of()),
                Arguments.of(Reject.Code.UNKNOWN_MESSAGE, null, true, List.of()),
                Arguments.of(null, malformed, true, List.of()),
                Arguments.of(Reject.Code.UNKNOWN_MESSAGE, malformed, true,
                        List.of("the agent's Reject has code MALFORMED_FRAME, expected UNKNOWN_MESSAGE")),
                Arguments.of(null, null, false, List.of("the agent kept the connection open")));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void refusal(Reject.Code expected, Reject reject, boolean closed, List<String> problems) {
        assertThat(AgentChecks.refusal(expected, reject, closed)).isEqualTo(problems);
    }
}
