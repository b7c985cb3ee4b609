package dev.palisade.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Inputs.tasks: splits packed, in order, into tasks of about the task size, each file's opening counted. */
class TaskPackingTest {
    private static final long MIB = 1 << 20;

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, where the files are, split sizes, task size, how many splits each task takes
                Arguments.of("a large file's ranges: a task each", "file:/", List.of(56 * MIB, 56 * MIB, 56 * MIB), 56 * MIB,
                        List.of(1, 1, 1)),
                Arguments.of("small files in an object store: as many as fit, each opening counted as 4 MiB", "s3a://logs/",
                        List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), 3 * Inputs.OPEN_COST + 100, List.of(3, 3, 1)),
                Arguments.of("small local files: each opening counted as 64 KiB", "file:/",
                        List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), 3 * Inputs.LOCAL_OPEN_COST + 100, List.of(3, 3, 1)),
                Arguments.of("the same local files in tasks sized for an object store's: all in one", "file:/",
                        List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), 3 * Inputs.OPEN_COST + 100, List.of(7)),
                Arguments.of("a split larger than a task still gets one", "hdfs://nn/", List.of(10L, 200 * MIB, 10L, 10L),
                        16 * MIB, List.of(1, 1, 2)),
                Arguments.of("tiny task sizes (tests that cut files small): a task per split", "file:/",
                        List.of(300L, 300L, 300L), 2048L, List.of(1, 1, 1)),
                Arguments.of("no splits, no tasks", "file:/", List.of(), 8 * MIB, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void packed(String name, String where, List<Long> sizes, long taskBytes, List<Integer> perTask) {
        List<Split> splits = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            splits.add(new Split(i, "f" + i, where + "f" + i, true, 0, sizes.get(i), 0));
        }
        List<ArrayList<Split>> tasks = Inputs.tasks(splits, taskBytes);
        assertEquals(perTask, tasks.stream().map(List::size).toList());
        assertEquals(splits, tasks.stream().flatMap(List::stream).toList(), "every split once, in order");
    }
}
