package vn.loa.controller.cap;

import java.util.Set;

/**
 * Resolves a CAP {@code geocode} whose {@code valueName} is {@code GSO} (the General Statistics Office's code of a
 * Vietnamese administrative unit, mã đơn vị hành chính) to Loa areas: the area carrying that code and every area
 * below it, as they stand at the given instant. Empty when no area carries the code. Implementations must not
 * block for long (a database read is fine) and must be safe to call from several threads.
 */
public interface GsoAreas {
    Set<Long> areasOf(String gsoCode, java.time.Instant at);
}
