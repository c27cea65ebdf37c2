package io.beamline.runner.spark;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.storage.RDDInfo;
import scala.collection.JavaConverters;

/**
 * What each executor did, seen from the driver (this test JVM): a Spark listener registered with
 * {@code spark.extraListeners}, which Beam's SparkRunner's SparkConf reads from the system
 * properties. Beam names each step's RDD after its transform, so a stage is known by the steps it
 * computes; a task's end gives its executor.
 */
public final class ExecutorWork extends SparkListener {
  private static final Map<Integer, Set<String>> STEPS_OF_STAGE = new ConcurrentHashMap<>();
  private static final Map<Integer, Map<String, Long>> TASKS_ENDED = new ConcurrentHashMap<>();
  private static final Map<Integer, Integer> TASKS_STARTED = new ConcurrentHashMap<>();

  /** Spark makes one per SparkContext (a job): the records kept are the class's. */
  public ExecutorWork() {}

  static void clear() {
    STEPS_OF_STAGE.clear();
    TASKS_ENDED.clear();
    TASKS_STARTED.clear();
  }

  /** Whether a task of a stage that computes a step named like {@code step} has started. */
  static boolean started(String step) {
    return STEPS_OF_STAGE.entrySet().stream()
        .anyMatch(e -> TASKS_STARTED.containsKey(e.getKey()) && e.getValue().stream().anyMatch(s -> s.contains(step)));
  }

  /**
   * Tasks run per executor, summed over the stages that compute a step whose name contains
   * {@code step} (a source's stage runs one task per split).
   */
  static Map<String, Long> tasksRunBy(String step) {
    Map<String, Long> run = new TreeMap<>();
    STEPS_OF_STAGE.forEach((stage, steps) -> {
      if (steps.stream().anyMatch(s -> s.contains(step))) {
        TASKS_ENDED.getOrDefault(stage, Map.of()).forEach((executor, n) -> run.merge(executor, n, Long::sum));
      }
    });
    return run;
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
    List<RDDInfo> rdds = JavaConverters.seqAsJavaList(submitted.stageInfo().rddInfos());
    Set<String> names = ConcurrentHashMap.newKeySet();
    rdds.forEach(r -> names.add(r.name()));
    STEPS_OF_STAGE.put(submitted.stageInfo().stageId(), names);
  }

  @Override
  public void onTaskStart(SparkListenerTaskStart start) {
    TASKS_STARTED.merge(start.stageId(), 1, Integer::sum);
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    TASKS_ENDED.computeIfAbsent(end.stageId(), s -> new ConcurrentHashMap<>())
        .merge(end.taskInfo().executorId(), 1L, Long::sum);
  }
}
