package io.dialfleet.api.bridge;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What one comparison of the two sides found and did, per kind of difference. */
@Schema(name = "BridgeDrift", description = "Differences between dialfleet and VICIdial's MySQL found by one comparison")
public record Drift(
        @Schema(description = "VICIdial rows that changed alone and were taken over as dialfleet changes")
        int vicidialChanges,
        @Schema(description = "dialfleet rows that MySQL missed (a pending or lost forward write), written again")
        int pushed,
        @Schema(description = "Rows both sides changed differently; dialfleet's row was written to MySQL")
        int conflicts,
        @Schema(description = "VICIdial rows dialfleet does not accept (duplicate login, a value that does not fit)")
        int refused) {

    public static final Drift NONE = new Drift(0, 0, 0, 0);

    public Drift plus(Drift other) {
        return new Drift(vicidialChanges + other.vicidialChanges, pushed + other.pushed,
                conflicts + other.conflicts, refused + other.refused);
    }

    public boolean isNone() {
        return equals(NONE);
    }
}
