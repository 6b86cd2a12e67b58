package vn.loa.controller.area;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An immutable snapshot of the area tree, for subtree questions. */
public final class AreaTree {
    private final Map<Long, Area> byId = new HashMap<>();
    private final Map<Long, List<Long>> children = new HashMap<>();

    public AreaTree(Collection<Area> areas) {
        for (Area a : areas) {
            byId.put(a.id(), a);
            if (a.parentId() != null) {
                children.computeIfAbsent(a.parentId(), k -> new ArrayList<>()).add(a.id());
            }
        }
    }

    public Optional<Area> get(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    public boolean contains(long id) {
        return byId.containsKey(id);
    }

    /** The area and all areas below it. */
    public Set<Long> subtree(long rootId) {
        Set<Long> out = new HashSet<>();
        Deque<Long> todo = new ArrayDeque<>();
        todo.push(rootId);
        while (!todo.isEmpty()) {
            long id = todo.pop();
            if (out.add(id)) {
                todo.addAll(children.getOrDefault(id, List.of()));
            }
        }
        return out;
    }

    /** True when {@code id} is {@code ancestorId} or below it. */
    public boolean isWithin(long id, long ancestorId) {
        Long cur = id;
        int guard = 0;
        while (cur != null && guard++ < 64) {
            if (cur == ancestorId) {
                return true;
            }
            Area a = byId.get(cur);
            cur = a == null ? null : a.parentId();
        }
        return false;
    }

    public Collection<Area> all() {
        return byId.values();
    }
}
