package io.dialfleet.api.rest;

import io.dialfleet.api.database.DatabaseUnavailable;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The JSON API's answer when PostgreSQL is down or hung: 503, as the Non-Agent API answers (D2), to try again. */
public class DatabaseUnavailableMapper {

    private static final Logger LOG = Logger.getLogger(DatabaseUnavailableMapper.class);

    @ServerExceptionMapper
    public Response unavailable(DatabaseUnavailable failure) {
        LOG.errorf("JSON API request failed, answered 503: %s", failure.getMessage());
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody("the database is unavailable, try again later"))
                .build();
    }
}
