package io.dialfleet.api.repository;

import io.dialfleet.events.EventJson;
import io.dialfleet.events.ServerRefreshCompleted;
import io.dialfleet.events.ServerRefreshCompleted.ExcludedPhone;
import java.util.ArrayList;
import java.util.List;

/**
 * A report's {@code warnings} and {@code excluded} as the JSON stored in the {@code jsonb} columns of
 * {@code server_refresh_state} and {@code refresh_request_targets} (V10). An agent older than a field sends none:
 * stored as an empty array, since the report is all there is to say about the run. A NUL character (which
 * PostgreSQL's jsonb refuses, and which an extension imported by seed may hold) is stored as U+FFFD, so that such a
 * report is still stored rather than dead-lettered. The statements cast the text with {@code $n::text::jsonb}: a
 * parameter typed {@code jsonb} would take a Java string for a JSON string value and store {@code "[]"}.
 *
 * @param warnings JSON array of strings
 * @param excluded JSON array of {@code {extension, protocol, reason}}
 */
public record ReportDetails(String warnings, String excluded) {

    private static final char NUL = '\0';
    private static final char REPLACEMENT = '\uFFFD';

    public static ReportDetails of(ServerRefreshCompleted event) {
        List<String> warnings = new ArrayList<>();
        if (event.warnings() != null) {
            for (String warning : event.warnings()) {
                if (warning != null) {
                    warnings.add(clean(warning));
                }
            }
        }
        List<ExcludedPhone> excluded = new ArrayList<>();
        if (event.excluded() != null) {
            for (ExcludedPhone phone : event.excluded()) {
                if (phone != null) {
                    excluded.add(new ExcludedPhone(clean(phone.extension()), clean(phone.protocol()),
                            clean(phone.reason())));
                }
            }
        }
        return new ReportDetails(EventJson.write(warnings), EventJson.write(excluded));
    }

    private static String clean(String text) {
        return text == null || text.indexOf(NUL) < 0 ? text : text.replace(NUL, REPLACEMENT);
    }
}
