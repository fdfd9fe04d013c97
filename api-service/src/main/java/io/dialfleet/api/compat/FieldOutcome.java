package io.dialfleet.api.compat;

/** What one field rule of update_phone decided about a sent value. */
sealed interface FieldOutcome {

    /** The column takes this value. */
    record Accept(Object stored) implements FieldOutcome {
    }

    /** The value is left out without an error. */
    record Ignore() implements FieldOutcome {
    }

    /** The request fails with the rule's reason and this DATA. */
    record Reject(String data) implements FieldOutcome {
    }
}
