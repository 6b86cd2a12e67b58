package vn.loa.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The slow-clients benchmark's options and report (no timing: the figures are measured, not asserted). */
class SlowClientsTest {
    static SlowClients parse(String... args) {
        SlowClients c = new SlowClients();
        new CommandLine(c).parseArgs(args);
        return c;
    }

    @Test
    void defaultsAreTwoHundredClientsHeldFortySeconds() {
        SlowClients c = parse();
        c.check();
        assertThat(c.clients).isEqualTo(200);
        assertThat(c.seconds).isEqualTo(40);
        assertThat(c.byteEveryMs).isEqualTo(5000);
        assertThat(c.split()).extracting(SlowClientsReport.Kind::count).containsExactly(67, 67, 66);
        assertThat(c.split()).extracting(SlowClientsReport.Kind::name).containsExactlyElementsOf(SlowClients.KINDS);
    }

    @Test
    void anUnevenSplitGivesTheRemainderToTheFirstKinds() {
        assertThat(parse("--clients", "10").split()).extracting(SlowClientsReport.Kind::count).containsExactly(4, 3, 3);
    }

    @Test
    void impossibleOptionsAreRefusedWithEveryReason() {
        assertThatThrownBy(() -> parse("--clients", "2", "--seconds", "0", "--target", "http://127.0.0.1:8080").check())
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--clients")
                .hasMessageContaining("--seconds").hasMessageContaining("--target-pid");
        parse("--target", "http://127.0.0.1:8080", "--target-pid", "42", "--admin-password", "x").check();
    }

    @Test
    void theReportSaysMemoryServiceAndCutOffs() {
        SlowClientsReport r = new SlowClientsReport(List.of(new SlowClientsReport.Kind("slowloris heads", 200)), 40,
                400 * 1024, 430 * 1024, 420 * 1024, 39, 1, 12, 200);
        assertThat(r.growthMb()).isEqualTo(30.0);
        assertThat(r.format()).contains("slow clients: 200 (200 slowloris heads), held 40 s")
                .contains("idle 400.0 MB, peak 430.0 MB (+30.0 MB), end 420.0 MB")
                .contains("39 answered, 1 failed, slowest 12 ms").contains("cut off by the controller before the end: 200 of 200");
    }

    @Test
    void eachKindOpensWithAPartialRequest() {
        for (String kind : SlowClients.KINDS) {
            String[] parts = SlowClients.opening(kind, "token");
            assertThat(parts[0]).as(kind).doesNotEndWith("\r\n\r\n");
            assertThat(parts[1]).as(kind).isNotEmpty();
        }
        assertThat(SlowClients.opening("signed-in dribbling uploads", "t")[0]).contains("Authorization: Bearer t");
    }
}
