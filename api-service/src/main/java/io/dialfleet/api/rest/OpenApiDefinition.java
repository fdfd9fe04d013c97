package io.dialfleet.api.rest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/**
 * The description {@code /q/openapi} publishes for the JSON endpoints, and their two ways of authenticating. The
 * Non-Agent API is a plain Vert.x route and not part of it: its contract is VICIdial's (docs/spec/non-agent-api.md).
 */
@OpenAPIDefinition(info = @Info(title = "dialfleet api-service", version = "1",
        description = "Fleet view (servers, refresh requests), fleet seed import, and the refresh-agents' internal "
                + "peer-config endpoint."))
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = OpenApiDefinition.OPERATOR, type = SecuritySchemeType.HTTP,
                scheme = "bearer",
                description = "The operator token, dialfleet.admin.token"),
        @SecurityScheme(securitySchemeName = OpenApiDefinition.OPERATOR_BASIC, type = SecuritySchemeType.HTTP,
                scheme = "basic", description = "An active VICIdial user of level 9 with ast_admin_access 1"),
        @SecurityScheme(securitySchemeName = OpenApiDefinition.AGENT_KEY, type = SecuritySchemeType.HTTP,
                scheme = "bearer", description = "The refresh-agent's own key (issued by POST "
                        + "/api/v1/servers/{server_ip}/agent-keys), which opens its server's peer-config only; "
                        + "dialfleet.internal.token in the shared-token development mode")
})
public class OpenApiDefinition extends Application {

    public static final String OPERATOR = "operatorToken";
    public static final String OPERATOR_BASIC = "adminUser";
    public static final String AGENT_KEY = "agentKey";
}
