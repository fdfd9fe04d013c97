package io.dialfleet.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The Kafka part of {@code docs/asyncapi.yaml} as a checker of real records: for a record it finds the channel whose
 * address is the record's topic, picks the channel's message whose headers schema the record's headers satisfy, and
 * validates the payload and the key against that message's schemas (JSON Schema draft 07, which AsyncAPI's Schema
 * Object extends). Two rules of events.md that a schema cannot state are checked here as well: {@code ce_id} is the
 * payload's {@code eventId}, and the key is the one the payload implies.
 */
final class AsyncApiContract {

    /** Where the document is registered for {@code $ref} resolution; never fetched. */
    private static final String DOCUMENT_IRI = "https://dialfleet.invalid/docs/asyncapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The validator reads the whole document to reach a schema inside it and warns about each top-level AsyncAPI key
     * ({@code asyncapi}, {@code channels}, ...) as an unknown schema keyword; those are not schemas. Kept in a field:
     * a logger's level lasts only as long as the logger is referenced.
     */
    private static final Logger UNKNOWN_KEYWORDS = quiet("com.networknt.schema.keyword.UnknownKeywordFactory");

    private final Map<String, List<MessageContract>> messagesByTopic;

    /** One message of a channel, with its compiled schemas. */
    private record MessageContract(String name, Schema headers, Schema payload, Optional<Schema> key) {
    }

    /**
     * What a record turned out to be: the message it matched (empty when none) and everything wrong with it.
     */
    record Verdict(Optional<String> message, List<String> problems) {
    }

    private AsyncApiContract(Map<String, List<MessageContract>> messagesByTopic) {
        this.messagesByTopic = messagesByTopic;
    }

    static AsyncApiContract load(Path asyncApiYaml) throws IOException {
        JsonNode document = new YAMLMapper().readTree(asyncApiYaml.toFile());
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
                builder -> builder.schemas(Map.of(DOCUMENT_IRI, document.toString())));
        Map<String, List<MessageContract>> byTopic = new LinkedHashMap<>();
        document.path("channels").properties().forEach(channel -> {
            String topic = channel.getValue().path("address").asText();
            List<MessageContract> messages = new ArrayList<>();
            channel.getValue().path("messages").properties().forEach(entry -> {
                String pointer = messagePointer(channel.getKey(), entry.getKey(), entry.getValue());
                JsonNode message = document.at(pointer);
                messages.add(new MessageContract(message.path("name").asText(entry.getKey()),
                        schema(registry, pointer + "/headers"), schema(registry, pointer + "/payload"),
                        message.at("/bindings/kafka/key").isMissingNode()
                                ? Optional.empty()
                                : Optional.of(schema(registry, pointer + "/bindings/kafka/key"))));
            });
            byTopic.put(topic, messages);
        });
        return new AsyncApiContract(byTopic);
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    /** The JSON pointer of a channel's message: where its {@code $ref} leads, or the message itself. */
    private static String messagePointer(String channel, String message, JsonNode node) {
        String ref = node.path("$ref").asText("");
        if (ref.startsWith("#/")) {
            return ref.substring(1);
        }
        return "/channels/" + channel + "/messages/" + message;
    }

    private static Schema schema(SchemaRegistry registry, String pointer) {
        return registry.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#" + pointer));
    }

    Verdict check(ConsumerRecord<String, String> record) {
        List<MessageContract> candidates = messagesByTopic.get(record.topic());
        if (candidates == null) {
            return new Verdict(Optional.empty(), List.of("topic " + record.topic() + " is not a channel address"));
        }
        List<String> problems = new ArrayList<>();
        ObjectNode headers = headers(record, problems);
        MessageContract matched = null;
        List<String> headerProblems = new ArrayList<>();
        for (MessageContract candidate : candidates) {
            List<Error> errors = candidate.headers().validate(headers);
            if (errors.isEmpty()) {
                matched = candidate;
                break;
            }
            errors.forEach(error -> headerProblems.add(candidate.name() + " headers: " + error));
        }
        if (matched == null) {
            problems.add("headers " + headers + " match no message of the channel: " + headerProblems);
            return new Verdict(Optional.empty(), problems);
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(record.value() == null ? "" : record.value());
        } catch (JsonProcessingException e) {
            problems.add("payload is not JSON: " + e.getOriginalMessage());
            return new Verdict(Optional.of(matched.name()), problems);
        }
        if (payload == null || payload.isMissingNode()) {
            problems.add("payload is empty");
            return new Verdict(Optional.of(matched.name()), problems);
        }
        matched.payload().validate(payload).forEach(error -> problems.add("payload: " + error));
        if (record.key() == null) {
            problems.add("record has no key");
        } else {
            matched.key().ifPresent(key -> key.validate(JsonNodeFactory.instance.textNode(record.key()))
                    .forEach(error -> problems.add("key " + record.key() + ": " + error)));
            expectedKey(matched.name(), payload)
                    .filter(expected -> !expected.equals(record.key()))
                    .ifPresent(expected -> problems.add("key " + record.key() + " is not the payload's " + expected));
        }
        String eventId = payload.path("eventId").asText();
        if (!eventId.equals(headers.path("ce_id").asText())) {
            problems.add("ce_id " + headers.path("ce_id") + " is not the payload's eventId " + eventId);
        }
        return new Verdict(Optional.of(matched.name()), problems);
    }

    /** Headers as a JSON object of UTF-8 strings; a header name given twice is a problem of its own. */
    private static ObjectNode headers(ConsumerRecord<String, String> record, List<String> problems) {
        ObjectNode headers = JsonNodeFactory.instance.objectNode();
        for (Header header : record.headers()) {
            if (headers.has(header.key())) {
                problems.add("header " + header.key() + " appears more than once");
            }
            headers.put(header.key(), header.value() == null ? null
                    : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    /** events.md: phones {@code <server_ip>/<extension>}, aliases {@code alias/<alias_id>}, the rest {@code <server_ip>}. */
    private static Optional<String> expectedKey(String message, JsonNode payload) {
        return switch (message) {
            case "PhoneChanged" -> Optional.of("ALIAS".equals(payload.path("entity").asText())
                    ? "alias/" + payload.path("aliasId").asText()
                    : payload.path("serverIp").asText() + "/" + payload.path("extension").asText());
            case "ServerRefreshRequested", "ServerRefreshCompleted" -> Optional.of(payload.path("serverIp").asText());
            default -> Optional.empty();
        };
    }
}
