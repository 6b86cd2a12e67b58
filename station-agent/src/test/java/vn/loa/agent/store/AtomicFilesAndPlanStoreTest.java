package vn.loa.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.PlanSync;
import vn.loa.protocol.v1.Priority;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AtomicFilesAndPlanStoreTest {
    @TempDir
    Path dir;

    private String[] names(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void atomicWriteCreatesDirectoriesAndReplacesContentWithoutLeavingTempFiles() throws Exception {
        Path target = dir.resolve("a").resolve("b").resolve("state.bin");

        AtomicFiles.write(target, "a long first version".getBytes(StandardCharsets.UTF_8));
        assertThat(target).hasContent("a long first version");

        AtomicFiles.write(target, "short".getBytes(StandardCharsets.UTF_8));
        assertThat(target).hasContent("short");

        AtomicFiles.write(target, new byte[0]);
        assertThat(target).isEmptyFile();

        assertThat(names(target.getParent())).containsExactly("state.bin");
    }

    @Test
    void atomicWriteIgnoresATempFileLeftByACrash() throws Exception {
        Path target = dir.resolve("state.bin");
        Files.writeString(dir.resolve(".state.bin.tmp"), "stale and much longer than the new content");

        AtomicFiles.write(target, "new".getBytes(StandardCharsets.UTF_8));

        assertThat(target).hasContent("new");
        assertThat(names(dir)).containsExactly("state.bin");
    }

    @Test
    void atomicMoveReplacesTheTarget() throws Exception {
        Path from = dir.resolve("from");
        Path to = dir.resolve("to");
        Files.writeString(from, "new");
        Files.writeString(to, "old");
        AtomicFiles.moveAtomically(from, to);
        assertThat(to).hasContent("new");
        assertThat(from).doesNotExist();
    }

    private static PlanSync plan() {
        return PlanSync.newBuilder().setVersion("v7").setGeneratedAtMs(1_000).setHorizonUntilMs(2_000)
                .addItems(PlanItem.newBuilder().setItemId("i1").setScheduleId(3).setBulletinId(4).setTitle("Tin sáng")
                        .setMediaSha256("ab".repeat(32)).setMediaSize(123).setDurationMs(456).setPlannedAtMs(1_500)
                        .addZoneIds(1).addZoneIds(2).setPriority(Priority.EMERGENCY))
                .build();
    }

    @Test
    void planSurvivesASaveAndALoadInANewStore() throws Exception {
        PlanStore store = new PlanStore(dir);
        assertThat(store.current()).isEqualTo(PlanSync.getDefaultInstance());
        store.save(plan());
        assertThat(store.current()).isEqualTo(plan());

        PlanStore reopened = new PlanStore(dir);
        assertThat(reopened.current()).isEqualTo(PlanSync.getDefaultInstance());
        assertThat(reopened.load()).isEqualTo(plan());
        assertThat(reopened.current()).isEqualTo(plan());
        assertThat(names(dir)).containsExactly("plan.pb");
    }

    @Test
    void missingPlanFileLoadsAsAnEmptyPlan() {
        PlanStore store = new PlanStore(dir);
        assertThat(store.load()).isEqualTo(PlanSync.getDefaultInstance());
        assertThat(store.current().getItemsList()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"truncated", "wire-type-7", "directory"})
    void unreadablePlanLoadsAsAnEmptyPlanInsteadOfCrashing(String kind) throws Exception {
        Path file = dir.resolve("plan.pb");
        switch (kind) {
            case "truncated" -> {
                byte[] whole = plan().toByteArray();
                Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 5));
            }
            case "wire-type-7" -> Files.write(file, new byte[] {0x0F, 0x01, 0x02});
            case "directory" -> Files.createDirectory(file);
            default -> throw new IllegalArgumentException(kind);
        }
        PlanStore store = new PlanStore(dir);
        assertThat(store.load()).isEqualTo(PlanSync.getDefaultInstance());
        assertThat(store.current()).isEqualTo(PlanSync.getDefaultInstance());
    }
}
