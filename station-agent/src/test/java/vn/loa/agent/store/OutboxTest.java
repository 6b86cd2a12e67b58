package vn.loa.agent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.loa.protocol.v1.PlayReport;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OutboxTest {
    @TempDir
    Path data;

    private static PlayReport report(String id, long plannedAt) {
        return PlayReport.newBuilder().setReportId(id).setItemId("item-" + id).setPlannedAtMs(plannedAt)
                .setOutcome(PlayReport.Outcome.PLAYED).build();
    }

    private static List<String> ids(List<PlayReport> reports) {
        return reports.stream().map(PlayReport::getReportId).toList();
    }

    @Test
    void pendingIsOrderedByPlannedInstantThenReportId() throws Exception {
        Outbox outbox = new Outbox(data);
        outbox.add(report("c", 300));
        outbox.add(report("b", 100));
        outbox.add(report("z", 200));
        outbox.add(report("a", 200));

        assertThat(ids(outbox.pending())).containsExactly("b", "a", "z", "c");
        assertThat(outbox.size()).isEqualTo(4);
        assertThat(outbox.pending().get(0)).isEqualTo(report("b", 100));
    }

    @Test
    void acknowledgeRemovesOnlyThatReport() throws Exception {
        Outbox outbox = new Outbox(data);
        outbox.add(report("r1", 1));
        outbox.add(report("r2", 2));

        outbox.acknowledge("r1");
        outbox.acknowledge("r1"); // twice: harmless
        outbox.acknowledge("never-stored");

        assertThat(ids(outbox.pending())).containsExactly("r2");
        assertThat(outbox.size()).isEqualTo(1);
    }

    @Test
    void addingTheSameReportTwiceKeepsOneCopy() throws Exception {
        Outbox outbox = new Outbox(data);
        outbox.add(report("same", 1));
        outbox.add(report("same", 1));
        assertThat(ids(outbox.pending())).containsExactly("same");
    }

    @Test
    void survivesReopen() throws Exception {
        Outbox first = new Outbox(data);
        first.add(report("kept", 5));
        first.add(report("acked", 4));
        first.acknowledge("acked");

        Outbox reopened = new Outbox(data);
        assertThat(reopened.pending()).containsExactly(report("kept", 5));
        assertThat(reopened.size()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../escape", "a/b", "a b", "a.pb", "x\n", "é",
            "0123456789012345678901234567890123456789012345678901234567890123456789"})
    void rejectsMalformedReportIds(String id) throws Exception {
        Outbox outbox = new Outbox(data);
        assertThatThrownBy(() -> outbox.add(report(id, 1))).isInstanceOf(IllegalArgumentException.class);
        // an acknowledgement with such an id is ignored, never used as a path
        assertThatCode(() -> outbox.acknowledge(id)).doesNotThrowAnyException();
        try (Stream<Path> files = Files.list(data)) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("outbox");
        }
        assertThat(outbox.size()).isZero();
    }

    @Test
    void acknowledgementWithATraversalIdDeletesNothing() throws Exception {
        Outbox outbox = new Outbox(data);
        Path victim = data.resolve("victim.pb");
        Files.writeString(victim, "x");
        outbox.acknowledge("../victim");
        assertThat(victim).exists();
    }

    @Test
    void movesACorruptFileAsideInsteadOfDeletingIt() throws Exception {
        Outbox outbox = new Outbox(data);
        outbox.add(report("good", 1));
        byte[] garbage = {0x0A, 0x20, 'x'}; // a string field that claims 32 bytes but has one
        Path corrupt = data.resolve("outbox").resolve("broken.pb");
        Files.write(corrupt, garbage);

        assertThat(ids(outbox.pending())).containsExactly("good");

        Path aside = data.resolve("outbox").resolve("broken.pb.corrupt");
        assertThat(corrupt).doesNotExist();
        assertThat(aside).exists().hasBinaryContent(garbage);
        assertThat(outbox.size()).isEqualTo(1);
        assertThat(ids(outbox.pending())).containsExactly("good"); // and it stays aside
        assertThat(aside).exists();
    }

    @Test
    void leavesNoTemporaryFiles() throws Exception {
        Outbox outbox = new Outbox(data);
        for (int i = 0; i < 5; i++) {
            outbox.add(report("r" + i, i));
        }
        try (Stream<Path> files = Files.list(data.resolve("outbox"))) {
            assertThat(files).extracting(p -> p.getFileName().toString()).allMatch(n -> n.matches("r\\d\\.pb"))
                    .hasSize(5);
        }
    }
}
