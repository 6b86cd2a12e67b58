package vn.loa.hardware.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** System tools the hardware tests need: missing ones fail the test with the package to install. */
public final class Tools {
    private Tools() {
    }

    /** A program this test runs: it must be there and executable. */
    public static Path require(String path, String debianPackage) {
        Path p = Path.of(path);
        if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
            fail(path + " is missing or not executable: install Debian's " + debianPackage + " (apt-get install -y "
                    + debianPackage + "; .ci/run does this)");
        }
        return p;
    }

    public static Path socat() {
        return require("/usr/bin/socat", "socat");
    }

    /** Debian's python3 with pymodbus and pyserial-asyncio importable. */
    public static Path pymodbusPython() {
        Path python = require("/usr/bin/python3", "python3");
        try {
            Process p = new ProcessBuilder(python.toString(), "-c", "import pymodbus, serial_asyncio")
                    .redirectErrorStream(true).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("/usr/bin/python3 did not import pymodbus within 30 s");
            }
            if (p.exitValue() != 0) {
                fail("/usr/bin/python3 cannot import pymodbus/serial_asyncio: install Debian's python3-pymodbus and "
                        + "python3-serial-asyncio (.ci/run does this): " + new String(p.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            fail("cannot run /usr/bin/python3: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
        return python;
    }

    /** The real ALSA library, which Java Sound loads. */
    public static void alsa() {
        for (String lib : new String[] {"/usr/lib/x86_64-linux-gnu/libasound.so.2", "/usr/lib/aarch64-linux-gnu/libasound.so.2",
                "/lib/x86_64-linux-gnu/libasound.so.2"}) {
            if (Files.isRegularFile(Path.of(lib))) {
                return;
            }
        }
        fail("libasound.so.2 (the ALSA library) is missing: install Debian's libasound2 (.ci/run does this)");
    }
}
