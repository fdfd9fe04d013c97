package io.dialfleet.api.compat;

/** D3: a value longer than its column is cut to the column's width, and from then on the cut value is the value. */
final class ColumnWidth {

    private ColumnWidth() {
    }

    static String cut(String value, int width) {
        return value.length() > width ? value.substring(0, width) : value;
    }
}
