package vn.loa.protocol.hardwarefile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.loa.protocol.hardwarefile.HardwareConfig.Audio;
import vn.loa.protocol.hardwarefile.HardwareConfig.Board;
import vn.loa.protocol.hardwarefile.HardwareConfig.BoardChannel;
import vn.loa.protocol.hardwarefile.HardwareConfig.BoardType;
import vn.loa.protocol.hardwarefile.HardwareConfig.Defaults;
import vn.loa.protocol.hardwarefile.HardwareConfig.GpioPin;
import vn.loa.protocol.hardwarefile.HardwareConfig.Input;
import vn.loa.protocol.hardwarefile.HardwareConfig.RelayRef;
import vn.loa.protocol.hardwarefile.HardwareConfig.SensorInputs;
import vn.loa.protocol.hardwarefile.HardwareConfig.Timings;
import vn.loa.protocol.hardwarefile.HardwareConfig.Zone;

/**
 * Reads a station's hardware file: {@code key = value} lines, {@code #} or {@code !} comments (a
 * subset of Java properties, without continuation lines; UTF-8). Every error is collected, with its
 * line number, and reported together. The keys are documented in docs/hardware.md:
 *
 * <pre>
 * timing.warmUpMs / holdMs / minRelayIntervalMs
 * amplifier.gpio + amplifier.active (high|low)     or   amplifier.board + amplifier.channel
 * bypass.gpio + bypass.active   or   bypass.board + bypass.channel   (optional: a normally-closed bypass's coil)
 * zone.ID.gpio + zone.ID.active                      or   zone.ID.board + zone.ID.channel;  zone.ID.gainDb
 * sensor.(amplifierFault|mains|door|localMode).gpio / .active / .debounceMs
 * audio.device / gainDb / fadeMs / outputRate
 * board.NAME.type (LCUS|MODBUS) / port / baud / address / channels / timeoutMs / retries
 * </pre>
 */
public final class HardwareConfigParser {
    /** BCM numbers on the 40-pin header; 0 and 1 belong to the HAT identification EEPROM. */
    static final int MIN_PIN = 2;
    static final int MAX_PIN = 27;
    private static final Set<Integer> LCUS_CHANNELS = Set.of(1, 2, 4, 8);

    private static final Pattern TIMING = Pattern.compile("timing\\.(warmUpMs|holdMs|minRelayIntervalMs)");
    private static final Pattern AMPLIFIER = Pattern.compile("amplifier\\.(gpio|active|board|channel)");
    private static final Pattern BYPASS = Pattern.compile("bypass\\.(gpio|active|board|channel)");
    private static final Pattern ZONE = Pattern.compile("zone\\.([^.]+)\\.(gpio|active|board|channel|gainDb)");
    private static final Pattern SENSOR = Pattern.compile("sensor\\.(amplifierFault|mains|door|localMode)\\.(gpio|active|debounceMs)");
    private static final Pattern AUDIO = Pattern.compile("audio\\.(device|gainDb|fadeMs|outputRate)");
    private static final Pattern BOARD = Pattern.compile(
            "board\\.([A-Za-z0-9_-]+)\\.(type|port|baud|address|channels|timeoutMs|retries)");
    private static final List<Pattern> KNOWN = List.of(TIMING, AMPLIFIER, BYPASS, ZONE, SENSOR, AUDIO, BOARD);

    private final ConfigLines lines = new ConfigLines();

    private HardwareConfigParser() {
    }

    public static HardwareConfig parse(Path file) throws IOException, HardwareConfigException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    public static HardwareConfig parse(String text, String source) throws HardwareConfigException {
        HardwareConfigParser p = new HardwareConfigParser();
        HardwareConfig config = p.read(text);
        if (!p.lines.errors().isEmpty()) {
            throw new HardwareConfigException(source, p.lines.errors());
        }
        return config;
    }

    /**
     * Every error of a hardware file, each with its line; empty when the agent would accept it. The controller
     * checks a file pushed to a station with this (docs/configuration.md), the agent parses it with {@link #parse}.
     */
    public static java.util.List<ConfigError> validate(String text) {
        try {
            parse(text, "pushed file");
            return java.util.List.of();
        } catch (HardwareConfigException e) {
            return e.problems();
        }
    }

    private HardwareConfig read(String text) {
        lines.read(text, KNOWN);
        Timings timings = new Timings(lines.millis("timing.warmUpMs", Defaults.WARM_UP),
                lines.millis("timing.holdMs", Defaults.HOLD), lines.millis("timing.minRelayIntervalMs", Defaults.MIN_RELAY_INTERVAL));
        SortedBoards boards = boards();
        RelayRef amplifier = relay("amplifier", "the amplifier");
        if (amplifier == null && !lines.has("amplifier.gpio") && !lines.has("amplifier.board")) {
            lines.error("the amplifier relay is missing: set amplifier.gpio (and amplifier.active) or amplifier.board "
                    + "and amplifier.channel");
        }
        TreeMap<Long, Zone> zones = zones();
        SensorInputs sensors = new SensorInputs(input("amplifierFault"), input("mains"), input("door"), input("localMode"));
        Audio audio = new Audio(lines.text("audio.device", ""), lines.decimal("audio.gainDb", 0, -60, 20),
                lines.millis("audio.fadeMs", Defaults.FADE), lines.integer("audio.outputRate", 0, 0, 192_000));
        // the coil of a normally-closed bypass contactor: optional (docs/hardware.md#local-mode-and-a-normally-closed-bypass)
        java.util.Optional<RelayRef> bypass = java.util.Optional.ofNullable(relay("bypass", "the bypass coil"));
        checkWiring(amplifier, bypass, zones, sensors, boards.map());
        return new HardwareConfig(timings, amplifier, zones, boards.map(), sensors, audio, bypass);
    }

    private record SortedBoards(TreeMap<String, Board> map) {
    }

    private SortedBoards boards() {
        TreeMap<String, Board> boards = new TreeMap<>();
        Set<String> names = new TreeSet<>();
        for (String key : lines.keys()) {
            Matcher m = BOARD.matcher(key);
            if (m.matches()) {
                names.add(m.group(1));
            }
        }
        Map<String, String> portOwner = new TreeMap<>();
        for (String name : names) {
            String p = "board." + name + ".";
            String typeText = lines.text(p + "type", "");
            BoardType type = null;
            if (typeText.isEmpty()) {
                lines.error("board " + name + ": type is missing (" + p + "type = LCUS or MODBUS)");
            } else {
                try {
                    type = BoardType.valueOf(typeText.toUpperCase());
                } catch (IllegalArgumentException e) {
                    lines.errorAt(p + "type", "board " + name + " has type '" + typeText
                            + "', which is not supported (use LCUS or MODBUS)");
                }
            }
            String port = lines.text(p + "port", "");
            if (port.isEmpty()) {
                lines.error("board " + name + ": port is missing (e.g. " + p + "port = /dev/ttyUSB0)");
            }
            int channels = lines.integer(p + "channels", 0, 1, 64);
            if (!lines.has(p + "channels")) {
                lines.error("board " + name + ": channels is missing (" + p + "channels = 1, 2, 4, 8, ...)");
            }
            if (type == BoardType.LCUS) {
                if (lines.has(p + "channels") && !LCUS_CHANNELS.contains(channels)) {
                    lines.errorAt(p + "channels", "LCUS boards have 1, 2, 4 or 8 channels");
                }
                for (String modbusOnly : List.of("address", "timeoutMs", "retries")) {
                    if (lines.has(p + modbusOnly)) {
                        lines.errorAt(p + modbusOnly, "board " + name
                                + " is an LCUS board, which has no " + modbusOnly + " (Modbus boards do)");
                    }
                }
            }
            int baud = lines.integer(p + "baud", type == BoardType.MODBUS ? Defaults.MODBUS_BAUD : Defaults.LCUS_BAUD, 1200,
                    921_600);
            int address = type == BoardType.MODBUS ? lines.integer(p + "address", Defaults.MODBUS_ADDRESS, 1, 247) : 0;
            Duration timeout = type == BoardType.MODBUS ? lines.millis(p + "timeoutMs", Defaults.MODBUS_TIMEOUT) : Duration.ZERO;
            if (type == BoardType.MODBUS && timeout.isZero()) {
                lines.errorAt(p + "timeoutMs", "the timeout must be more than 0 ms");
            }
            int retries = type == BoardType.MODBUS ? lines.integer(p + "retries", Defaults.MODBUS_RETRIES, 0, 10) : 0;
            if (!port.isEmpty() && type != null) {
                String owner = portOwner.get(port);
                if (owner != null) {
                    Board other = boards.get(owner);
                    if (type != BoardType.MODBUS || other == null || other.type() != BoardType.MODBUS) {
                        lines.error("boards " + owner + " and " + name + " both use port " + port
                                + " (only Modbus boards with different addresses can share a port)");
                    } else if (other.address() == address) {
                        lines.error("boards " + owner + " and " + name + " share port " + port + " and address "
                                + address + "; give each board its own address");
                    } else if (other.baud() != baud) {
                        lines.error("boards " + owner + " and " + name + " share port " + port
                                + " at different baud rates (" + other.baud() + " and " + baud + ")");
                    }
                } else {
                    portOwner.put(port, name);
                }
            }
            if (type != null) { // kept even without a port, for the checks of the relays that use it
                boards.put(name, new Board(name, type, port, baud, address, Math.max(channels, 1), timeout, retries));
            }
        }
        return new SortedBoards(boards);
    }

    private TreeMap<Long, Zone> zones() {
        TreeMap<Long, Zone> zones = new TreeMap<>();
        Map<Long, String> spelledAs = new TreeMap<>();
        Set<String> ids = new TreeSet<>();
        for (String key : lines.keys()) {
            Matcher m = ZONE.matcher(key);
            if (m.matches()) {
                ids.add(m.group(1));
            }
        }
        for (String idText : ids) {
            long id;
            try {
                id = Long.parseLong(idText);
            } catch (NumberFormatException e) {
                id = -1;
            }
            if (id <= 0) {
                lines.error("zone '" + idText + "': zones are keyed by the controller's zone id, a positive number "
                        + "(e.g. zone.4.gpio)");
                continue;
            }
            String p = "zone." + idText + ".";
            RelayRef relay = relay("zone." + idText, "zone " + id);
            if (relay == null && !lines.has(p + "gpio") && !lines.has(p + "board")) {
                lines.error("zone " + id + ": no relay (set " + p + "gpio or " + p + "board and " + p + "channel)");
            }
            double gain = lines.decimal(p + "gainDb", 0, -60, 20);
            String first = spelledAs.putIfAbsent(id, idText);
            if (first != null) {
                lines.error("zone " + id + " is mapped twice (as zone." + first + " and zone." + idText + ")");
            } else if (relay != null) {
                zones.put(id, new Zone(id, relay, gain));
            }
        }
        if (ids.isEmpty()) {
            lines.error("no zones: map each of the station's zones to a relay (e.g. zone.4.gpio = 17)");
        }
        return zones;
    }

    /** A relay under a prefix: .gpio + .active, or .board + .channel; null (error added) when invalid. */
    private RelayRef relay(String prefix, String what) {
        boolean gpio = lines.has(prefix + ".gpio");
        boolean board = lines.has(prefix + ".board");
        if (gpio && board) {
            lines.error(what + " is mapped twice: to " + lines.where(prefix + ".gpio") + " and to "
                    + lines.where(prefix + ".board") + "; keep one");
            return null;
        }
        if (gpio) {
            if (lines.has(prefix + ".channel")) {
                lines.errorAt(prefix + ".channel", "a channel belongs to a board, but " + what
                        + " is on a GPIO pin");
            }
            Integer pin = lines.pin(prefix + ".gpio");
            Boolean activeHigh = lines.level(prefix + ".active");
            return pin == null || activeHigh == null ? null : new GpioPin(pin, activeHigh);
        }
        if (board) {
            if (lines.has(prefix + ".active")) {
                lines.errorAt(prefix + ".active", "the active level belongs to a GPIO pin, but "
                        + what + " is on a board");
            }
            String name = lines.text(prefix + ".board", "");
            if (!lines.has(prefix + ".channel")) {
                lines.error(what + ": the board channel is missing (" + prefix + ".channel = 1, 2, ...)");
                return null;
            }
            int channel = lines.integer(prefix + ".channel", 0, 1, 64);
            return channel < 1 ? null : new BoardChannel(name, channel);
        }
        for (String stray : List.of(".active", ".channel")) {
            if (lines.has(prefix + stray)) {
                lines.errorAt(prefix + stray, what + " has no relay (gpio or board)");
            }
        }
        return null;
    }

    private Optional<Input> input(String name) {
        String p = "sensor." + name + ".";
        if (!lines.has(p + "gpio")) {
            for (String stray : List.of("active", "debounceMs")) {
                if (lines.has(p + stray)) {
                    lines.errorAt(p + stray, "sensor " + name + " has no pin (" + p + "gpio)");
                }
            }
            return Optional.empty();
        }
        Integer pin = lines.pin(p + "gpio");
        Boolean activeHigh = lines.level(p + "active");
        Duration debounce = lines.millis(p + "debounceMs", Defaults.DEBOUNCE);
        return pin == null || activeHigh == null ? Optional.empty() : Optional.of(new Input(pin, activeHigh, debounce));
    }

    /** Relays and inputs must not share a GPIO pin or a board channel; boards must exist and have the channel. */
    private void checkWiring(RelayRef amplifier, java.util.Optional<RelayRef> bypass, Map<Long, Zone> zones,
            SensorInputs sensors, Map<String, Board> boards) {
        Map<String, String> users = new TreeMap<>();
        List<Map.Entry<String, RelayRef>> relays = new ArrayList<>();
        if (amplifier != null) {
            relays.add(Map.entry("the amplifier", amplifier));
        }
        bypass.ifPresent(b -> relays.add(Map.entry("the bypass coil", b)));
        zones.values().forEach(z -> relays.add(Map.entry("zone " + z.id(), z.relay())));
        for (Map.Entry<String, RelayRef> r : relays) {
            String user = r.getKey();
            String place;
            if (r.getValue() instanceof BoardChannel bc) {
                Board board = boards.get(bc.board());
                if (board == null) {
                    if (!lines.has("board." + bc.board() + ".type")) {
                        lines.error(user + ": board '" + bc.board() + "' is not defined"
                                + (boards.isEmpty() ? " (no boards are defined: add board." + bc.board() + ".type, .port, .channels)"
                                        : " (defined: " + String.join(", ", boards.keySet()) + ")"));
                    }
                    continue;
                }
                if (bc.channel() > board.channels()) {
                    lines.error(user + ": board " + bc.board() + " has " + board.channels() + " channels, not "
                            + bc.channel());
                }
                place = "board " + bc.board() + " channel " + bc.channel();
            } else {
                place = "GPIO " + ((GpioPin) r.getValue()).pin();
            }
            claim(users, place, user);
        }
        sensors.amplifierFault().ifPresent(i -> claim(users, "GPIO " + i.pin(), "the amplifier fault input"));
        sensors.mains().ifPresent(i -> claim(users, "GPIO " + i.pin(), "the mains input"));
        sensors.door().ifPresent(i -> claim(users, "GPIO " + i.pin(), "the door input"));
        sensors.localMode().ifPresent(i -> claim(users, "GPIO " + i.pin(), "the local-mode switch"));
    }

    private void claim(Map<String, String> users, String place, String user) {
        String previous = users.putIfAbsent(place, user);
        if (previous != null) {
            lines.error(place + " is used twice: by " + previous + " and by " + user + "; each needs its own");
        }
    }
}
