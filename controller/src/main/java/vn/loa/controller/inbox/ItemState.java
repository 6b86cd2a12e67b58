package vn.loa.controller.inbox;

/** Where an inbox item stands; PLAYED is added in the sender's view from the as-run log. */
public enum ItemState {
    PENDING, ACCEPTED, DECLINED, EXPIRED, SCHEDULED, PLAYED
}
