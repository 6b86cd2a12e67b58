package vn.loa.agent.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemProbeTest {
    @TempDir
    Path root;

    @Test
    void readsLoadTemperatureAndMemoryFromProcAndSys() throws Exception {
        Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("proc/loadavg"), "0.42 0.30 0.25 1/123 4567\n");
        Files.writeString(root.resolve("proc/meminfo"), "MemTotal:        3884512 kB\nMemFree:  1000 kB\n"
                + "MemAvailable:    2000000 kB\n");
        Path zone0 = Files.createDirectories(root.resolve("sys/class/thermal/thermal_zone0"));
        Path zone1 = Files.createDirectories(root.resolve("sys/class/thermal/thermal_zone1"));
        Files.writeString(zone0.resolve("temp"), "48312\n");
        Files.writeString(zone1.resolve("temp"), "61250\n");

        SystemProbe.Stats s = new SystemProbe(root).read();

        assertThat(s.load1m()).hasValue(0.42);
        assertThat(s.temperatureC()).as("the hottest zone").hasValue(61.25);
        assertThat(s.memoryTotalBytes()).hasValue(3884512L * 1024);
        assertThat(s.memoryAvailableBytes()).hasValue(2000000L * 1024);
    }

    @Test
    void whatTheMachineDoesNotExposeIsUnknownNotZero() throws Exception {
        Path broken = Files.createDirectories(root.resolve("sys/class/thermal/thermal_zone0"));
        Files.writeString(broken.resolve("temp"), "garbage");

        SystemProbe.Stats s = new SystemProbe(root).read();

        assertThat(s.load1m()).isEmpty();
        assertThat(s.temperatureC()).isEmpty();
        assertThat(s.memoryTotalBytes()).isEmpty();
        assertThat(s.memoryAvailableBytes()).isEmpty();
    }
}
