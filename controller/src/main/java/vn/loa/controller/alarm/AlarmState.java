package vn.loa.controller.alarm;

/**
 * ACTIVE: raised and not yet acknowledged — latched even after its condition ends. ACKNOWLEDGED: a
 * technician has seen it and the condition still holds. CLEARED: acknowledged and the condition ended.
 */
public enum AlarmState {
    ACTIVE, ACKNOWLEDGED, CLEARED
}
