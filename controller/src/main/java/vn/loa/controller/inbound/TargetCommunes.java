package vn.loa.controller.inbound;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import vn.loa.controller.area.Area;
import vn.loa.controller.area.AreaKind;
import vn.loa.controller.area.AreaTree;

/**
 * The communes an inbound bulletin goes to, from the areas its GSO codes name (pure): a commune itself; every
 * commune under a province or district; the commune a village lies in.
 */
public final class TargetCommunes {
    private TargetCommunes() {
    }

    public static Set<Long> of(AreaTree tree, Set<Long> areaIds) {
        Set<Long> communes = new LinkedHashSet<>();
        for (long id : areaIds) {
            Optional<Area> area = tree.get(id);
            if (area.isEmpty()) {
                continue;
            }
            switch (area.get().kind()) {
                case COMMUNE -> communes.add(id);
                case PROVINCE, DISTRICT -> tree.subtree(id).stream().sorted()
                        .filter(a -> tree.get(a).map(Area::kind).orElse(null) == AreaKind.COMMUNE)
                        .forEach(communes::add);
                case VILLAGE -> {
                    Long parent = area.get().parentId();
                    while (parent != null && tree.get(parent).map(Area::kind).orElse(null) != AreaKind.COMMUNE) {
                        parent = tree.get(parent).map(Area::parentId).orElse(null);
                    }
                    if (parent != null) {
                        communes.add(parent);
                    }
                }
            }
        }
        return communes;
    }
}
