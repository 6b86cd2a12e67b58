package vn.loa.hardware;

/** The power relay of the station's amplifier. */
public interface Amplifier {
    void setPowered(boolean on) throws HardwareException;

    boolean isPowered();
}
