package vn.loa.hardware.relay;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.ZoneSwitch;

/**
 * Zone relays by the controller's zone ids. A failing device is reported with every zone wired to
 * it, since they are all affected (an unplugged board silences all its zones).
 */
public final class RelayZoneSwitch implements ZoneSwitch {
    private final Map<Long, Relay> relays;

    public RelayZoneSwitch(Map<Long, Relay> relays) {
        this.relays = new TreeMap<>(relays);
    }

    @Override
    public Set<Long> zones() {
        return java.util.Collections.unmodifiableSortedSet(new TreeSet<>(relays.keySet()));
    }

    @Override
    public void setZone(long zoneId, boolean on) throws HardwareException {
        Relay relay = relay(zoneId);
        try {
            relay.set(on);
        } catch (HardwareException e) {
            throw new HardwareException("zone " + zoneId + " (" + relay.describe() + ") did not switch "
                    + (on ? "on" : "off") + ": " + e.getMessage() + "; zones affected: " + zonesOn(relay.device()), e);
        }
    }

    @Override
    public Set<Long> activeZones() {
        return relays.entrySet().stream().filter(e -> e.getValue().isOn()).map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String describe(long zoneId) {
        Relay relay = relays.get(zoneId);
        return relay == null ? "not wired" : relay.describe();
    }

    @Override
    public Optional<Boolean> readBack(long zoneId) throws HardwareException {
        Relay relay = relay(zoneId);
        try {
            return relay.readBack();
        } catch (HardwareException e) {
            throw new HardwareException("zone " + zoneId + " (" + relay.describe() + ") cannot be read back: "
                    + e.getMessage() + "; zones affected: " + zonesOn(relay.device()), e);
        }
    }

    /** The zones wired to one device, e.g. "4, 5, 6". */
    public String zonesOn(String device) {
        Set<Long> ids = new TreeSet<>();
        relays.forEach((id, r) -> {
            if (r.device().equals(device)) {
                ids.add(id);
            }
        });
        return ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private Relay relay(long zoneId) throws HardwareException {
        Relay relay = relays.get(zoneId);
        if (relay == null) {
            throw new HardwareException("zone " + zoneId + " is not wired at this station (wired: "
                    + relays.keySet() + ")");
        }
        return relay;
    }
}
