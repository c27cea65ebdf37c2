package io.beamline.orchestrator;

import io.beamline.core.InvalidInputException;
import io.beamline.core.component.ArtifactProperties;
import io.beamline.core.component.ArtifactType;
import io.beamline.core.component.ArtifactUris;
import io.beamline.core.component.BeamRuns;
import io.beamline.core.component.ChannelSpec;
import io.beamline.core.component.Component;
import io.beamline.core.component.ComponentSpec;
import io.beamline.core.component.Executor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Small real components for orchestrator tests: each runs a Beam pipeline over text files. A
 * "poison" file makes an executor fail while it exists, so a test can fix the failure without
 * changing parameters (and so without changing the cache key).
 */
public final class TestComponents {
  static final ArtifactType TEXT = new ArtifactType("Text");
  static final ArtifactType COUNTS = new ArtifactType("LineCounts");

  private TestComponents() {}

  public record WriteParameters(List<String> lines) {}

  public record PoisonParameters(String poisonFile) {
    void failIfPoisoned(String component) {
      if (!poisonFile.isEmpty() && Files.exists(Path.of(poisonFile))) {
        throw new InvalidInputException(component + " poisoned by " + poisonFile);
      }
    }
  }

  public static WriteText writeText() {
    return new WriteText();
  }

  public static CountLines countLines() {
    return new CountLines();
  }

  public static Concat concat() {
    return new Concat();
  }

  public static final class WriteText implements Component<WriteParameters> {
    @Override
    public ComponentSpec<WriteParameters> spec() {
      return ComponentSpec.named("WriteText", new WriteParameters(List.of("a", "b")))
          .withOutput("text", TEXT);
    }

    @Override
    public Executor<WriteParameters> executor() {
      return context -> {
        Pipeline p = Pipeline.create(context.options());
        p.apply(Create.of(context.parameters().lines()).withCoder(StringUtf8Coder.of()))
            .apply(TextIO.write().to(ArtifactUris.child(context.outputUri("text"), "lines.txt")).withoutSharding());
        BeamRuns.runToCompletion(p);
        return Map.of("text", ArtifactProperties.empty().with("line_count", context.parameters().lines().size()));
      };
    }
  }

  public static final class CountLines implements Component<PoisonParameters> {
    @Override
    public ComponentSpec<PoisonParameters> spec() {
      return ComponentSpec.named("CountLines", new PoisonParameters(""))
          .withInput(ChannelSpec.required("text", TEXT))
          .withOutput("counts", COUNTS);
    }

    @Override
    public Executor<PoisonParameters> executor() {
      return context -> {
        context.parameters().failIfPoisoned("CountLines");
        Pipeline p = Pipeline.create(context.options());
        p.apply(TextIO.read().from(ArtifactUris.child(context.input("text").uri(), "*.txt")))
            .apply(Count.globally())
            .apply(MapElements.into(TypeDescriptors.strings()).via((SerializableFunction<Long, String>) String::valueOf))
            .apply(TextIO.write().to(ArtifactUris.child(context.outputUri("counts"), "count.txt")).withoutSharding());
        BeamRuns.runToCompletion(p);
        long count = Long.parseLong(Files.readString(Path.of(context.outputUri("counts"), "count.txt")).trim());
        return Map.of("counts", ArtifactProperties.empty().with("lines", count));
      };
    }
  }

  public static final class Concat implements Component<PoisonParameters> {
    @Override
    public ComponentSpec<PoisonParameters> spec() {
      return ComponentSpec.named("Concat", new PoisonParameters(""))
          .withInput(ChannelSpec.required("left", TEXT))
          .withInput(ChannelSpec.required("right", TEXT))
          .withOutput("text", TEXT);
    }

    @Override
    public Executor<PoisonParameters> executor() {
      return context -> {
        context.parameters().failIfPoisoned("Concat");
        Pipeline p = Pipeline.create(context.options());
        PCollectionList.of(p.apply("Left", TextIO.read().from(ArtifactUris.child(context.input("left").uri(), "*.txt"))))
            .and(p.apply("Right", TextIO.read().from(ArtifactUris.child(context.input("right").uri(), "*.txt"))))
            .apply(Flatten.pCollections())
            .apply(TextIO.write().to(ArtifactUris.child(context.outputUri("text"), "lines.txt")).withoutSharding());
        BeamRuns.runToCompletion(p);
        return Map.of();
      };
    }
  }

  public record BlockParameters(String markerFile, String releaseFile) {}

  /**
   * Writes into its (staging) output, creates a marker file so a test knows it is inside the node,
   * then waits for a release file; a test that never creates it can kill the process mid-node.
   */
  public static final class Block implements Component<BlockParameters> {
    @Override
    public ComponentSpec<BlockParameters> spec() {
      return ComponentSpec.named("Block", new BlockParameters("", ""))
          .withOutput("text", TEXT);
    }

    @Override
    public Executor<BlockParameters> executor() {
      return context -> {
        Files.writeString(Path.of(context.outputUri("text"), "partial.txt"), "half-written");
        Files.writeString(Path.of(context.parameters().markerFile()), "inside");
        Path release = Path.of(context.parameters().releaseFile());
        while (!Files.exists(release)) {
          Thread.sleep(50);
        }
        return Map.of();
      };
    }
  }

  public record ModelParameters(double quality) {}

  /** "Trains" a model of a given quality: writes it down, as a real trainer writes its SavedModel. */
  public static final class FakeTrainer implements Component<ModelParameters> {
    @Override
    public ComponentSpec<ModelParameters> spec() {
      return ComponentSpec.named("FakeTrainer", new ModelParameters(0.5))
          .withOutput("model", ArtifactType.MODEL);
    }

    @Override
    public Executor<ModelParameters> executor() {
      return context -> {
        Files.writeString(Path.of(context.outputUri("model"), "quality.txt"),
            String.valueOf(context.parameters().quality()));
        return Map.of("model", ArtifactProperties.empty().with("quality", context.parameters().quality()));
      };
    }
  }

  public record JudgeParameters() {}

  /** Blesses a model that beats the baseline (or any model when there is none), as the Evaluator does. */
  public static final class Judge implements Component<JudgeParameters> {
    @Override
    public ComponentSpec<JudgeParameters> spec() {
      return ComponentSpec.named("Judge", new JudgeParameters())
          .withInput(ChannelSpec.required("model", ArtifactType.MODEL))
          .withInput(ChannelSpec.optional("baseline_model", ArtifactType.MODEL))
          .withOutput("blessing", ArtifactType.MODEL_BLESSING);
    }

    @Override
    public Executor<JudgeParameters> executor() {
      return context -> {
        var model = context.input("model");
        var baseline = context.optionalInput("baseline_model");
        boolean blessed = baseline.isEmpty()
            || model.properties().getDouble("quality") > baseline.get().properties().getDouble("quality");
        Files.writeString(Path.of(context.outputUri("blessing"), blessed ? "BLESSED" : "NOT_BLESSED"), "");
        ArtifactProperties props = ArtifactProperties.empty().with("blessed", blessed)
            .with("candidate_model_id", model.id());
        if (baseline.isPresent()) {
          props = props.with("baseline_model_id", baseline.get().id());
        }
        return Map.of("blessing", props);
      };
    }
  }

  public record ChattyParameters(int lines, boolean fail) {}

  /**
   * Prints {@code lines} numbered lines from the node's thread, one line from each element inside a
   * Beam pipeline (the DirectRunner's worker threads), a {@code java.util.logging} warning, and then
   * fails if asked: what a node's log must hold.
   */
  public static final class Chatty implements Component<ChattyParameters> {
    @Override
    public ComponentSpec<ChattyParameters> spec() {
      return ComponentSpec.named("Chatty", new ChattyParameters(3, false)).withOutput("text", TEXT);
    }

    @Override
    public Executor<ChattyParameters> executor() {
      return context -> {
        for (int i = 0; i < context.parameters().lines(); i++) {
          System.out.println("chatty line " + i);
        }
        System.err.println("chatty on stderr");
        java.util.logging.Logger.getLogger("chatty").warning("chatty warning via JUL");
        Pipeline p = Pipeline.create(context.options());
        p.apply(Create.of(List.of("w1", "w2")).withCoder(StringUtf8Coder.of()))
            .apply(MapElements.into(TypeDescriptors.strings()).via((SerializableFunction<String, String>) s -> {
              System.out.println("beam worker says " + s);
              return s;
            }));
        BeamRuns.runToCompletion(p);
        if (context.parameters().fail()) {
          throw new InvalidInputException("chatty failed on purpose");
        }
        return Map.of();
      };
    }
  }

  public record PushParameters(String destination) {}

  /** Pushes a blessed model (copies its quality file under the destination), as the Pusher does. */
  public static final class FakePusher implements Component<PushParameters> {
    @Override
    public ComponentSpec<PushParameters> spec() {
      return ComponentSpec.named("FakePusher", new PushParameters("/nowhere"))
          .withInput(ChannelSpec.required("model", ArtifactType.MODEL))
          .withInput(ChannelSpec.required("blessing", ArtifactType.MODEL_BLESSING))
          .withOutput("pushed_model", ArtifactType.PUSHED_MODEL);
    }

    @Override
    public Executor<PushParameters> executor() {
      return context -> {
        boolean blessed = context.input("blessing").properties().getBoolean("blessed");
        Files.writeString(Path.of(context.outputUri("pushed_model"), "PUSHED"), String.valueOf(blessed));
        if (blessed) {
          Path version = Files.createDirectories(Path.of(context.parameters().destination(),
              String.valueOf(context.input("model").id())));
          Files.copy(Path.of(context.input("model").uri(), "quality.txt"), version.resolve("quality.txt"));
        }
        return Map.of("pushed_model", ArtifactProperties.empty().with("pushed", blessed));
      };
    }
  }
}
