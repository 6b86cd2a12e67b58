package vn.loa.controller.account;

import vn.loa.controller.area.AreaTree;

/**
 * Where an account may look and act: the subtree of its scope area, or everything (scope null).
 * A station is inside when its area is; a zone when its station or the village it serves is
 * ({@code web.ScopeGuard}, which knows the stations).
 */
public final class Scope {
    private final Long rootAreaId;
    private final AreaTree tree;

    public Scope(Long rootAreaId, AreaTree tree) {
        this.rootAreaId = rootAreaId;
        this.tree = tree;
    }

    public static Scope of(Account account, AreaTree tree) {
        return new Scope(account.scopeAreaId(), tree);
    }

    public boolean everything() {
        return rootAreaId == null;
    }

    public Long rootAreaId() {
        return rootAreaId;
    }

    public boolean containsArea(Long areaId) {
        return everything() || (areaId != null && tree.isWithin(areaId, rootAreaId));
    }

    /** True when the area is above the scope (contains it): a target wider than the scope. */
    public boolean isAbove(long areaId) {
        return !everything() && areaId != rootAreaId && tree.isWithin(rootAreaId, areaId);
    }
}
