package io.dialfleet.events;

public enum RefreshOutcome {
    APPLIED, UNCHANGED, FAILED
}
