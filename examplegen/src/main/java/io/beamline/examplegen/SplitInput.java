package io.beamline.examplegen;

import io.beamline.core.InvalidParameterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A split that is already separate in the input: its examples are read from {@code pattern} and are
 * not hash-split.
 *
 * @param name the split name
 * @param pattern a file, directory or glob, which may contain span placeholders like the main input
 */
public record SplitInput(String name, String pattern) {
  public SplitInput {
    SplitBuckets.checkSplitName(name);
    Objects.requireNonNull(pattern, "pattern");
    if (pattern.isBlank()) {
      throw new InvalidParameterException("Split '" + name + "': input pattern is empty");
    }
  }

  /** Parses {@code train=path/train/*,eval=path/eval/*}, as the command line spells it. */
  public static List<SplitInput> parse(String text) {
    List<SplitInput> out = new ArrayList<>();
    for (String part : text.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new InvalidParameterException("Split input '" + part.trim()
            + "' is not of the form name=pattern (e.g. train=data/train/*,eval=data/eval/*)");
      }
      out.add(new SplitInput(part.substring(0, eq).trim(), part.substring(eq + 1).trim()));
    }
    SplitBuckets.checkDistinct(out.stream().map(SplitInput::name).toList());
    return List.copyOf(out);
  }
}
