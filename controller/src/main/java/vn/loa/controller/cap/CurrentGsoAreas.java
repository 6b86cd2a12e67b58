package vn.loa.controller.cap;

import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;
import vn.loa.controller.area.Area;
import vn.loa.controller.area.AreaTree;

/** {@link GsoAreas} over today's area tree (codes in {@code area.code}); the instant is not consulted. */
public final class CurrentGsoAreas implements GsoAreas {
    private final Supplier<AreaTree> tree;

    public CurrentGsoAreas(Supplier<AreaTree> tree) {
        this.tree = tree;
    }

    @Override
    public Set<Long> areasOf(String gsoCode, Instant at) {
        AreaTree t = tree.get();
        return t.all().stream().filter(a -> gsoCode.equals(a.code())).findFirst().map(Area::id).map(t::subtree)
                .orElse(Set.of());
    }
}
