package vn.loa.agent.cellular;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.protocol.v1.CellularLink;
import vn.loa.testsupport.FakeClock;
import vn.loa.testsupport.FakeMmcli;

/**
 * Recorded {@code mmcli -J} output replayed by a fake {@code mmcli} first on the PATH: a weak LTE link in
 * Tràng Định (Viettel, RSRP -118 dBm), a modem still searching, and a station without a modem.
 */
@Timeout(30)
class ModemProbeTest {
    @TempDir
    Path bin;

    private static String recorded(String name) {
        return FakeMmcli.recorded(name);
    }

    /** A fake mmcli answering the three calls with the recorded files given. */
    private ModemProbe fake(String list, String modem, String signal, FakeClock clock) throws IOException {
        FakeMmcli.install(bin, list, modem, signal);
        FakeMmcli.counters(bin.resolve("sys"), "wwan0", 734003200L, 52428800L);
        return new ModemProbe("mmcli", Map.of("PATH", bin + ":" + System.getenv("PATH")), clock, Duration.ofMinutes(1),
                bin.resolve("sys"));
    }

    @Test
    void aWeakLteLinkIsReadWithItsSignalOperatorAndTechnology() throws Exception {
        FakeClock clock = new FakeClock(Instant.now());
        ModemProbe probe = fake("list.json", "modem-weak.json", "signal-weak.json", clock);

        probe.refresh();

        CellularLink link = probe.latest().orElseThrow();
        assertThat(link.getModemState()).isEqualTo("connected");
        assertThat(link.getOperatorName()).isEqualTo("Viettel");
        assertThat(link.getAccessTechnology()).isEqualTo("lte");
        assertThat(link.getSignalPercent()).isEqualTo(12);
        assertThat(link.getHasRsrp()).isTrue();
        assertThat(link.getRsrpDbm()).isEqualTo(-118f);
        assertThat(link.getRssiDbm()).isEqualTo(-95f);
        assertThat(link.getSinrDb()).isEqualTo(-2.4f);
        assertThat(link.getInterface()).isEqualTo("wwan0");
        assertThat(link.getHasBytes()).isTrue();
        assertThat(link.getRxBytes()).isEqualTo(734_003_200L);
        assertThat(link.getTxBytes()).isEqualTo(52_428_800L);
    }

    @Test
    void aSearchingModemHasNoOperatorAndNoSignalNumbers() throws Exception {
        ModemProbe probe = fake("list.json", "modem-searching.json", "signal-weak.json", new FakeClock(Instant.now()));
        Files.writeString(bin.resolve("signal-weak.json"), "{\"modem\":{\"signal\":{\"lte\":{\"rsrp\":\"--\",\"snr\":\"--\"}}}}");

        probe.refresh();

        CellularLink link = probe.latest().orElseThrow();
        assertThat(link.getModemState()).isEqualTo("searching");
        assertThat(link.getOperatorName()).isEmpty();
        assertThat(link.getAccessTechnology()).isEmpty();
        assertThat(link.getHasRsrp()).isFalse();
        assertThat(link.getHasSinr()).isFalse();
    }

    @Test
    void noModemOrNoMmcliMeansNoCellularLink() throws Exception {
        ModemProbe none = fake("list-empty.json", "modem-weak.json", "signal-weak.json", new FakeClock(Instant.now()));
        none.refresh();
        assertThat(none.latest()).isEmpty();

        ModemProbe missing = new ModemProbe(bin.resolve("no-such-mmcli").toString(), Map.of(),
                new FakeClock(Instant.now()), Duration.ofMinutes(1));
        missing.refresh();
        assertThat(missing.latest()).isEmpty();
    }

    @Test
    void theModemIsAskedAtMostOncePerInterval() throws Exception {
        FakeClock clock = new FakeClock(Instant.now());
        ModemProbe probe = fake("list.json", "modem-weak.json", "signal-weak.json", clock);
        probe.refresh();
        Files.writeString(bin.resolve("modem-weak.json"), recorded("modem-searching.json"));

        probe.refresh();
        assertThat(probe.latest().orElseThrow().getModemState()).as("within the minute: the last reading").isEqualTo("connected");
        clock.advance(Duration.ofMinutes(1));
        probe.refresh();
        assertThat(probe.latest().orElseThrow().getModemState()).isEqualTo("searching");
    }
}
