package io.dialfleet.api.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code vicidial_conf_templates}, looked up case-insensitively by id. */
@ApplicationScoped
public class TemplateRepository {

    public Uni<Boolean> exists(SqlConnection connection, String templateId) {
        return connection.preparedQuery("SELECT 1 FROM vicidial_conf_templates WHERE template_id = $1")
                .execute(Tuple.of(templateId))
                .map(rows -> rows.size() > 0);
    }
}
