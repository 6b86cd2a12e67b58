package vn.loa.hardware.config;

import vn.loa.protocol.hardwarefile.HardwareConfig;
import vn.loa.protocol.hardwarefile.HardwareConfigException;
import vn.loa.protocol.hardwarefile.HardwareConfigParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import vn.loa.hardware.StationHardware;

/**
 * Run in a child JVM: builds a station from the file in args[0] with the real drivers (and so the
 * shutdown hook), switches the amplifier and zone args[1] on, then dies of an uncaught exception
 * without closing anything.
 */
public final class CrashingStation {
    private CrashingStation() {
    }

    public static void main(String[] args) throws Exception {
        StationHardware hardware = HardwareBuilder.build(HardwareConfigParser.parse(Files.readString(Path.of(args[0])),
                args[0]), Clock.systemUTC());
        hardware.amplifier().setPowered(true);
        hardware.zones().setZone(Long.parseLong(args[1]), true);
        System.out.println("ON");
        System.out.flush();
        throw new IllegalStateException("simulated crash while playing");
    }
}
