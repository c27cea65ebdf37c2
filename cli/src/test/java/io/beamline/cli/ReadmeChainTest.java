package io.beamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain in the README's "Command line" section, read from README.md and run line by line, so
 * the README and what works cannot drift apart. The lines are written to run from the repository
 * root; here they run in a temporary directory where {@code examples} links to the repository's.
 */
class ReadmeChainTest {
  static final String START = "<!-- cli-chain -->";
  static final String END = "<!-- /cli-chain -->";
  /** Options whose value is a path: relative to the directory the chain runs in. */
  static final Set<String> PATH_OPTIONS = Set.of("--input", "--output", "--examples", "--stats", "--schema",
      "--model", "--blessing", "--destination", "--config");

  @TempDir Path dir;

  static List<String> chain() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    int start = readme.indexOf(START);
    int end = readme.indexOf(END);
    assertTrue(start >= 0 && end > start, "README.md has the chain between " + START + " and " + END);
    return readme.substring(start + START.length(), end).lines()
        .filter(l -> l.startsWith("beamline ")).toList();
  }

  @Test
  void theReadmeChainRunsAsWritten() throws Exception {
    List<String> lines = chain();
    assertEquals(List.of("examplegen", "stats", "schema", "validate", "train", "evaluate", "push"),
        lines.stream().map(l -> l.split("\\s+")[1]).toList(), "the whole chain of component commands");
    Path examples = Files.createSymbolicLink(dir.resolve("examples"),
        Path.of("..", "examples").toAbsolutePath().normalize());
    try {
      runAll(lines);
    } finally {
      Files.delete(examples); // the link, never what it points to
    }
  }

  private void runAll(List<String> lines) {
    String last = "";
    for (String line : lines) {
      String[] words = line.trim().split("\\s+");
      List<String> args = new ArrayList<>();
      for (int i = 1; i < words.length; i++) {
        boolean isPath = PATH_OPTIONS.contains(words[i - 1]) && !words[i].startsWith("-");
        args.add(isPath ? dir.resolve(words[i]).toString() : words[i]);
      }
      CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
      assertEquals(0, r.code(), line + "\n" + r.out() + r.err());
      last = r.out();
    }
    assertTrue(last.startsWith("Pushed:     version "), last);
  }
}
