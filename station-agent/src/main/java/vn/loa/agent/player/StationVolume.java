package vn.loa.agent.player;

/** The station's volume setting, 0–100 %, applied as software gain (emergencies ignore it). */
public final class StationVolume {
    private volatile int percent = 100;

    public int percent() {
        return percent;
    }

    public void set(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("volume must be 0–100 %, got " + percent);
        }
        this.percent = percent;
    }

    public float gain() {
        return percent / 100f;
    }

    /** The gain a stream of this priority plays at: an emergency at full gain, the rest at the station volume. */
    public float gainFor(vn.loa.protocol.v1.Priority priority) {
        return priority == vn.loa.protocol.v1.Priority.EMERGENCY ? 1f : gain();
    }
}
