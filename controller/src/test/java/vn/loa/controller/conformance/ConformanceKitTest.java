package vn.loa.controller.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.conformance.StepResult.Outcome;
import vn.loa.controller.support.TestAgent;
import vn.loa.protocol.ProtocolVersion;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.Hello;

/** The kit against the real Java agent (every step passes) and against a deliberately broken one. */
@Tag("e2e")
class ConformanceKitTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theRealAgentPassesEveryStep(@TempDir Path dir) throws Exception {
        try (ConformanceServer server = ConformanceServer.listen("127.0.0.1", 0, Clock.systemUTC());
                TestAgent agent = TestAgent.start(server.port(), 9, "conformance-secret", dir)) {
            ConformanceReport report = new ConformanceRun(server, Clock.systemUTC(), Duration.ofSeconds(20), java.util.List.of(1L)).run();
            assertThat(report.results()).as(String.join("\n", report.lines()))
                    .allSatisfy(r -> assertThat(r.outcome()).as(r.line()).isEqualTo(Outcome.PASSED));
            assertThat(report.passed()).isTrue();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aBrokenAgentFailsTheStepsItBreaks() throws Exception {
        try (ConformanceServer server = ConformanceServer.listen("127.0.0.1", 0, Clock.systemUTC());
                SilentAgent agent = SilentAgent.dial(server.port())) {
            ConformanceReport report = new ConformanceRun(server, Clock.systemUTC(), Duration.ofSeconds(1), java.util.List.of(1L)).run();
            String all = String.join("\n", report.lines());
            assertThat(report.passed()).as(all).isFalse();
            assertThat(report.of(Step.HELLO).orElseThrow().outcome()).as(all).isEqualTo(Outcome.PASSED);
            assertThat(report.of(Step.CLOCK).orElseThrow().detail()).as(all).contains("no TimeRequest");
            assertThat(report.of(Step.PLAN).orElseThrow()).as(all).isEqualTo(
                    StepResult.failed(Step.PLAN, "no PlanAck within 1 s of the PlanSync"));
            assertThat(report.of(Step.FILE_TRANSFER).orElseThrow().outcome()).as(all).isEqualTo(Outcome.FAILED);
            assertThat(report.of(Step.FILE_RESUME).orElseThrow().outcome()).as(all).isEqualTo(Outcome.SKIPPED);
            assertThat(report.of(Step.ANNOUNCEMENT).orElseThrow().detail()).as(all).contains("then nothing");
            assertThat(report.of(Step.COMMAND).orElseThrow().detail()).as(all).contains("no final CommandResult");
            assertThat(report.of(Step.MALFORMED_FRAME).orElseThrow().detail()).as(all)
                    .isEqualTo("the agent kept the connection open");
            assertThat(report.lines()).as(all).contains(report.of(Step.PLAN).orElseThrow().line())
                    .last().asString().startsWith("conformance: FAILED");
        }
    }

    /**
     * A broken agent: it says Hello with every capability, then reads and ignores every frame (no time sync, no
     * acknowledgements, never closes on garbage). Blocking socket on its own thread.
     */
    static final class SilentAgent implements AutoCloseable {
        private final Socket socket;
        private final Thread reader;

        private SilentAgent(Socket socket) {
            this.socket = socket;
            this.reader = Thread.ofVirtual().start(() -> {
                try (InputStream in = socket.getInputStream()) {
                    while (in.read() >= 0) {
                        // ignores everything it is sent
                    }
                } catch (IOException closed) {
                    // the test closed the socket
                }
            });
        }

        static SilentAgent dial(int port) throws IOException {
            Socket s = new Socket("127.0.0.1", port);
            OutputStream out = s.getOutputStream();
            Envelope.newBuilder().setRequestId(1).setHello(Hello.newBuilder().setProtocolVersion(1).setMinProtocolVersion(1)
                    .setStationId(9).setSecret("x").addAllCapabilities(ProtocolVersion.CAPABILITIES)).build()
                    .writeDelimitedTo(out);
            out.flush();
            return new SilentAgent(s);
        }

        @Override
        public void close() throws Exception {
            socket.close();
            reader.join(5_000);
        }
    }
}
