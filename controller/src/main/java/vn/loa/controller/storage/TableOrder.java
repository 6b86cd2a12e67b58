package vn.loa.controller.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Orders tables so that every table comes after the tables its foreign keys point to. */
public final class TableOrder {
    private TableOrder() {
    }

    /**
     * @param references each table and the tables it references (itself allowed: a tree such as {@code area})
     * @return every table, referenced tables first, ties by name
     * @throws IllegalArgumentException when tables reference each other in a cycle (no order exists)
     */
    public static List<String> sort(Map<String, Set<String>> references) {
        Map<String, Set<String>> pending = new TreeMap<>();
        references.forEach((table, refs) -> {
            Set<String> others = new TreeSet<>(refs);
            others.remove(table);
            others.retainAll(references.keySet());
            pending.put(table, others);
        });
        List<String> order = new ArrayList<>();
        while (!pending.isEmpty()) {
            List<String> ready = pending.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey)
                    .toList();
            if (ready.isEmpty()) {
                throw new IllegalArgumentException("tables reference each other in a cycle: " + pending.keySet());
            }
            for (String t : ready) {
                pending.remove(t);
                order.add(t);
            }
            pending.values().forEach(refs -> refs.removeAll(ready));
        }
        return order;
    }
}
