package io.dialfleet.api.compat;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the parameters of a request the way PHP fills {@code $_GET} and {@code $_POST} and VICIdial then picks
 * between them (docs/spec/non-agent-api.md §2.2): the query string always, a body only for form POSTs, the query string
 * winning name by name, the last occurrence winning within one source. Values are kept as decoded bytes (one
 * char per byte) so that the filters remove every non-ASCII byte, as VICIdial's do.
 */
public final class RequestReader {

    private RequestReader() {
    }

    /**
     * @param rawQuery    the query string as sent (still percent-encoded), or null
     * @param method      the HTTP method
     * @param contentType the request's Content-Type header, or null
     * @param body        the raw body, possibly empty
     * @return the filtered value of every parameter present in the request
     */
    public static Map<ApiParameter, String> read(String rawQuery, String method, String contentType, byte[] body) {
        Map<String, String> chosen = new HashMap<>(bodyParameters(method, contentType, body));
        chosen.putAll(urlEncoded(rawQuery == null ? new byte[0] : rawQuery.getBytes(StandardCharsets.ISO_8859_1)));
        Map<ApiParameter, String> filtered = new EnumMap<>(ApiParameter.class);
        for (ApiParameter parameter : ApiParameter.values()) {
            String decoded = chosen.get(parameter.wireName());
            if (decoded != null) {
                filtered.put(parameter, parameter.filter(decoded));
            }
        }
        return filtered;
    }

    private static Map<String, String> bodyParameters(String method, String contentType, byte[] body) {
        if (!"POST".equals(method) || contentType == null || body.length == 0) {
            return Map.of();
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (mediaType) {
            case "application/x-www-form-urlencoded" -> urlEncoded(body);
            case "multipart/form-data" -> MultipartForm.fields(contentType, body);
            default -> Map.of();
        };
    }

    private static Map<String, String> urlEncoded(byte[] encoded) {
        Map<String, String> parameters = new HashMap<>();
        int start = 0;
        for (int i = 0; i <= encoded.length; i++) {
            if (i == encoded.length || encoded[i] == '&') {
                addPair(parameters, encoded, start, i);
                start = i + 1;
            }
        }
        return parameters;
    }

    private static void addPair(Map<String, String> parameters, byte[] encoded, int from, int to) {
        int equals = from;
        while (equals < to && encoded[equals] != '=') {
            equals++;
        }
        String name = phpName(decode(encoded, from, equals));
        if (!name.isEmpty()) {
            parameters.put(name, equals < to ? decode(encoded, equals + 1, to) : "");
        }
    }

    /** {@code +} is a space, {@code %XX} that byte, a {@code %} without two hex digits stays as it is. */
    static String decode(byte[] encoded, int from, int to) {
        StringBuilder decoded = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            int b = encoded[i] & 0xFF;
            if (b == '+') {
                decoded.append(' ');
            } else if (b == '%' && i + 2 < to && hex(encoded[i + 1]) >= 0 && hex(encoded[i + 2]) >= 0) {
                decoded.append((char) (hex(encoded[i + 1]) * 16 + hex(encoded[i + 2])));
                i += 2;
            } else {
                decoded.append((char) b);
            }
        }
        return decoded.toString();
    }

    private static int hex(byte b) {
        return Character.digit((char) (b & 0xFF), 16);
    }

    /** PHP drops leading spaces of a name and turns {@code .} and spaces inside it into {@code _}. */
    static String phpName(String name) {
        int start = 0;
        while (start < name.length() && name.charAt(start) == ' ') {
            start++;
        }
        return name.substring(start).replace('.', '_').replace(' ', '_');
    }
}
