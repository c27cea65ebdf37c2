package io.beamline.core.component;

import io.beamline.core.BeamlineException;
import io.beamline.core.InvalidParameterException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Runs Beam pipelines for executors and turns Beam's wrapped failures back into the real error. */
public final class BeamRuns {
  /** The application name Beam options get unless the arguments give one ({@code --appName}). */
  public static final String APP_NAME = "beamline";
  private static final boolean DIRECT_RUNNER = onClasspath("org.apache.beam.runners.direct.DirectOptions");

  private BeamRuns() {}

  /**
   * Runs {@code pipeline} to completion.
   *
   * @throws RuntimeException the first {@link BeamlineException} in the failure's causes when there
   *     is one (that is the message a user should read); on another runner than the DirectRunner a
   *     {@link BeamlineException} naming the runner, the job and the root cause (a cluster's failure,
   *     such as a lost worker, is several wrappers deep in the engine's exceptions); otherwise
   *     Beam's exception
   */
  public static PipelineResult runToCompletion(Pipeline pipeline) {
    Set<Thread> workersBefore = directRunnerWorkers();
    try {
      PipelineResult result = pipeline.run();
      PipelineResult.State state = result.waitUntilFinish();
      if (state != PipelineResult.State.DONE) {
        // Seen on the DirectRunner: after an Error in two workers at once it returned RUNNING and went
        // on firing timers at full CPU for good. A job reported as failed must not keep running.
        if (state == null || !state.isTerminal()) {
          cancelQuietly(result);
          awaitWorkersEnded(workersBefore);
        }
        throw new BeamlineException(job(pipeline.getOptions()) + " did not finish: it ended in state " + state
            + " (see the log above for the failure)" + HeapCheck.afterFailure());
      }
      return result;
    } catch (RuntimeException e) {
      awaitWorkersEnded(workersBefore);
      RuntimeException cause = unwrap(e);
      OutOfMemoryError oom = isDirectRunner(pipeline.getOptions()) ? HeapCheck.outOfMemory(e) : null;
      if (oom != null) {
        // in this JVM: say so first, with the remedy, instead of Beam's wrapper around the error
        throw new BeamlineException(job(pipeline.getOptions()) + " ran out of memory (" + describe(oom) + ")"
            + HeapCheck.remedy(Runtime.getRuntime().maxMemory()), e);
      }
      if (cause instanceof BeamlineException || isDirectRunner(pipeline.getOptions())) {
        throw cause;
      }
      throw new BeamlineException(job(pipeline.getOptions()) + " failed: " + causes(e), e);
    } catch (LinkageError e) {
      // A class missing at run time (e.g. a JVM flag the stack needs) must fail the node, not hang it.
      throw new BeamlineException("Beam pipeline failed: " + e, e);
    }
  }

  private static void cancelQuietly(PipelineResult result) {
    try {
      result.cancel();
    } catch (IOException | RuntimeException e) {
      // Best effort: the failure being reported is the one that matters.
    }
  }

  /** "Beam job 'NAME' on RUNNER", for a failure's message. */
  private static String job(PipelineOptions options) {
    return "Beam job '" + options.getJobName() + "' on " + options.getRunner().getSimpleName();
  }

  private static boolean isDirectRunner(PipelineOptions options) {
    return options.getRunner().getSimpleName().equals("DirectRunner");
  }

  /**
   * What the engine said and why, each "Type: message" (first line): the failure's first cause (the
   * engine's own, e.g. Flink's "Job failed (JobID: ...)" under Beam's "Pipeline execution failed")
   * and the innermost cause with a message, when that is another.
   */
  private static String causes(Throwable e) {
    Throwable first = e.getCause() != null ? e.getCause() : e;
    Throwable root = first;
    for (Throwable t = first; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        root = t;
      }
    }
    return root == first ? describe(first) : describe(first) + "; root cause: " + describe(root);
  }

  private static String describe(Throwable t) {
    String message = t.getMessage() == null ? "" : t.getMessage().lines().findFirst().orElse("");
    return t.getClass().getSimpleName() + ": " + message;
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
   * immutability and encodability checks are off unless the arguments turn them on. Options that
   * submit to a remote cluster are completed by the runner module on the class path ({@link
   * RemoteSubmission}: the files to stage and the engine's client settings).
   */
  public static PipelineOptions options(List<String> given) {
    List<String> args = forRemoteCluster(given);
    List<String> mapped = new ArrayList<>();
    boolean flink = args.stream().anyMatch(a -> a.toLowerCase().startsWith("--runner=flink"));
    // Beam names an application after the class that made its options (here: BeamRuns), and a job
    // after the application: the engines' dashboards would list "BeamRuns" and "beamruns-root-...".
    if (args.stream().noneMatch(a -> a.startsWith("--appName"))) {
      mapped.add("--appName=" + APP_NAME);
    }
    // DirectRunner re-encodes and compares every element to catch user-code bugs; on real data that
    // costs more than the work itself (15x on the taxi data), so it is off unless asked for. Its
    // options exist only where the DirectRunner is on the classpath (not in a module that runs no
    // pipeline, such as the pusher).
    if (DIRECT_RUNNER && args.stream().noneMatch(a -> a.startsWith("--enforceImmutability"))) {
      mapped.add("--enforceImmutability=false");
    }
    if (DIRECT_RUNNER && args.stream().noneMatch(a -> a.startsWith("--enforceEncodability"))) {
      mapped.add("--enforceEncodability=false");
    }
    for (String a : args) {
      if (a.startsWith("--parallelism=") && !flink && DIRECT_RUNNER) {
        mapped.add("--targetParallelism=" + a.substring("--parallelism=".length()));
      } else {
        mapped.add(a);
      }
    }
    boolean runnerNamed = args.stream().anyMatch(a -> a.startsWith("--runner="));
    try {
      if (!DIRECT_RUNNER && !runnerNamed) {
        // No runner at all (a component that runs no pipeline, e.g. the pusher, which only needs the
        // file systems these options register): validation would insist on one.
        return PipelineOptionsFactory.fromArgs(mapped.toArray(String[]::new)).create();
      }
      return PipelineOptionsFactory.fromArgs(mapped.toArray(String[]::new)).withValidation().create();
    } catch (IllegalArgumentException e) {
      // an unknown or malformed option, or a runner not on the class path: Beam's own words
      throw new InvalidParameterException("Beam options " + given + ": " + e.getMessage());
    }
  }

  private static List<String> forRemoteCluster(List<String> args) {
    List<String> completed = List.copyOf(args);
    for (RemoteSubmission runner : ServiceLoader.load(RemoteSubmission.class, BeamRuns.class.getClassLoader())) {
      completed = runner.complete(completed);
    }
    return completed;
  }

  private static boolean onClasspath(String className) {
    try {
      Class.forName(className, false, BeamRuns.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /**
   * A failed DirectRunner pipeline returns while its workers may still finish the bundles they hold
   * (its executor is shut down, not awaited), writing into the output's staging directory. The
   * caller then abandons or removes that directory, so it waits (at most 10 s) for the workers this
   * pipeline started to end first.
   */
  private static void awaitWorkersEnded(Set<Thread> before) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (Thread t : directRunnerWorkers()) {
      if (before.contains(t)) {
        continue;
      }
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        return;
      }
      try {
        t.join(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static Set<Thread> directRunnerWorkers() {
    Set<Thread> workers = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("direct-runner-worker")) {
        workers.add(t);
      }
    }
    return workers;
  }
}
