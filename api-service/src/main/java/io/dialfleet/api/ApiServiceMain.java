package io.dialfleet.api;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the service with Vert.x's URI check off. Quarkus answers every request whose URI {@link java.net.URI}
 * refuses with an empty 400 before any route sees it, and reads that switch once, when its HTTP classes load: here,
 * before they do. A stray {@code %} in a query string ({@code email=50%}) is such a URI, which PHP reads with the
 * {@code %} kept and VICIdial answers (docs/spec/non-agent-api.md §2.2). {@code rest.UriCheck} keeps the check for every
 * other path.
 */
@QuarkusMain
public final class ApiServiceMain {

    /** The system property Quarkus's HTTP root handler reads. */
    public static final String NO_URI_VALIDATION = "vertx.disableURIValidation";

    public static void main(String... args) {
        System.setProperty(NO_URI_VALIDATION, "true");
        Quarkus.run(args);
    }
}
