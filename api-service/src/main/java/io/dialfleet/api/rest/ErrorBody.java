package io.dialfleet.api.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON body of an error answer of the JSON API. */
@Schema(name = "Error", description = "Why the request was refused")
public record ErrorBody(@Schema(description = "What was wrong") String error) {
}
