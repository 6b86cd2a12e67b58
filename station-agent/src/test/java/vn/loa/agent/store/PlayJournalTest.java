package vn.loa.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PlayJournalTest {
    @TempDir
    Path data;

    private Path file() {
        return data.resolve("journal.log");
    }

    private void appendRaw(byte[] bytes) throws Exception {
        Files.write(file(), bytes, StandardOpenOption.APPEND);
    }

    @Test
    void tracksStartedReportedAndInterrupted() throws Exception {
        try (PlayJournal j = new PlayJournal(data)) {
            assertThat(j.isHandled("a")).isFalse();
            j.markStarted("a");
            j.markStarted("b");
            j.markReported("a");
            j.markReported("c"); // reported without being started (e.g. skipped): handled, not interrupted

            assertThat(j.isHandled("a")).isTrue();
            assertThat(j.isHandled("b")).isTrue();
            assertThat(j.isHandled("c")).isTrue();
            assertThat(j.isHandled("d")).isFalse();
            assertThat(j.interrupted()).containsExactly("b");
        }
    }

    @Test
    void writesEachEntryOnceAsALine() throws Exception {
        try (PlayJournal j = new PlayJournal(data)) {
            j.markStarted("a");
            j.markStarted("a");
            j.markReported("a");
            j.markReported("a");
            assertThat(j.lines()).containsExactly("S a", "R a");
        }
    }

    @Test
    void survivesReopen() throws Exception {
        try (PlayJournal j = new PlayJournal(data)) {
            j.markStarted("played");
            j.markReported("played");
            j.markStarted("cut-off");
        }
        try (PlayJournal j = new PlayJournal(data)) {
            assertThat(j.isHandled("played")).isTrue();
            assertThat(j.isHandled("cut-off")).isTrue();
            assertThat(j.interrupted()).containsExactly("cut-off");
            j.markReported("cut-off");
        }
        try (PlayJournal j = new PlayJournal(data)) {
            assertThat(j.interrupted()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000\u0000\u0000\u0000", "S", "R", "#?", "\n\n"})
    void ignoresGarbageAtTheEnd(String garbage) throws Exception {
        try (PlayJournal j = new PlayJournal(data)) {
            j.markStarted("a");
            j.markReported("a");
            j.markStarted("b");
        }
        appendRaw(garbage.getBytes(StandardCharsets.UTF_8));

        try (PlayJournal j = new PlayJournal(data)) {
            assertThat(j.isHandled("a")).isTrue();
            assertThat(j.interrupted()).containsExactly("b");
        }
    }

    @Test
    void tornLastLineIsNotTakenAsAnEntry() throws Exception {
        try (PlayJournal j = new PlayJournal(data)) {
            j.markStarted("item-1");
        }
        appendRaw("S item-4".getBytes(StandardCharsets.UTF_8)); // "S item-42\n" cut by a power failure

        try (PlayJournal j = new PlayJournal(data)) {
            assertThat(j.isHandled("item-4")).isFalse();
            assertThat(j.interrupted()).containsExactly("item-1");
        }
    }

    @Test
    void entryWrittenAfterATornLineSurvivesTheNextRestart() throws Exception {
        try (PlayJournal j = new PlayJournal(data)) {
            j.markStarted("a");
            j.markReported("a");
        }
        appendRaw("S to".getBytes(StandardCharsets.UTF_8)); // torn

        try (PlayJournal j = new PlayJournal(data)) {
            j.markStarted("b");
        }
        try (PlayJournal j = new PlayJournal(data)) {
            assertThat(j.isHandled("b")).isTrue();
            assertThat(j.interrupted()).contains("b");
        }
    }

    @Test
    void invalidUtf8InATornLastLineDoesNotPreventStarting() throws Exception {
        try (PlayJournal j = new PlayJournal(data)) {
            j.markStarted("a");
        }
        appendRaw(new byte[] {'S', ' ', (byte) 0xC3});

        try (PlayJournal j = new PlayJournal(data)) {
            assertThat(j.interrupted()).containsExactly("a");
        }
    }

    @Test
    void retainOnlyForgetsOtherItemsAndRewritesTheFile() throws Exception {
        try (PlayJournal j = new PlayJournal(data)) {
            j.markStarted("old");
            j.markReported("old");
            j.markStarted("keep-reported");
            j.markReported("keep-reported");
            j.markStarted("keep-cut");
            j.markStarted("gone-cut");

            j.retainOnly(List.of("keep-reported", "keep-cut", "not-seen-yet"));

            assertThat(j.isHandled("old")).isFalse();
            assertThat(j.isHandled("gone-cut")).isFalse();
            assertThat(j.isHandled("keep-reported")).isTrue();
            assertThat(j.interrupted()).containsExactly("keep-cut");
            assertThat(j.lines()).containsExactlyInAnyOrder("S keep-reported", "S keep-cut", "R keep-reported");

            // still appendable after the rewrite
            j.markStarted("not-seen-yet");
        }
        try (PlayJournal j = new PlayJournal(data)) {
            assertThat(j.isHandled("old")).isFalse();
            assertThat(j.isHandled("not-seen-yet")).isTrue();
            assertThat(j.interrupted()).containsExactlyInAnyOrder("keep-cut", "not-seen-yet");
        }
        try (var files = Files.list(data)) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("journal.log");
        }
    }

    @Test
    void retainOnlyWithNothingToForgetLeavesTheFileAlone() throws Exception {
        try (PlayJournal j = new PlayJournal(data)) {
            j.markStarted("a");
            j.markReported("a");
            j.markStarted("b");
            long modified = Files.getLastModifiedTime(file()).toMillis();
            List<String> before = j.lines();

            j.retainOnly(List.of("a", "b", "c"));

            assertThat(j.lines()).isEqualTo(before);
            assertThat(Files.getLastModifiedTime(file()).toMillis()).isEqualTo(modified);
        }
    }

    @Test
    void keepsThePartThatWentOutAcrossARestartAndARewrite() throws Exception {
        try (PlayJournal j = new PlayJournal(data)) {
            j.markStarted("cut");
            assertThat(j.partOf("cut")).isEmpty();
            j.markAudioStarted("cut", 1_000_000L);
            assertThat(j.partOf("cut")).contains(new PlayJournal.Part(1_000_000L, 1_000_000L, 0, 0, false));
            j.markProgress("cut", 1_001_000L, -3.5f, -18.25f);
            j.markProgress("cut", 1_002_000L, -1.5f, -17.75f);
            j.markProgress("never-started", 5L, -1f, -2f); // no start: ignored
        }
        // a torn progress line at the end (a power cut mid-write) is dropped; the lines before it stand
        appendRaw("P cut 1003000 -1.".getBytes(StandardCharsets.UTF_8));
        try (PlayJournal j = new PlayJournal(data)) {
            assertThat(j.interrupted()).containsExactly("cut");
            assertThat(j.partOf("cut")).contains(new PlayJournal.Part(1_000_000L, 1_002_000L, -1.5f, -17.75f, true));
            assertThat(j.partOf("never-started")).isEmpty();
            j.retainOnly(List.of("cut"));
            j.markStarted("other");
            j.retainOnly(List.of("cut", "other"));
        }
        try (PlayJournal j = new PlayJournal(data)) {
            assertThat(j.partOf("cut")).contains(new PlayJournal.Part(1_000_000L, 1_002_000L, -1.5f, -17.75f, true));
            j.retainOnly(List.of("other"));
            assertThat(j.partOf("cut")).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"A cut", "A cut x", "P cut 1 2", "P cut 1 x -3", "A"})
    void aDamagedProgressLineIsIgnored(String line) throws Exception {
        try (PlayJournal j = new PlayJournal(data)) {
            j.markStarted("cut");
        }
        appendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
        try (PlayJournal j = new PlayJournal(data)) {
            assertThat(j.interrupted()).containsExactly("cut");
            assertThat(j.partOf("cut")).isEmpty();
        }
    }
}
