package io.dialfleet.api.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dialfleet.infra.DialfleetInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/openapi.yaml} is the document the api-service serves at {@code /q/openapi}, so the published
 * description of the JSON API cannot drift from the code. After an intended change of the JSON API, rewrite the file
 * from the running service with {@code -Dopenapi.update=true} (command in {@link #REGENERATE}) and commit it.
 */
@QuarkusTest
@QuarkusTestResource(value = DialfleetInfraResource.class, restrictToAnnotatedClass = false)
class OpenApiDocumentIT {

    /** Relative to the module directory, where failsafe runs the tests. */
    private static final Path DOCUMENT = Path.of("../docs/openapi.yaml");
    private static final String UPDATE_PROPERTY = "openapi.update";
    static final String REGENERATE = "./mvnw -B -pl api-service verify -Dit.test=OpenApiDocumentIT -Dtest=NoSuchTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -D" + UPDATE_PROPERTY + "=true";
    private static final String HEADER = """
            # The api-service's OpenAPI document, as served at /q/openapi. Generated: do not edit by hand.
            # OpenApiDocumentIT fails when this file and the service disagree; after an intended change, regenerate it:
            #   %s
            """.formatted(REGENERATE);
    private static final int DIFFERENCES_SHOWN = 20;

    @Test
    void docsOpenApiYamlIsWhatTheServiceServes() throws IOException {
        String served = given().get("/q/openapi").then().statusCode(200).extract().asString();
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.writeString(DOCUMENT, HEADER + served);
        }
        YAMLMapper yaml = new YAMLMapper();
        JsonNode actual = yaml.readTree(served);
        JsonNode documented = Files.exists(DOCUMENT) ? yaml.readTree(DOCUMENT.toFile()) : null;
        List<String> differences = new ArrayList<>();
        if (documented == null) {
            differences.add(DOCUMENT.normalize() + " does not exist");
        } else {
            compare("", documented, actual, differences);
        }
        assertThat(differences)
                .as("docs/openapi.yaml is not what the api-service serves at /q/openapi (first %d differences shown). "
                        + "If the change to the JSON API is intended, regenerate the file and commit it:%n  %s",
                        DIFFERENCES_SHOWN, REGENERATE)
                .isEmpty();
    }

    /** The JSON pointers where the two documents differ, at most {@link #DIFFERENCES_SHOWN}. */
    private static void compare(String pointer, JsonNode documented, JsonNode served, List<String> differences) {
        if (differences.size() >= DIFFERENCES_SHOWN || documented.equals(served)) {
            return;
        }
        if (documented.isObject() && served.isObject()) {
            Set<String> names = new TreeSet<>();
            documented.fieldNames().forEachRemaining(names::add);
            served.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!documented.has(name)) {
                    differences.add(child + ": served, not documented");
                } else if (!served.has(name)) {
                    differences.add(child + ": documented, not served");
                } else {
                    compare(child, documented.get(name), served.get(name), differences);
                }
            }
            return;
        }
        if (documented.isArray() && served.isArray() && documented.size() == served.size()) {
            Iterator<JsonNode> left = documented.elements();
            Iterator<JsonNode> right = served.elements();
            for (int i = 0; left.hasNext(); i++) {
                compare(pointer + "/" + i, left.next(), right.next(), differences);
            }
            return;
        }
        differences.add((pointer.isEmpty() ? "/" : pointer) + ": documented " + documented + ", served " + served);
    }
}
