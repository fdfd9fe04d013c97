package io.dialfleet.api.compat;

import io.smallrye.mutiny.Uni;

/**
 * One function of the API. Its own steps run after the three checks every function shares (§4.7), which
 * {@link NonAgentApi} applies with {@link #permissionReason()}.
 */
interface NonAgentFunction {

    /** The {@code function} value that selects it, compared exactly. */
    String name();

    /** The reason of the permission error (§4.7 step 3). */
    String permissionReason();

    /** Steps 4 onwards of the function, inside the request's transaction. */
    Uni<Reply> run(ApiCall call);
}
