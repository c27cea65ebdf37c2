package io.beamline.statsgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A split's files go to a bounded number of groups, each file once. */
class SplitStatisticsGroupsTest {
  @Test
  void filesAreDealtIntoABoundedNumberOfGroupsEachFileOnce() {
    for (int[] filesAndGroups : new int[][] {{1, 1}, {5, 5}, {32, 32}, {920, 32}, {2_048, 32}, {10_000, 156}}) {
      List<String> files = IntStream.range(0, filesAndGroups[0]).mapToObj(i -> "part-" + i).toList();
      List<List<String>> groups = SplitStatistics.groups(files);
      assertEquals(filesAndGroups[1], groups.size(), files.size() + " files");
      List<String> all = new ArrayList<>();
      groups.forEach(all::addAll);
      all.sort(null);
      List<String> expected = new ArrayList<>(files);
      expected.sort(null);
      assertEquals(expected, all);
      int smallest = groups.stream().mapToInt(List::size).min().orElseThrow();
      int largest = groups.stream().mapToInt(List::size).max().orElseThrow();
      assertTrue(largest - smallest <= 1, "even groups");
    }
  }
}
