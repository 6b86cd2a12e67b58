package vn.loa.hardware.config;

import vn.loa.protocol.hardwarefile.HardwareConfig;
import vn.loa.protocol.hardwarefile.HardwareConfigException;
import vn.loa.protocol.hardwarefile.HardwareConfigParser;
import com.pi4j.context.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.StationHardware;
import vn.loa.protocol.hardwarefile.HardwareConfig.Board;
import vn.loa.protocol.hardwarefile.HardwareConfig.BoardChannel;
import vn.loa.protocol.hardwarefile.HardwareConfig.Defaults;
import vn.loa.protocol.hardwarefile.HardwareConfig.GpioPin;
import vn.loa.protocol.hardwarefile.HardwareConfig.Input;
import vn.loa.protocol.hardwarefile.HardwareConfig.RelayRef;
import vn.loa.hardware.gpio.GpioContext;
import vn.loa.hardware.gpio.GpioInput;
import vn.loa.hardware.gpio.GpioRelay;
import vn.loa.hardware.relay.InputLine;
import vn.loa.hardware.relay.LineSensors;
import vn.loa.hardware.relay.PacedRelay;
import vn.loa.hardware.relay.Relay;
import vn.loa.hardware.relay.RelayAmplifier;
import vn.loa.hardware.relay.RelayZoneSwitch;
import vn.loa.hardware.relay.Sleeper;
import vn.loa.hardware.serial.BoardRelay;
import vn.loa.hardware.serial.LcusBoard;
import vn.loa.hardware.serial.ModbusRtuBoard;
import vn.loa.hardware.serial.RelayBoard;
import vn.loa.hardware.serial.SerialConnection;
import vn.loa.hardware.serial.SerialLinkOpener;
import vn.loa.hardware.sound.JavaSoundOutput;
import vn.loa.hardware.sound.SoundSettings;

/**
 * Builds a station's real devices from its {@link HardwareConfig}: GPIO relays and inputs (Pi4J),
 * serial relay boards, the Java Sound output. Every relay starts off (GPIO initial state; boards are
 * sent all-off), is paced by the minimum relay interval, and is off again at close, in the fixed
 * order of {@link StationHardware} (audio, zones, amplifier, then ports, then the GPIO context, whose
 * shutdown states are "off"); a JVM shutdown hook runs that close if nobody else does.
 */
public final class HardwareBuilder {
    private static final Logger log = LoggerFactory.getLogger(HardwareBuilder.class);

    /**
     * The driver back-ends: real ones by default, Pi4J's mock context and pseudo-terminals in tests.
     *
     * @param gpio         creates the Pi4J context (only called when the configuration uses GPIO)
     * @param serial       opens serial ports
     * @param sleeper      waits (relay pacing, LCUS frame gap)
     * @param shutdownHook whether to register a JVM shutdown hook that makes the station safe
     */
    public record Drivers(Supplier<Context> gpio, SerialLinkOpener serial, Sleeper sleeper, boolean shutdownHook) {
        public static Drivers real() {
            return new Drivers(GpioContext.auto(), SerialLinkOpener.JSSC, Sleeper.REAL, true);
        }

        /**
         * The real drivers for a program that closes the station itself from its own shutdown path (the
         * agent): no second hook that could race it and reopen a port after it was closed.
         */
        public static Drivers realOwnedByCaller() {
            return new Drivers(GpioContext.auto(), SerialLinkOpener.JSSC, Sleeper.REAL, false);
        }
    }

    private final Drivers drivers;

    public HardwareBuilder(Drivers drivers) {
        this.drivers = drivers;
    }

    /** The station's real hardware, with a shutdown hook. */
    public static StationHardware build(HardwareConfig config, Clock clock) throws HardwareException {
        return new HardwareBuilder(Drivers.real()).create(config, clock);
    }

    public StationHardware create(HardwareConfig config, Clock clock) throws HardwareException {
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            Map<String, RelayBoard> boards = boards(config, clock, resources);
            GpioContext gpio = null;
            if (config.usesGpio()) {
                try {
                    gpio = new GpioContext(drivers.gpio().get());
                } catch (RuntimeException e) {
                    throw new HardwareException("cannot open the GPIO (is this a Raspberry Pi, and is the user in "
                            + "group 'gpio'?): " + e.getMessage(), e);
                }
                resources.add(gpio); // after the boards: closed last
            }
            Duration interval = config.timings().minRelayInterval();
            Relay amplifierRelay = new PacedRelay(relay(config.amplifier(), "amplifier-relay", gpio, boards), interval,
                    clock, drivers.sleeper());
            Map<Long, Relay> zoneRelays = new TreeMap<>();
            for (HardwareConfig.Zone z : config.zones().values()) {
                zoneRelays.put(z.id(), new PacedRelay(relay(z.relay(), "zone-" + z.id() + "-relay", gpio, boards),
                        interval, clock, drivers.sleeper()));
            }
            RelayZoneSwitch zones = new RelayZoneSwitch(zoneRelays);
            LineSensors sensors = new LineSensors(input(config.sensors().amplifierFault(), "amplifier-fault", gpio, clock),
                    input(config.sensors().mains(), "mains-present", gpio, clock),
                    input(config.sensors().door(), "door-open", gpio, clock),
                    input(config.sensors().localMode(), "local-mode", gpio, clock));
            HardwareConfig.Audio a = config.audio();
            JavaSoundOutput audio = new JavaSoundOutput(new SoundSettings(a.device(), a.gainDb(), config.zoneGains(),
                    a.fade(), a.outputRate(), SoundSettings.DEFAULT_BUFFER), zones::activeZones);
            ShutdownHook hook = new ShutdownHook();
            if (drivers.shutdownHook()) {
                resources.add(hook);
            }
            vn.loa.hardware.Bypass bypass = vn.loa.hardware.Bypass.none();
            if (config.bypass().isPresent()) {
                bypass = new vn.loa.hardware.relay.RelayBypass(new PacedRelay(relay(config.bypass().get(), "bypass-coil",
                        gpio, boards), interval, clock, drivers.sleeper()));
            }
            StationHardware hardware = new StationHardware(new RelayAmplifier(amplifierRelay), zones, audio, sensors,
                    bypass, boardCheck(config, boards), resources);
            if (drivers.shutdownHook()) {
                hook.arm(hardware::close);
            }
            return hardware;
        } catch (HardwareException | RuntimeException e) {
            for (int i = resources.size() - 1; i >= 0; i--) {
                try {
                    resources.get(i).close();
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    /** Each board with the zones and the amplifier wired to it. */
    private static BoardCheck boardCheck(HardwareConfig config, Map<String, RelayBoard> boards) {
        Map<String, BoardCheck.Wired> wired = new TreeMap<>();
        boards.forEach((name, board) -> {
            java.util.Set<Long> zones = new java.util.TreeSet<>();
            config.zones().values().forEach(z -> {
                if (z.relay() instanceof BoardChannel bc && bc.board().equals(name)) {
                    zones.add(z.id());
                }
            });
            boolean amplifier = config.amplifier() instanceof BoardChannel bc && bc.board().equals(name);
            wired.put(name, new BoardCheck.Wired(board, zones, amplifier));
        });
        return new BoardCheck(wired, config.zones().keySet());
    }

    private Map<String, RelayBoard> boards(HardwareConfig config, Clock clock, List<AutoCloseable> resources) {
        Map<String, SerialConnection> ports = new HashMap<>();
        Map<String, RelayBoard> boards = new TreeMap<>();
        for (Board b : config.boards().values()) {
            // Modbus boards on one RS-485 bus share the port
            SerialConnection connection = ports.computeIfAbsent(b.port(), port -> {
                SerialConnection c = new SerialConnection("board " + b.name(), port, b.baud(), drivers.serial(), clock,
                        Defaults.REOPEN_BACKOFF_MIN, Defaults.REOPEN_BACKOFF_MAX);
                resources.add(c);
                return c;
            });
            RelayBoard board = switch (b.type()) {
                case LCUS -> new LcusBoard(b.name(), b.channels(), connection, LcusBoard.DEFAULT_FRAME_GAP, clock,
                        drivers.sleeper());
                case MODBUS -> new ModbusRtuBoard(b.name(), b.address(), b.channels(), b.timeout(), b.retries(),
                        connection, clock);
            };
            boards.put(b.name(), board);
            try {
                board.allOff();
            } catch (HardwareException e) {
                // the station still starts: other zones can play, and the board is retried on every command
                log.error("{}: cannot switch all relays off at start: {}", board.describe(), e.getMessage());
            }
        }
        return boards;
    }

    private static Relay relay(RelayRef ref, String id, GpioContext gpio, Map<String, RelayBoard> boards)
            throws HardwareException {
        return switch (ref) {
            case GpioPin p -> new GpioRelay(gpio.context(), id, p.pin(), p.activeHigh());
            case BoardChannel bc -> new BoardRelay(boards.get(bc.board()), bc.channel());
        };
    }

    private static InputLine input(java.util.Optional<Input> input, String id, GpioContext gpio, Clock clock)
            throws HardwareException {
        if (input.isEmpty()) {
            return null;
        }
        Input i = input.get();
        return new GpioInput(gpio.context(), id, i.pin(), i.activeHigh(), i.debounce(), clock);
    }
}
