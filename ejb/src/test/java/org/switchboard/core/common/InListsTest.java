package org.switchboard.core.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InListsTest {

    @Test
    @DisplayName("X-03 a batch's IN list keeps its values and is padded to a power of two with the last one")
    void inListsArePaddedToAPowerOfTwo() {
        assertEquals(List.of(7L), InLists.padded(List.of(7L)));
        assertEquals(List.of(1L, 2L), InLists.padded(List.of(1L, 2L)));
        assertEquals(List.of(1L, 2L, 3L, 3L), InLists.padded(List.of(1L, 2L, 3L)));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 5L, 5L, 5L), InLists.padded(List.of(1L, 2L, 3L, 4L, 5L)));
        assertEquals(256, InLists.padded(LongStream.range(0, 129).boxed().toList()).size());
        assertEquals(List.of(), InLists.padded(List.of()));
    }
}
