package vn.loa.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A fake ModemManager {@code mmcli} replaying recorded {@code mmcli -J} output (docs/updates.md#cellular-link-health):
 * {@code list.json} / {@code list-empty.json} (the modems), {@code modem-weak.json} (a weak Viettel LTE link in
 * Tràng Định), {@code modem-searching.json}, {@code signal-weak.json} (RSRP −118 dBm). Shared by the agent's probe
 * test and the console's at-risk test.
 */
public final class FakeMmcli {
    private FakeMmcli() {
    }

    /** One recorded answer. */
    public static String recorded(String name) {
        try (InputStream in = FakeMmcli.class.getResourceAsStream("mmcli/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no recorded mmcli output named " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the recorded files and an executable {@code mmcli} script into {@code bin} answering
     * {@code -J -L}, {@code -J -m 0} and {@code -J -m 0 --signal-get} with them (anything else fails).
     *
     * @return the script's path
     */
    public static Path install(Path bin, String list, String modem, String signal) throws IOException {
        Files.createDirectories(bin);
        for (String f : new String[] {list, modem, signal}) {
            Files.writeString(bin.resolve(f), recorded(f));
        }
        Path mmcli = bin.resolve("mmcli");
        Files.writeString(mmcli, "#!/bin/sh\ncase \"$*\" in\n"
                + "  \"-J -L\") cat '" + bin.resolve(list) + "' ;;\n"
                + "  \"-J -m 0\") cat '" + bin.resolve(modem) + "' ;;\n"
                + "  \"-J -m 0 --signal-get\") cat '" + bin.resolve(signal) + "' ;;\n"
                + "  *) echo \"unexpected: $*\" >&2; exit 1 ;;\nesac\n");
        Files.setPosixFilePermissions(mmcli, PosixFilePermissions.fromString("rwx------"));
        return mmcli;
    }

    /** Byte counters for interface {@code name} under {@code sysNet} as /sys/class/net has them. */
    public static void counters(Path sysNet, String name, long rx, long tx) throws IOException {
        Path stats = Files.createDirectories(sysNet.resolve(name).resolve("statistics"));
        Files.writeString(stats.resolve("rx_bytes"), rx + "\n");
        Files.writeString(stats.resolve("tx_bytes"), tx + "\n");
    }
}
