package io.dialfleet.api.seed;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One seedable column as the database defines it, and how a JSON value becomes what is bound to it. Problems
 * describe the column, never the value: some columns hold secrets.
 *
 * @param maxLength     characters, 0 when unlimited ({@code varchar(n)}, or the length CHECK of a citext column)
 * @param allowedValues the canonical spellings of an ENUM-like column (VICIdial ENUMs are a CHECK ... IN in V1);
 *                      empty for any other column
 * @param required      NOT NULL without a default: a row must give it
 */
record SeedColumn(String name, ColumnType type, boolean nullable, boolean required, int maxLength,
        List<String> allowedValues) {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern INTEGER_TEXT = Pattern.compile("-?[0-9]+");

    SeedColumn {
        allowedValues = List.copyOf(allowedValues);
    }

    /** Why a value does not fit this column. */
    static final class Unfit extends Exception {

        Unfit(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The value to bind: a String, Short, Integer, Long, LocalDateTime or null. */
    Object convert(JsonNode value) throws Unfit {
        if (value.isNull()) {
            if (!nullable) {
                throw new Unfit("may not be null");
            }
            return null;
        }
        if (value.isContainerNode()) {
            throw new Unfit("must be a string, a number or a boolean");
        }
        return switch (type) {
            case TEXT -> text(value);
            case SMALLINT -> (short) integer(value);
            case INTEGER -> (int) integer(value);
            case BIGINT -> integer(value);
            case TIMESTAMP -> timestamp(value);
        };
    }

    private String text(JsonNode value) throws Unfit {
        String text;
        if (value.isBoolean()) {
            text = booleanText(value.booleanValue());
        } else if (value.isIntegralNumber()) {
            text = value.bigIntegerValue().toString();
        } else if (value.isNumber()) {
            // Exact decimals keep their written scale: -5.00 stays "-5.00" (local_gmt).
            text = value.decimalValue().toPlainString();
        } else {
            text = value.textValue();
        }
        if (!allowedValues.isEmpty()) {
            text = canonical(text);
        }
        if (maxLength > 0 && text.codePointCount(0, text.length()) > maxLength) {
            throw new Unfit("is longer than " + maxLength + " characters");
        }
        return text;
    }

    /** A JSON boolean in an ENUM column is its Y/N or 1/0 member; elsewhere MySQL's rendering, 1 or 0. */
    private String booleanText(boolean value) {
        if (allowedValues.contains("Y") && allowedValues.contains("N")) {
            return value ? "Y" : "N";
        }
        return value ? "1" : "0";
    }

    private String canonical(String text) throws Unfit {
        for (String allowed : allowedValues) {
            if (allowed.equalsIgnoreCase(text)) {
                return allowed;
            }
        }
        throw new Unfit("must be one of " + String.join(", ", allowedValues));
    }

    private long integer(JsonNode value) throws Unfit {
        BigInteger number = null;
        if (value.isBoolean()) {
            number = value.booleanValue() ? BigInteger.ONE : BigInteger.ZERO;
        } else if (value.isIntegralNumber()) {
            number = value.bigIntegerValue();
        } else if (value.isNumber()) {
            number = wholeNumber(value.decimalValue());
        } else if (value.isTextual() && INTEGER_TEXT.matcher(value.textValue()).matches()) {
            number = new BigInteger(value.textValue());
        }
        if (number == null || number.compareTo(BigInteger.valueOf(type.min())) < 0
                || number.compareTo(BigInteger.valueOf(type.max())) > 0) {
            throw new Unfit("must be an integer from " + type.min() + " to " + type.max());
        }
        return number.longValueExact();
    }

    private static BigInteger wholeNumber(BigDecimal decimal) {
        try {
            return decimal.toBigIntegerExact();
        } catch (ArithmeticException notWhole) {
            return null;
        }
    }

    /** VICIdial's {@code 2001-01-01 00:00:01}, or the ISO form with a {@code T}. */
    private static LocalDateTime timestamp(JsonNode value) throws Unfit {
        if (value.isTextual()) {
            String text = value.textValue();
            if (text.length() > 10 && text.charAt(10) == 'T') {
                text = text.substring(0, 10) + ' ' + text.substring(11);
            }
            try {
                return LocalDateTime.parse(text, DATE_TIME);
            } catch (DateTimeParseException notADateTime) {
                // reported below, without the value
            }
        }
        throw new Unfit("must be a date-time written YYYY-MM-DD HH:MM:SS");
    }
}
