package vn.loa.agent.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.agent.health.HealthHistoryBuffer;
import vn.loa.protocol.v1.HealthRecord;
import vn.loa.protocol.v1.Heartbeat;

/** The offline health ring: durable, bounded, tolerant of a line torn by a power cut, acknowledged once. */
@Timeout(30)
class HealthHistoryBufferTest {
    @TempDir
    Path dir;

    private static Heartbeat beat(long i) {
        return Heartbeat.newBuilder().setUptimeMs(i).setClockSynchronised(true).build();
    }

    private Path file() {
        return dir.resolve("health-history").resolve("records.log");
    }

    @Test
    void keepsWhatWasAppendedAcrossReopeningAndForgetsWhatWasAcknowledged() throws Exception {
        HealthHistoryBuffer b = new HealthHistoryBuffer(1, dir, 100);
        for (int i = 1; i <= 10; i++) {
            assertThat(b.append(1000L * i, beat(i)).getSeq()).isEqualTo(i);
        }
        b.acknowledge(4);
        b.close();
        HealthHistoryBuffer again = new HealthHistoryBuffer(1, dir, 100);
        assertThat(again.pending(100)).extracting(HealthRecord::getSeq).containsExactly(5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(again.append(11_000, beat(11)).getSeq()).isEqualTo(11);
        again.acknowledge(11);
        again.close();
        HealthHistoryBuffer empty = new HealthHistoryBuffer(1, dir, 100);
        assertThat(empty.size()).isZero();
        assertThat(empty.append(12_000, beat(12)).getSeq()).as("sequence numbers never repeat").isEqualTo(12);
        // an acknowledgement of what was never sent changes nothing
        empty.acknowledge(99);
        assertThat(empty.size()).isOne();
    }

    @Test
    void aTornLastLineOrGarbageIsSkippedAndEverythingWholeIsKept() throws Exception {
        HealthHistoryBuffer b = new HealthHistoryBuffer(1, dir, 100);
        for (int i = 1; i <= 5; i++) {
            b.append(1000L * i, beat(i));
        }
        b.close();
        byte[] whole = Files.readAllBytes(file());
        Random random = new Random(7);
        for (int cut = 1; cut < 40; cut++) {
            // a power cut in the middle of the last line, at a random point
            int lastLineStart = new String(whole, StandardCharsets.US_ASCII).lastIndexOf('\n', whole.length - 2) + 1;
            int at = lastLineStart + 1 + random.nextInt(whole.length - lastLineStart - 2);
            Files.write(file(), java.util.Arrays.copyOf(whole, at));
            HealthHistoryBuffer reopened = new HealthHistoryBuffer(1, dir, 100);
            assertThat(reopened.pending(100)).extracting(HealthRecord::getSeq).containsExactly(1L, 2L, 3L, 4L);
            assertThat(reopened.append(9_000, beat(9)).getSeq()).isEqualTo(5);
            reopened.close();
            assertThat(new HealthHistoryBuffer(1, dir, 100).pending(100)).extracting(HealthRecord::getSeq)
                    .containsExactly(1L, 2L, 3L, 4L, 5L);
        }
        Files.write(file(), "garbage line\n12 ffff AAAA\n".getBytes(StandardCharsets.US_ASCII),
                StandardOpenOption.APPEND);
        assertThat(new HealthHistoryBuffer(1, dir, 100).pending(100)).hasSize(5);
    }

    @Test
    void aLongOutageKeepsTheNewestSamplesWithinTheBound() throws Exception {
        HealthHistoryBuffer b = new HealthHistoryBuffer(1, dir, 50);
        for (int i = 1; i <= 500; i++) {
            b.append(1000L * i, beat(i));
        }
        assertThat(b.size()).isEqualTo(50);
        assertThat(b.pending(1).get(0).getSeq()).isEqualTo(451);
        b.close();
        long lines = Files.readAllLines(file()).size();
        assertThat(lines).as("the file is compacted, not grown without bound").isLessThanOrEqualTo(50 + 16);
        assertThat(new HealthHistoryBuffer(1, dir, 50).pending(100)).extracting(HealthRecord::getSeq)
                .startsWith(451L).endsWith(500L).hasSize(50);
        assertThat(HealthHistoryBuffer.DEFAULT_CAPACITY).as("a week at one a minute").isEqualTo(7 * 24 * 60);
    }
}
