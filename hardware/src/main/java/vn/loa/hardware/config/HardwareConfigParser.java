package vn.loa.hardware.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.loa.hardware.config.HardwareConfig.Audio;
import vn.loa.hardware.config.HardwareConfig.Board;
import vn.loa.hardware.config.HardwareConfig.BoardChannel;
import vn.loa.hardware.config.HardwareConfig.BoardType;
import vn.loa.hardware.config.HardwareConfig.Defaults;
import vn.loa.hardware.config.HardwareConfig.GpioPin;
import vn.loa.hardware.config.HardwareConfig.Input;
import vn.loa.hardware.config.HardwareConfig.RelayRef;
import vn.loa.hardware.config.HardwareConfig.SensorInputs;
import vn.loa.hardware.config.HardwareConfig.Timings;
import vn.loa.hardware.config.HardwareConfig.Zone;

/**
 * Reads a station's hardware file: {@code key = value} lines, {@code #} or {@code !} comments (a
 * subset of Java properties, without continuation lines; UTF-8). Every error is collected, with its
 * line number, and reported together. The keys are documented in docs/hardware.md:
 *
 * <pre>
 * timing.warmUpMs / holdMs / minRelayIntervalMs
 * amplifier.gpio + amplifier.active (high|low)     or   amplifier.board + amplifier.channel
 * zone.ID.gpio + zone.ID.active                      or   zone.ID.board + zone.ID.channel;  zone.ID.gainDb
 * sensor.(amplifierFault|mains|door).gpio / .active / .debounceMs
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
    private static final Pattern ZONE = Pattern.compile("zone\\.([^.]+)\\.(gpio|active|board|channel|gainDb)");
    private static final Pattern SENSOR = Pattern.compile("sensor\\.(amplifierFault|mains|door)\\.(gpio|active|debounceMs)");
    private static final Pattern AUDIO = Pattern.compile("audio\\.(device|gainDb|fadeMs|outputRate)");
    private static final Pattern BOARD = Pattern.compile(
            "board\\.([A-Za-z0-9_-]+)\\.(type|port|baud|address|channels|timeoutMs|retries)");
    private static final List<Pattern> KNOWN = List.of(TIMING, AMPLIFIER, ZONE, SENSOR, AUDIO, BOARD);

    private record Entry(String key, String value, int line) {
        String where() {
            return "line " + line + " (" + key + " = " + value + ")";
        }
    }

    private final List<String> errors = new ArrayList<>();
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private HardwareConfigParser() {
    }

    public static HardwareConfig parse(Path file) throws IOException, HardwareConfigException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    public static HardwareConfig parse(String text, String source) throws HardwareConfigException {
        HardwareConfigParser p = new HardwareConfigParser();
        HardwareConfig config = p.read(text);
        if (!p.errors.isEmpty()) {
            throw new HardwareConfigException(source, p.errors);
        }
        return config;
    }

    private HardwareConfig read(String text) {
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            readLine(lines[i].strip(), i + 1);
        }
        Timings timings = new Timings(millis("timing.warmUpMs", Defaults.WARM_UP),
                millis("timing.holdMs", Defaults.HOLD), millis("timing.minRelayIntervalMs", Defaults.MIN_RELAY_INTERVAL));
        SortedBoards boards = boards();
        RelayRef amplifier = relay("amplifier", "the amplifier");
        if (amplifier == null && !has("amplifier.gpio") && !has("amplifier.board")) {
            errors.add("the amplifier relay is missing: set amplifier.gpio (and amplifier.active) or amplifier.board "
                    + "and amplifier.channel");
        }
        TreeMap<Long, Zone> zones = zones();
        SensorInputs sensors = new SensorInputs(input("amplifierFault"), input("mains"), input("door"));
        Audio audio = new Audio(text("audio.device", ""), decimal("audio.gainDb", 0, -60, 20),
                millis("audio.fadeMs", Defaults.FADE), integer("audio.outputRate", 0, 0, 192_000));
        checkWiring(amplifier, zones, sensors, boards.map());
        return new HardwareConfig(timings, amplifier, zones, boards.map(), sensors, audio);
    }

    private void readLine(String line, int number) {
        if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
            return;
        }
        int sep = line.indexOf('=');
        if (sep < 0) {
            sep = line.indexOf(':');
        }
        if (sep <= 0) {
            errors.add("line " + number + ": '" + line + "' is not 'key = value'");
            return;
        }
        String key = line.substring(0, sep).strip();
        String value = line.substring(sep + 1).strip();
        Entry previous = entries.get(key);
        if (previous != null) {
            errors.add("line " + number + ": " + key + " is set twice (first on line " + previous.line()
                    + "); keep one");
            return;
        }
        if (KNOWN.stream().noneMatch(p -> p.matcher(key).matches())) {
            errors.add("line " + number + ": unknown setting '" + key + "' (see docs/hardware.md for the keys)");
            return;
        }
        entries.put(key, new Entry(key, value, number));
    }

    private record SortedBoards(TreeMap<String, Board> map) {
    }

    private SortedBoards boards() {
        TreeMap<String, Board> boards = new TreeMap<>();
        Set<String> names = new TreeSet<>();
        for (String key : entries.keySet()) {
            Matcher m = BOARD.matcher(key);
            if (m.matches()) {
                names.add(m.group(1));
            }
        }
        Map<String, String> portOwner = new TreeMap<>();
        for (String name : names) {
            String p = "board." + name + ".";
            String typeText = text(p + "type", "");
            BoardType type = null;
            if (typeText.isEmpty()) {
                errors.add("board " + name + ": type is missing (" + p + "type = LCUS or MODBUS)");
            } else {
                try {
                    type = BoardType.valueOf(typeText.toUpperCase());
                } catch (IllegalArgumentException e) {
                    errors.add(entries.get(p + "type").where() + ": board " + name + " has type '" + typeText
                            + "', which is not supported (use LCUS or MODBUS)");
                }
            }
            String port = text(p + "port", "");
            if (port.isEmpty()) {
                errors.add("board " + name + ": port is missing (e.g. " + p + "port = /dev/ttyUSB0)");
            }
            int channels = integer(p + "channels", 0, 1, 64);
            if (!has(p + "channels")) {
                errors.add("board " + name + ": channels is missing (" + p + "channels = 1, 2, 4, 8, ...)");
            }
            if (type == BoardType.LCUS) {
                if (has(p + "channels") && !LCUS_CHANNELS.contains(channels)) {
                    errors.add(entries.get(p + "channels").where() + ": LCUS boards have 1, 2, 4 or 8 channels");
                }
                for (String modbusOnly : List.of("address", "timeoutMs", "retries")) {
                    if (has(p + modbusOnly)) {
                        errors.add(entries.get(p + modbusOnly).where() + ": board " + name
                                + " is an LCUS board, which has no " + modbusOnly + " (Modbus boards do)");
                    }
                }
            }
            int baud = integer(p + "baud", type == BoardType.MODBUS ? Defaults.MODBUS_BAUD : Defaults.LCUS_BAUD, 1200,
                    921_600);
            int address = type == BoardType.MODBUS ? integer(p + "address", Defaults.MODBUS_ADDRESS, 1, 247) : 0;
            Duration timeout = type == BoardType.MODBUS ? millis(p + "timeoutMs", Defaults.MODBUS_TIMEOUT) : Duration.ZERO;
            if (type == BoardType.MODBUS && timeout.isZero()) {
                errors.add(entries.get(p + "timeoutMs").where() + ": the timeout must be more than 0 ms");
            }
            int retries = type == BoardType.MODBUS ? integer(p + "retries", Defaults.MODBUS_RETRIES, 0, 10) : 0;
            if (!port.isEmpty() && type != null) {
                String owner = portOwner.get(port);
                if (owner != null) {
                    Board other = boards.get(owner);
                    if (type != BoardType.MODBUS || other == null || other.type() != BoardType.MODBUS) {
                        errors.add("boards " + owner + " and " + name + " both use port " + port
                                + " (only Modbus boards with different addresses can share a port)");
                    } else if (other.address() == address) {
                        errors.add("boards " + owner + " and " + name + " share port " + port + " and address "
                                + address + "; give each board its own address");
                    } else if (other.baud() != baud) {
                        errors.add("boards " + owner + " and " + name + " share port " + port
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
        for (String key : entries.keySet()) {
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
                errors.add("zone '" + idText + "': zones are keyed by the controller's zone id, a positive number "
                        + "(e.g. zone.4.gpio)");
                continue;
            }
            String p = "zone." + idText + ".";
            RelayRef relay = relay("zone." + idText, "zone " + id);
            if (relay == null && !has(p + "gpio") && !has(p + "board")) {
                errors.add("zone " + id + ": no relay (set " + p + "gpio or " + p + "board and " + p + "channel)");
            }
            double gain = decimal(p + "gainDb", 0, -60, 20);
            String first = spelledAs.putIfAbsent(id, idText);
            if (first != null) {
                errors.add("zone " + id + " is mapped twice (as zone." + first + " and zone." + idText + ")");
            } else if (relay != null) {
                zones.put(id, new Zone(id, relay, gain));
            }
        }
        if (ids.isEmpty()) {
            errors.add("no zones: map each of the station's zones to a relay (e.g. zone.4.gpio = 17)");
        }
        return zones;
    }

    /** A relay under a prefix: .gpio + .active, or .board + .channel; null (error added) when invalid. */
    private RelayRef relay(String prefix, String what) {
        boolean gpio = has(prefix + ".gpio");
        boolean board = has(prefix + ".board");
        if (gpio && board) {
            errors.add(what + " is mapped twice: to " + entries.get(prefix + ".gpio").where() + " and to "
                    + entries.get(prefix + ".board").where() + "; keep one");
            return null;
        }
        if (gpio) {
            if (has(prefix + ".channel")) {
                errors.add(entries.get(prefix + ".channel").where() + ": a channel belongs to a board, but " + what
                        + " is on a GPIO pin");
            }
            Integer pin = pin(prefix + ".gpio");
            Boolean activeHigh = level(prefix + ".active");
            return pin == null || activeHigh == null ? null : new GpioPin(pin, activeHigh);
        }
        if (board) {
            if (has(prefix + ".active")) {
                errors.add(entries.get(prefix + ".active").where() + ": the active level belongs to a GPIO pin, but "
                        + what + " is on a board");
            }
            String name = text(prefix + ".board", "");
            if (!has(prefix + ".channel")) {
                errors.add(what + ": the board channel is missing (" + prefix + ".channel = 1, 2, ...)");
                return null;
            }
            int channel = integer(prefix + ".channel", 0, 1, 64);
            return channel < 1 ? null : new BoardChannel(name, channel);
        }
        for (String stray : List.of(".active", ".channel")) {
            if (has(prefix + stray)) {
                errors.add(entries.get(prefix + stray).where() + ": " + what + " has no relay (gpio or board)");
            }
        }
        return null;
    }

    private Optional<Input> input(String name) {
        String p = "sensor." + name + ".";
        if (!has(p + "gpio")) {
            for (String stray : List.of("active", "debounceMs")) {
                if (has(p + stray)) {
                    errors.add(entries.get(p + stray).where() + ": sensor " + name + " has no pin (" + p + "gpio)");
                }
            }
            return Optional.empty();
        }
        Integer pin = pin(p + "gpio");
        Boolean activeHigh = level(p + "active");
        Duration debounce = millis(p + "debounceMs", Defaults.DEBOUNCE);
        return pin == null || activeHigh == null ? Optional.empty() : Optional.of(new Input(pin, activeHigh, debounce));
    }

    /** Relays and inputs must not share a GPIO pin or a board channel; boards must exist and have the channel. */
    private void checkWiring(RelayRef amplifier, Map<Long, Zone> zones, SensorInputs sensors, Map<String, Board> boards) {
        Map<String, String> users = new TreeMap<>();
        List<Map.Entry<String, RelayRef>> relays = new ArrayList<>();
        if (amplifier != null) {
            relays.add(Map.entry("the amplifier", amplifier));
        }
        zones.values().forEach(z -> relays.add(Map.entry("zone " + z.id(), z.relay())));
        for (Map.Entry<String, RelayRef> r : relays) {
            String user = r.getKey();
            String place;
            if (r.getValue() instanceof BoardChannel bc) {
                Board board = boards.get(bc.board());
                if (board == null) {
                    if (!has("board." + bc.board() + ".type")) {
                        errors.add(user + ": board '" + bc.board() + "' is not defined"
                                + (boards.isEmpty() ? " (no boards are defined: add board." + bc.board() + ".type, .port, .channels)"
                                        : " (defined: " + String.join(", ", boards.keySet()) + ")"));
                    }
                    continue;
                }
                if (bc.channel() > board.channels()) {
                    errors.add(user + ": board " + bc.board() + " has " + board.channels() + " channels, not "
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
    }

    private void claim(Map<String, String> users, String place, String user) {
        String previous = users.putIfAbsent(place, user);
        if (previous != null) {
            errors.add(place + " is used twice: by " + previous + " and by " + user + "; each needs its own");
        }
    }

    private boolean has(String key) {
        return entries.containsKey(key);
    }

    private String text(String key, String fallback) {
        Entry e = entries.get(key);
        return e == null ? fallback : e.value();
    }

    private Integer pin(String key) {
        Entry e = entries.get(key);
        int pin = integer(key, -1, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (pin == -1 && !isInteger(e.value())) {
            return null;
        }
        if (pin < MIN_PIN || pin > MAX_PIN) {
            errors.add(e.where() + ": unknown pin GPIO " + pin + " (use the BCM number of a header pin, " + MIN_PIN
                    + "–" + MAX_PIN + "; GPIO 0 and 1 are reserved for HAT identification)");
            return null;
        }
        return pin;
    }

    private Boolean level(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            return Boolean.TRUE;
        }
        return switch (e.value().toLowerCase()) {
            case "high", "active-high" -> Boolean.TRUE;
            case "low", "active-low" -> Boolean.FALSE;
            default -> {
                errors.add(e.where() + ": the active level must be 'high' or 'low'");
                yield null;
            }
        };
    }

    private int integer(String key, int fallback, int min, int max) {
        Entry e = entries.get(key);
        if (e == null) {
            return fallback;
        }
        if (!isInteger(e.value())) {
            errors.add(e.where() + ": not a whole number");
            return fallback;
        }
        long v = Long.parseLong(e.value());
        if (v < min || v > max) {
            errors.add(e.where() + ": must be between " + min + " and " + max);
            return fallback;
        }
        return (int) v;
    }

    private double decimal(String key, double fallback, double min, double max) {
        Entry e = entries.get(key);
        if (e == null) {
            return fallback;
        }
        try {
            double v = Double.parseDouble(e.value());
            if (v < min || v > max || Double.isNaN(v)) {
                errors.add(e.where() + ": must be between " + min + " and " + max);
                return fallback;
            }
            return v;
        } catch (NumberFormatException ex) {
            errors.add(e.where() + ": not a number (e.g. -3.5)");
            return fallback;
        }
    }

    private Duration millis(String key, Duration fallback) {
        Entry e = entries.get(key);
        if (e == null) {
            return fallback;
        }
        return Duration.ofMillis(integer(key, (int) fallback.toMillis(), 0, 600_000));
    }

    private static boolean isInteger(String s) {
        return s.matches("-?\\d{1,9}");
    }
}
