package vn.loa.agent.health;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Reads the machine's load, temperature and memory from Linux's {@code /proc} and {@code /sys}. A value
 * the machine does not expose (no thermal zone in a container, not Linux at all) is empty — reported
 * as unknown, never as zero. The root is injectable so tests can lay out fake files.
 */
public final class SystemProbe {
    private final Path root;

    public SystemProbe(Path root) {
        this.root = root;
    }

    public static SystemProbe linux() {
        return new SystemProbe(Path.of("/"));
    }

    public record Stats(OptionalDouble load1m, OptionalDouble temperatureC, OptionalLong memoryTotalBytes,
            OptionalLong memoryAvailableBytes) {
    }

    public Stats read() {
        OptionalLong[] mem = memory();
        return new Stats(load(), temperature(), mem[0], mem[1]);
    }

    OptionalDouble load() {
        String text = readOrNull(root.resolve("proc/loadavg"));
        if (text == null) {
            return OptionalDouble.empty();
        }
        String[] parts = text.trim().split("\\s+");
        try {
            return parts.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(parts[0]));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** The hottest thermal zone, in °C (the kernel reports millidegrees). */
    OptionalDouble temperature() {
        Path dir = root.resolve("sys/class/thermal");
        if (!Files.isDirectory(dir)) {
            return OptionalDouble.empty();
        }
        OptionalDouble hottest = OptionalDouble.empty();
        try (DirectoryStream<Path> zones = Files.newDirectoryStream(dir, "thermal_zone*")) {
            for (Path zone : zones) {
                String text = readOrNull(zone.resolve("temp"));
                if (text == null || text.isBlank()) {
                    continue;
                }
                try {
                    double c = Long.parseLong(text.trim()) / 1000.0;
                    if (hottest.isEmpty() || c > hottest.getAsDouble()) {
                        hottest = OptionalDouble.of(c);
                    }
                } catch (NumberFormatException e) {
                    // a zone whose sensor is absent reads garbage or an error code: not a temperature
                }
            }
        } catch (IOException e) {
            return OptionalDouble.empty();
        }
        return hottest;
    }

    private OptionalLong[] memory() {
        OptionalLong total = OptionalLong.empty();
        OptionalLong available = OptionalLong.empty();
        String text = readOrNull(root.resolve("proc/meminfo"));
        if (text != null) {
            for (String line : text.split("\n")) {
                if (line.startsWith("MemTotal:")) {
                    total = kib(line);
                } else if (line.startsWith("MemAvailable:")) {
                    available = kib(line);
                }
            }
        }
        return new OptionalLong[] {total, available};
    }

    private static OptionalLong kib(String line) {
        String[] parts = line.trim().split("\\s+");
        try {
            return parts.length >= 2 ? OptionalLong.of(Long.parseLong(parts[1]) * 1024) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static String readOrNull(Path file) {
        try {
            return Files.isReadable(file) ? Files.readString(file, StandardCharsets.US_ASCII) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
