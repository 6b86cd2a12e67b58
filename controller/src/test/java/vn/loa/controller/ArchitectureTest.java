package vn.loa.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The controller's core never depends on the station agent or on station hardware: only the demo
 * entry point (and the CLI that starts it) may use them.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/vn/loa/controller");

    @Test
    void onlyTheDemoUsesTheAgentAndHardware() throws IOException {
        assertThat(MAIN).isDirectory();
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.startsWith(MAIN.resolve("demo")))
                    .filter(ArchitectureTest::importsAgentOrHardware)
                    .map(Path::toString).toList();
            assertThat(offenders).as("core classes importing vn.loa.agent or vn.loa.hardware").isEmpty();
        }
    }

    private static boolean importsAgentOrHardware(Path file) {
        try {
            return Files.readAllLines(file).stream().anyMatch(l -> l.startsWith("import vn.loa.agent.")
                    || l.startsWith("import vn.loa.hardware."));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
