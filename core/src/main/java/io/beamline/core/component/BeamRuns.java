package io.beamline.core.component;

import io.beamline.core.BeamlineException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Runs Beam pipelines for executors and turns Beam's wrapped failures back into the real error. */
public final class BeamRuns {
  private BeamRuns() {}

  /**
   * Runs {@code pipeline} to completion.
   *
   * @throws RuntimeException the first {@link BeamlineException} in the failure's causes when there
   *     is one (that is the message a user should read), otherwise Beam's exception
   */
  public static PipelineResult runToCompletion(Pipeline pipeline) {
    try {
      PipelineResult result = pipeline.run();
      PipelineResult.State state = result.waitUntilFinish();
      if (state != PipelineResult.State.DONE) {
        throw new BeamlineException("Beam pipeline did not finish: it ended in state " + state
            + " (see the log above for the failure)");
      }
      return result;
    } catch (RuntimeException e) {
      throw unwrap(e);
    } catch (LinkageError e) {
      // A class missing at run time (e.g. a JVM flag the stack needs) must fail the node, not hang it.
      throw new BeamlineException("Beam pipeline failed: " + e, e);
    }
  }

  /** The Beamline error inside a Beam failure, or the failure itself as an unchecked exception. */
  public static RuntimeException unwrap(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BeamlineException be) {
        return be;
      }
    }
    return e instanceof RuntimeException re ? re : new BeamlineException(e.getMessage(), e);
  }

  /**
   * Beam options from command-line style arguments. {@code --parallelism=N} is accepted as the
   * portable spelling and mapped to the runner's own option (DirectRunner's
   * {@code targetParallelism}, Flink's {@code parallelism}). DirectRunner's per-element
   * immutability and encodability checks are off unless the arguments turn them on.
   */
  public static PipelineOptions options(List<String> args) {
    List<String> mapped = new ArrayList<>();
    boolean flink = args.stream().anyMatch(a -> a.toLowerCase().startsWith("--runner=flink"));
    // DirectRunner re-encodes and compares every element to catch user-code bugs; on real data that
    // costs more than the work itself (15x on the taxi data), so it is off unless asked for.
    if (args.stream().noneMatch(a -> a.startsWith("--enforceImmutability"))) {
      mapped.add("--enforceImmutability=false");
    }
    if (args.stream().noneMatch(a -> a.startsWith("--enforceEncodability"))) {
      mapped.add("--enforceEncodability=false");
    }
    for (String a : args) {
      if (a.startsWith("--parallelism=") && !flink) {
        mapped.add("--targetParallelism=" + a.substring("--parallelism=".length()));
      } else {
        mapped.add(a);
      }
    }
    return PipelineOptionsFactory.fromArgs(mapped.toArray(String[]::new)).withValidation().create();
  }
}
