package io.dialfleet.agent.messaging;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/** The Kafka consumer settings of the refresh-request channel as application.properties ships them. */
final class ShippedConsumerSettings {

    private static final String PREFIX = "mp.messaging.incoming." + RefreshRequestListener.CHANNEL + ".";

    private ShippedConsumerSettings() {
    }

    /**
     * @param agentProperties the agent's own keys (e.g. {@code dialfleet.agent.server-ip}), as an operator sets them
     * @return every Kafka consumer setting of the channel, expressions resolved
     */
    static Map<String, Object> of(Map<String, String> agentProperties) {
        URL properties = ShippedConsumerSettings.class.getClassLoader().getResource("application.properties");
        SmallRyeConfig config;
        try {
            config = new SmallRyeConfigBuilder()
                    .addDefaultInterceptors()
                    .withSources(new PropertiesConfigSource(properties, 250))
                    .withSources(new PropertiesConfigSource(agentProperties, "agent", 300))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> settings = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX) && ConsumerConfig.configNames().contains(name.substring(PREFIX.length()))) {
                settings.put(name.substring(PREFIX.length()), config.getValue(name, String.class));
            }
        }
        return settings;
    }
}
