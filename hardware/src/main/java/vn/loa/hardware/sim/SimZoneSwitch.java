package vn.loa.hardware.sim;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.ZoneSwitch;

/**
 * Zone relays in memory; each switch is recorded. Built with no zones, it has a relay for any zone
 * id it is asked to switch (the simulated station learns its zones from its plan).
 */
public final class SimZoneSwitch implements ZoneSwitch {
    private final SimEventLog events;
    private final Set<Long> zones = ConcurrentHashMap.newKeySet();
    private final boolean wiredOnDemand;
    private final Set<Long> active = ConcurrentHashMap.newKeySet();
    private final Set<Long> failing = ConcurrentHashMap.newKeySet();

    public SimZoneSwitch(SimEventLog events, Set<Long> zones) {
        this.events = events;
        this.zones.addAll(zones);
        this.wiredOnDemand = zones.isEmpty();
    }

    @Override
    public Set<Long> zones() {
        return Collections.unmodifiableSet(new TreeSet<>(zones));
    }

    @Override
    public void setZone(long zoneId, boolean on) throws HardwareException {
        if (wiredOnDemand) {
            zones.add(zoneId);
        } else if (!zones.contains(zoneId)) {
            throw new HardwareException("zone " + zoneId + " is not wired at this station");
        }
        if (on && failing.contains(zoneId)) {
            throw new HardwareException("zone " + zoneId + ": relay does not respond");
        }
        if (active.contains(zoneId) != on) {
            // recorded before the switch is seen: whoever sees the zone off finds it in the event log
            events.record("zone", "\"zoneId\":" + zoneId + ",\"state\":\"" + (on ? "on" : "off") + "\"");
            if (on) {
                active.add(zoneId);
            } else {
                active.remove(zoneId);
            }
        }
    }

    @Override
    public Set<Long> activeZones() {
        return Set.copyOf(active);
    }

    @Override
    public String describe(long zoneId) {
        return "simulated relay";
    }

    public void simulateFault(long zoneId) {
        failing.add(zoneId);
    }

    public void clearFault(long zoneId) {
        failing.remove(zoneId);
    }
}
