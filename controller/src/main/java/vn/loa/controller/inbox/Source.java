package vn.loa.controller.inbox;

/** Who filled the inbox: a person's account, or the province's own system (bulletins by GSO code). */
public enum Source {
    PERSON, PROVINCE_SYSTEM
}
