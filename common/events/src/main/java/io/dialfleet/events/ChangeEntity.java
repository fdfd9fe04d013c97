package io.dialfleet.events;

public enum ChangeEntity {
    PHONE, ALIAS
}
