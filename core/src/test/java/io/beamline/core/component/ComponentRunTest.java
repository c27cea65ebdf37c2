package io.beamline.core.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.InvalidInputException;
import io.beamline.core.InvalidParameterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComponentRunTest {
  @TempDir Path tmp;

  /** Parameters of the test component: which text file to count, and whether to fail on purpose. */
  record CountParameters(String inputFile, boolean failAfterWriting) {}

  /** A real component: counts the lines of a text file with a Beam pipeline and writes the count. */
  static final class LineCounter implements Component<CountParameters> {
    @Override
    public ComponentSpec<CountParameters> spec() {
      return ComponentSpec.named("LineCounter", new CountParameters("", false))
          .withOutput("counts", ArtifactType.EXAMPLE_STATISTICS);
    }

    @Override
    public Executor<CountParameters> executor() {
      return context -> {
        String out = context.outputUri("counts");
        Pipeline p = Pipeline.create(context.options());
        p.apply(TextIO.read().from(context.parameters().inputFile()))
            .apply(Count.globally())
            .apply(MapElements.into(TypeDescriptors.strings())
                .via((SerializableFunction<Long, String>) String::valueOf))
            .apply(TextIO.write().to(ArtifactUris.child(out, "count")).withoutSharding());
        BeamRuns.runToCompletion(p);
        if (context.parameters().failAfterWriting()) {
          throw new InvalidInputException("failing on purpose after writing");
        }
        long lines = Long.parseLong(Files.readString(Path.of(out, "count")).trim());
        return Map.of("counts", ArtifactProperties.empty().with("lines", lines));
      };
    }
  }

  private Path textFile(int lines) throws Exception {
    Path file = tmp.resolve("in.txt");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      sb.append("line ").append(i).append('\n');
    }
    Files.writeString(file, sb);
    return file;
  }

  @Test
  void publishesOutputWithPropertiesAndManifest() throws Exception {
    Path input = textFile(7);
    Path out = tmp.resolve("out/counts");
    ComponentResult result = ComponentRun.of(new LineCounter())
        .withParameters(new CountParameters(input.toString(), false))
        .withOutput("counts", out.toString())
        .run();

    ResolvedArtifact counts = result.output("counts");
    assertEquals(7L, counts.properties().getLong("lines"));
    assertEquals("7", Files.readString(out.resolve("count")).trim());
    assertFalse(Files.exists(tmp.resolve("out/counts" + OutputStaging.SUFFIX)));

    ResolvedArtifact reread = ResolvedArtifact.at(ArtifactType.EXAMPLE_STATISTICS, out.toString());
    assertEquals(7L, reread.properties().getLong("lines"));
  }

  @Test
  void failedRunPublishesNothingAndKeepsStagingForInspection() throws Exception {
    Path input = textFile(3);
    Path out = tmp.resolve("counts");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ComponentRun.of(new LineCounter())
        .withParameters(new CountParameters(input.toString(), true))
        .withOutput("counts", out.toString())
        .run());
    assertEquals("failing on purpose after writing", e.getMessage());
    assertFalse(Files.exists(out));
    assertTrue(Files.exists(tmp.resolve("counts.staging/count")));
  }

  @Test
  void refusesToOverwriteAnExistingArtifact() throws Exception {
    Path input = textFile(2);
    Path out = tmp.resolve("counts");
    Files.createDirectories(out);
    Files.writeString(out.resolve("keep.txt"), "precious");
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> ComponentRun.of(new LineCounter())
            .withParameters(new CountParameters(input.toString(), false))
            .withOutput("counts", out.toString())
            .run());
    assertTrue(e.getMessage().contains("already exists and is not an empty directory"), e.getMessage());
    assertEquals("precious", Files.readString(out.resolve("keep.txt")));
  }

  @Test
  void replaceExistingSwapsTheNewOutputInAndDeletesTheOld() throws Exception {
    Path input = textFile(4);
    Path out = tmp.resolve("counts");
    Files.createDirectories(out);
    Files.writeString(out.resolve("old.txt"), "old");
    ResolvedArtifact counts = ComponentRun.of(new LineCounter())
        .withParameters(new CountParameters(input.toString(), false))
        .withOutput("counts", out.toString())
        .withReplaceExisting(true)
        .run()
        .output("counts");
    assertEquals(4L, counts.properties().getLong("lines"));
    assertEquals("4", Files.readString(out.resolve("count")).trim());
    assertFalse(Files.exists(out.resolve("old.txt")), "the old output is gone, not merged");
    assertFalse(Files.exists(tmp.resolve("counts" + OutputStaging.SUFFIX)));
    assertFalse(Files.exists(tmp.resolve("counts" + OutputStaging.REPLACED_SUFFIX)));
  }

  @Test
  void aFailedReplacingRunLeavesTheOldOutputIntact() throws Exception {
    Path input = textFile(4);
    Path out = tmp.resolve("counts");
    ComponentRun.of(new LineCounter())
        .withParameters(new CountParameters(textFile(2).toString(), false))
        .withOutput("counts", out.toString())
        .run();
    assertThrows(InvalidInputException.class, () -> ComponentRun.of(new LineCounter())
        .withParameters(new CountParameters(input.toString(), true))
        .withOutput("counts", out.toString())
        .withReplaceExisting(true)
        .run());
    assertEquals("2", Files.readString(out.resolve("count")).trim());
    assertEquals(2L, ResolvedArtifact.at(ArtifactType.EXAMPLE_STATISTICS, out.toString()).properties().getLong("lines"));
  }

  @Test
  void rejectsMissingOutputAndUnknownInput() {
    InvalidParameterException missing = assertThrows(InvalidParameterException.class,
        () -> ComponentRun.of(new LineCounter()).run());
    assertEquals("LineCounter: output 'counts' has no location; give one with withOutput(\"counts\", uri)",
        missing.getMessage());

    InvalidParameterException unknown = assertThrows(InvalidParameterException.class,
        () -> ComponentRun.of(new LineCounter())
            .withInput("examples", ResolvedArtifact.at(ArtifactType.EXAMPLES, tmp.toString()))
            .withOutput("counts", tmp.resolve("c").toString())
            .run());
    assertEquals("Component LineCounter has no input 'examples'; its inputs are []", unknown.getMessage());
  }

  @Test
  void parallelismOptionMapsToTheDirectRunnersSetting() {
    var options = BeamRuns.options(List.of("--parallelism=3"));
    assertEquals(3, options.as(org.apache.beam.runners.direct.DirectOptions.class).getTargetParallelism());
  }

  /** Jobs are named after Beamline on an engine's dashboard, not after the class that made the options. */
  @Test
  void jobsAreNamedAfterBeamlineUnlessTheArgumentsNameThem() {
    var options = BeamRuns.options(List.of());
    assertEquals("beamline", options.as(org.apache.beam.sdk.options.ApplicationNameOptions.class).getAppName());
    assertTrue(options.getJobName().startsWith("beamline-"), options.getJobName());
    var named = BeamRuns.options(List.of("--appName=nightly", "--jobName=nightly-1"));
    assertEquals("nightly", named.as(org.apache.beam.sdk.options.ApplicationNameOptions.class).getAppName());
    assertEquals("nightly-1", named.getJobName());
  }

  @Test
  void directRunnerElementChecksAreOffUnlessAskedFor() {
    var direct = BeamRuns.options(List.of()).as(org.apache.beam.runners.direct.DirectOptions.class);
    assertFalse(direct.isEnforceImmutability());
    assertFalse(direct.isEnforceEncodability());
    var strict = BeamRuns.options(List.of("--enforceImmutability=true"))
        .as(org.apache.beam.runners.direct.DirectOptions.class);
    assertTrue(strict.isEnforceImmutability());
  }
}
