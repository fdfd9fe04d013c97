package io.dialfleet.api.compat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields of a {@code multipart/form-data} body as PHP puts them in {@code $_POST}: parts with a
 * {@code filename} are uploads, not parameters; values are taken as sent, without percent-decoding.
 */
final class MultipartForm {

    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(?:\"([^\"]+)\"|([^;\\s]+))");
    private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("(?i)(?:^|;)\\s*filename\\*?=");

    private MultipartForm() {
    }

    static Map<String, String> fields(String contentType, byte[] body) {
        Matcher boundaryMatch = BOUNDARY.matcher(contentType);
        if (!boundaryMatch.find()) {
            return Map.of();
        }
        String boundary = boundaryMatch.group(1) != null ? boundaryMatch.group(1) : boundaryMatch.group(2);
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        Map<String, String> fields = new HashMap<>();
        int at = text.indexOf(delimiter);
        while (at >= 0) {
            int partStart = at + delimiter.length();
            if (text.startsWith("--", partStart)) {
                break;
            }
            int next = text.indexOf("\r\n" + delimiter, partStart);
            if (next < 0) {
                break;
            }
            addPart(fields, text.substring(skipLineEnd(text, partStart), next));
            at = next + 2;
        }
        return fields;
    }

    private static int skipLineEnd(String text, int from) {
        return text.startsWith("\r\n", from) ? from + 2 : from;
    }

    private static void addPart(Map<String, String> fields, String part) {
        int headerEnd = part.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            return;
        }
        String disposition = null;
        for (String header : part.substring(0, headerEnd).split("\r\n")) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
                disposition = header.substring("content-disposition:".length());
            }
        }
        if (disposition == null || FILENAME.matcher(disposition).find()) {
            return;
        }
        Matcher name = NAME.matcher(disposition);
        if (name.find()) {
            String phpName = RequestReader.phpName(name.group(1));
            if (!phpName.isEmpty()) {
                fields.put(phpName, part.substring(headerEnd + 4));
            }
        }
    }
}
