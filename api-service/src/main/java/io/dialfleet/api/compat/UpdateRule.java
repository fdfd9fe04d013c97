package io.dialfleet.api.compat;

import java.util.Set;

/**
 * update_phone's rule for a phone field (docs/spec/non-agent-api.md §6.2): what a sent, non-empty value must be, and the
 * reason the reply gives when it is not (without the {@code update_phone } prefix).
 *
 * @param min     for the length kinds: the shortest value accepted
 * @param max     for the length kinds: the longest value accepted, before D3 cuts it
 * @param allowed for {@link Kind#FLAG}: the values taken, in any letter case
 */
record UpdateRule(Kind kind, int min, int max, Set<String> allowed, String reason) {

    UpdateRule {
        allowed = Set.copyOf(allowed);
    }

    enum Kind {
        /** The timezone rule (§5.2). */
        TIMEZONE,
        /** {@code --BLANK--} clears the column; anything else must have a length from min to max. */
        BLANK_OR_LENGTH,
        LENGTH,
        /** Exactly {@code IAX2}, {@code SIP}, {@code Zap} or {@code EXTERNAL}. */
        PROTOCOL,
        /** No other phone holds it (D4). */
        LOGIN_FREE,
        /** Exactly {@code Y} or {@code N}. */
        Y_OR_N,
        /** A number from 2 to 180; its error echoes {@code outbound_alt_cid} (U51, U52). */
        RING_TIMEOUT,
        /** From 2 characters on: {@code --BLANK--} clears it, anything else must name a template. */
        TEMPLATE,
        /** Taken upper-cased when allowed, otherwise ignored without an error. */
        FLAG,
        /** Identifies the phone; never changed. */
        KEY
    }

    static UpdateRule of(Kind kind, String reason) {
        return new UpdateRule(kind, 0, 0, Set.of(), reason);
    }

    static UpdateRule length(int min, int max, String reason) {
        return new UpdateRule(Kind.LENGTH, min, max, Set.of(), reason);
    }

    static UpdateRule blankOrLength(int min, int max, String reason) {
        return new UpdateRule(Kind.BLANK_OR_LENGTH, min, max, Set.of(), reason);
    }

    static UpdateRule flag(String... allowed) {
        return new UpdateRule(Kind.FLAG, 0, 0, Set.of(allowed), "");
    }

    static UpdateRule key() {
        return of(Kind.KEY, "");
    }

    /** A rule of §6.2's table, which can fail the request. */
    boolean isCheck() {
        return kind != Kind.FLAG && kind != Kind.KEY;
    }

    boolean lengthFits(String value) {
        return value.length() >= min && value.length() <= max;
    }
}
