package org.switchboard.core.common;

import java.util.ArrayList;
import java.util.List;

/** Values for a query's IN list. */
public final class InLists {

    private InLists() {
    }

    /**
     * The values repeated up to the next power of two: the statement's text then takes one of a few forms, which the
     * database has parsed and planned before, instead of one form per number of values (measured on H2: parsing a
     * new form cost more than running the query).
     */
    public static <T> List<T> padded(List<T> values) {
        if (values.isEmpty()) {
            return values;
        }
        int size = Integer.highestOneBit(values.size());
        if (size < values.size()) {
            size <<= 1;
        }
        List<T> list = new ArrayList<>(size);
        list.addAll(values);
        while (list.size() < size) {
            list.add(values.get(values.size() - 1));
        }
        return list;
    }
}
