package io.dialfleet.api.mapping;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One phone an agent run left out of its server's Asterisk files, as the run reported it. */
@Schema(name = "ExcludedPhone", description = "A phone left out of the server's Asterisk files, and why")
public record ExcludedPhoneStatus(
        @Schema(description = "phones.extension", example = "cc101") String extension,
        @Schema(description = "phones.protocol (SIP, IAX2, PJSIP, or the unknown value that was refused)",
                example = "SIP")
        String protocol,
        @Schema(description = "Why it was left out (docs/operations.md, \"Warnings and exclusions\"); names fields, "
                + "never values",
                example = "the secret (conf_secret, or the template's or override's secret) is empty: the peer "
                        + "would accept registrations and calls without a password")
        String reason) {
}
