package io.beamline.examplegen;

import io.beamline.core.InvalidParameterException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One output split of a hash split and its share of the hash buckets: {@code train:2,eval:1} sends
 * two thirds of the examples to {@code train}.
 *
 * @param name the split name, e.g. {@code train}; the output folder is {@code Split-<name>}
 * @param buckets how many hash buckets the split gets (at least 1)
 */
public record SplitBuckets(String name, int buckets) {
  public SplitBuckets {
    checkSplitName(name);
    if (buckets < 1) {
      throw new InvalidParameterException("Split '" + name + "': bucket count must be at least 1, got "
          + buckets);
    }
  }

  /** TFX's default: {@code train:2,eval:1}. */
  public static List<SplitBuckets> defaults() {
    return List.of(new SplitBuckets("train", 2), new SplitBuckets("eval", 1));
  }

  /** Parses {@code name:buckets,name:buckets}, as the command line spells it. */
  public static List<SplitBuckets> parse(String text) {
    List<SplitBuckets> out = new ArrayList<>();
    for (String part : text.split(",")) {
      String[] nb = part.trim().split(":");
      if (nb.length != 2) {
        throw new InvalidParameterException("Split '" + part.trim()
            + "' is not of the form name:buckets (e.g. train:2,eval:1)");
      }
      int buckets;
      try {
        buckets = Integer.parseInt(nb[1].trim());
      } catch (NumberFormatException e) {
        throw new InvalidParameterException("Split '" + part.trim() + "': bucket count '" + nb[1].trim()
            + "' is not a whole number");
      }
      out.add(new SplitBuckets(nb[0].trim(), buckets));
    }
    checkDistinct(out.stream().map(SplitBuckets::name).toList());
    return List.copyOf(out);
  }

  static void checkSplitName(String name) {
    Objects.requireNonNull(name, "split name");
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      throw new InvalidParameterException("Split name '" + name
          + "' must be letters, digits, '_', '.' or '-' (it becomes a folder name Split-<name>)");
    }
  }

  static void checkDistinct(List<String> names) {
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (!seen.add(n)) {
        throw new InvalidParameterException("Split '" + n + "' is given twice");
      }
    }
  }
}
