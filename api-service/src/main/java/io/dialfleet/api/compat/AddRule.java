package io.dialfleet.api.compat;

/**
 * What add_phone does with a phone field (docs/spec/non-agent-api.md §5.1, §5.3, §5.4).
 *
 * @param minLength for {@link Kind#REQUIRED}: the shortest value that passes the required-fields check
 * @param fallback  for {@link Kind#OR_ELSE}: what an empty value stores
 */
record AddRule(Kind kind, int minLength, String fallback) {

    enum Kind {
        /** Part of the required-fields check and its DATA; stored as sent. */
        REQUIRED,
        /** Optional; an empty value stores {@code fallback}. */
        OR_ELSE,
        /** A webphone flag: stored upper-cased when valid, otherwise ignored (§5.3). */
        FLAG,
        /** Looked at from 2 characters; must name an existing template (§5.3). */
        TEMPLATE,
        /** add_phone does not read it; the column keeps its default (A46). */
        NOT_READ
    }

    static AddRule required() {
        return requiredFrom(1);
    }

    static AddRule requiredFrom(int minLength) {
        return new AddRule(Kind.REQUIRED, minLength, "");
    }

    static AddRule orElse(String fallback) {
        return new AddRule(Kind.OR_ELSE, 0, fallback);
    }

    static AddRule flag() {
        return of(Kind.FLAG);
    }

    static AddRule notRead() {
        return of(Kind.NOT_READ);
    }

    static AddRule of(Kind kind) {
        return new AddRule(kind, 0, "");
    }

    boolean reads() {
        return kind != Kind.NOT_READ;
    }
}
