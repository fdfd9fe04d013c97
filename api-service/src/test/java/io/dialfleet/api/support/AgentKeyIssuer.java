package io.dialfleet.api.support;

import static io.restassured.RestAssured.given;

import io.dialfleet.events.AgentCredential;

/** Issues refresh-agent keys through the operator endpoint, as an operator would. */
public final class AgentKeyIssuer {

    private AgentKeyIssuer() {
    }

    /** A new key of the server; the running service must know the server. */
    public static AgentCredential issue(String serverIp) {
        String credential = given().auth().oauth2(Fixture.OPERATOR_TOKEN)
                .post("/api/v1/servers/{ip}/agent-keys", serverIp)
                .then().statusCode(201).extract().path("credential");
        return AgentCredential.parse(credential).orElseThrow();
    }

    public static void revoke(String serverIp, String keyId) {
        given().auth().oauth2(Fixture.OPERATOR_TOKEN)
                .delete("/api/v1/servers/{ip}/agent-keys/{key}", serverIp, keyId)
                .then().statusCode(200);
    }
}
