package vn.loa.agent.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher with real child processes: a shell script stands in for the agent, behaving as its "jar" (a text
 * file) says — {@code good} marks itself good, {@code hang} never does, {@code exit} ends at once — and logs each
 * start to a file.
 */
@Timeout(60)
class LauncherTest {
    private static final String AGENT = """
            echo "${LOA_AGENT_RELEASE:-packaged}" >> "$2"
            case "$(cat "$1")" in
              good) touch "$(dirname "$1")/good"; exec sleep 600 ;;
              hang) exec sleep 600 ;;
              exit) exit 3 ;;
            esac
            """;

    @TempDir
    Path data;

    private Launcher launcher;
    private CompletableFuture<Integer> running;

    @AfterEach
    void stop() throws Exception {
        if (launcher != null) {
            launcher.stop();
            running.get(30, TimeUnit.SECONDS);
        }
    }

    private Path runs() {
        return data.resolve("runs.log");
    }

    private List<String> starts() throws Exception {
        return Files.exists(runs()) ? Files.readAllLines(runs()) : List.of();
    }

    private ReleaseDirectory install(String goodA, String b) throws Exception {
        ReleaseDirectory d = new ReleaseDirectory(data);
        d.install("A", Files.writeString(data.resolve("a"), goodA));
        d.activate("A", Duration.ofMinutes(10), Clock.systemUTC().instant());
        d.markGood("A");
        d.install("B", Files.writeString(data.resolve("b"), b));
        return d;
    }

    private void start(ReleaseDirectory d) {
        Path packaged = data.resolve("packaged.jar");
        try {
            Files.writeString(packaged, "good");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        launcher = new Launcher(d, packaged, List.of("sh", "-c", AGENT, "sh", Launcher.JAR_TOKEN, runs().toString()),
                Clock.systemUTC(), Duration.ofMillis(100), Duration.ofSeconds(5));
        running = CompletableFuture.supplyAsync(() -> {
            try {
                return launcher.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aReleaseThatNeverMarksItselfGoodIsStoppedAndRevertedAtItsDeadline() throws Exception {
        ReleaseDirectory d = install("good", "hang");
        d.activate("B", Duration.ofSeconds(2), Clock.systemUTC().instant());
        start(d);

        await().atMost(Duration.ofSeconds(30)).until(() -> starts().equals(List.of("B", "A")));
        assertThat(d.read()).isEqualTo(new ReleaseState("A", true, true, null));
        assertThat(d.isBad("B")).isTrue();
        assertThat(d.reverted()).get().extracting(ReleaseDirectory.Reverted::reason).isEqualTo(RevertReason.TRIAL_TIMEOUT);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> starts().size() == 2);
    }

    @Test
    void aReleaseThatEndsDuringItsTrialIsRevertedAtOnce() throws Exception {
        ReleaseDirectory d = install("good", "exit");
        d.activate("B", Duration.ofMinutes(5), Clock.systemUTC().instant());
        start(d);

        await().atMost(Duration.ofSeconds(30)).until(() -> starts().equals(List.of("B", "A")));
        assertThat(d.reverted()).get().extracting(ReleaseDirectory.Reverted::reason)
                .isEqualTo(RevertReason.EXITED_DURING_TRIAL);
        assertThat(d.current()).contains("A");
    }

    @Test
    void aReleaseThatMarksItselfGoodStays() throws Exception {
        ReleaseDirectory d = install("good", "good");
        d.activate("B", Duration.ofSeconds(2), Clock.systemUTC().instant());
        start(d);

        await().atMost(Duration.ofSeconds(30)).until(() -> d.isGood("B"));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> starts().equals(List.of("B")));
        assertThat(d.read()).isEqualTo(new ReleaseState("B", true, true, null));
        assertThat(d.reverted()).isEmpty();
    }
}
