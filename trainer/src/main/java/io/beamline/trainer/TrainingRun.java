package io.beamline.trainer;

import io.beamline.core.BeamlineException;
import io.beamline.core.InvalidInputException;
import io.beamline.core.InvalidParameterException;
import io.beamline.core.Json;
import io.beamline.io.examples.Examples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * The training loop: epochs over the streamed train split, evaluation after each, TensorBoard
 * curves, a checkpoint per epoch (resumable), early stopping on eval loss, and export of the best
 * epoch's variables as a SavedModel.
 */
final class TrainingRun {
  static final String FORMAT_SERVING = "Format-Serving";
  static final String METRICS_FILE = "metrics.json";
  static final String PREPROCESSING_FILE = "preprocessing.json";

  private final String examplesUri;
  private final FeaturePlan plan;
  private final TrainerParameters p;
  private final Path checkpointDir;
  private long feedWaitNanos;
  private long stepNanos;
  private long trainExamples;

  TrainingRun(String examplesUri, FeaturePlan plan, TrainerParameters p, Path checkpointDir) {
    this.examplesUri = examplesUri;
    this.plan = plan;
    this.p = p;
    this.checkpointDir = checkpointDir;
  }

  /** What the run produced, for the artifact properties. */
  record Outcome(List<EpochMetrics> history, int bestEpoch, int resumedFromEpoch, boolean stopped) {
    EpochMetrics best() {
      return history.get(bestEpoch - 1);
    }
  }

  Outcome run(Path modelDir, Path modelRunDir) throws IOException {
    List<String> splits = Examples.splits(examplesUri);
    for (String split : List.of(p.trainSplit(), p.evalSplit())) {
      if (!splits.contains(split)) {
        throw new InvalidInputException("Examples at " + examplesUri + " have no split '" + split + "'; splits: "
            + splits);
      }
    }
    Files.createDirectories(checkpointDir);
    String fingerprint = fingerprint();
    CheckpointState state = CheckpointState.read(checkpointDir).orElse(null);
    if (state != null && !state.fingerprint().equals(fingerprint)) {
      throw new InvalidParameterException("Checkpoint directory " + checkpointDir + " holds a training with other"
          + " parameters or statistics; give a new checkpoint directory or the same parameters to resume");
    }
    int resumedFrom = state == null ? 0 : state.epochsDone();
    List<EpochMetrics> history = new ArrayList<>(state == null ? List.of() : state.history());
    int bestEpoch = state == null ? 0 : state.bestEpoch();
    boolean stopped = state != null && state.stopped();
    Files.writeString(modelRunDir.resolve(PREPROCESSING_FILE), Json.writePretty(plan), StandardCharsets.UTF_8);
    Path spillDir = Files.createTempDirectory("beamline-trainer-feeds");
    try (ModelGraph g = ModelGraph.build(plan, p);
        TensorBoardLog log = new TensorBoardLog(modelRunDir.resolve("logs"));
        SplitFeeds train = new SplitFeeds(examplesUri, p.trainSplit(), p.batchSize(), plan, spillDir.resolve("train"));
        SplitFeeds evalFeeds = new SplitFeeds(examplesUri, p.evalSplit(), p.batchSize(), plan, spillDir.resolve("eval"))) {
      if (resumedFrom > 0) {
        g.session.restore(CheckpointState.variables(checkpointDir, resumedFrom).toString());
      }
      // Curves of the resumed epochs too, so the new ModelRun shows the whole training.
      for (EpochMetrics m : history) {
        logEpoch(log, m, plan.head());
      }
      for (int epoch = resumedFrom + 1; epoch <= p.epochs() && !stopped; epoch++) {
        double trainLoss = trainEpoch(g, train);
        Evaluation eval = evaluate(g, evalFeeds, p.evalSplit());
        EpochMetrics m = new EpochMetrics(epoch, trainLoss, eval.loss(), eval.score());
        history.add(m);
        logEpoch(log, m, plan.head());
        if (bestEpoch == 0 || m.evalLoss() < history.get(bestEpoch - 1).evalLoss()) {
          bestEpoch = epoch;
        }
        stopped = EarlyStopping.shouldStop(history, p.patience());
        saveCheckpoint(g.session, epoch, bestEpoch);
        new CheckpointState(fingerprint, history, bestEpoch, stopped).write(checkpointDir);
      }
      if (history.isEmpty()) {
        throw new BeamlineException("No epoch was trained"); // epochs >= 1 is checked by the parameters
      }
      if (bestEpoch != history.size()) {
        g.session.restore(CheckpointState.variables(checkpointDir, bestEpoch).toString());
      }
      SavedModelBundle.exporter(modelDir.resolve(FORMAT_SERVING).toString())
          .withSession(g.session)
          .withSignature(g.signature())
          .export();
    } finally {
      Files.deleteIfExists(spillDir.resolve("train"));
      Files.deleteIfExists(spillDir.resolve("eval"));
      Files.deleteIfExists(spillDir);
    }
    writeMetrics(modelRunDir, history, bestEpoch, resumedFrom, stopped);
    return new Outcome(history, bestEpoch, resumedFrom, stopped);
  }

  private double trainEpoch(ModelGraph g, SplitFeeds split) {
    double lossSum = 0;
    long rows = 0;
    try (PrefetchedFeeds feeds = split.pass()) {
      while (true) {
        long start = System.nanoTime();
        if (!feeds.hasNext()) {
          break;
        }
        try (BatchFeed feed = feeds.next()) {
          long fed = System.nanoTime();
          feedWaitNanos += fed - start;
          try (Result r = feeds(g.session.runner(), g, feed).addTarget(g.train).fetch(g.exampleLoss).run()) {
            lossSum += sum((TFloat32) r.get(0), feed.rows);
          }
          stepNanos += System.nanoTime() - fed;
          rows += feed.rows;
        }
      }
    }
    if (rows == 0) {
      throw new InvalidInputException("The train split '" + p.trainSplit() + "' of " + examplesUri
          + " has no examples; nothing to train on");
    }
    trainExamples += rows;
    return lossSum / rows;
  }

  /**
   * @param auc binary: ROC AUC; multiclass: accuracy; regression: NaN (its loss, the mean squared
   *     error, says it)
   * @param probabilities binary: the probabilities; multiclass: the predicted class ids; regression:
   *     the predictions
   */
  record Evaluation(double loss, double score, float[] probabilities, float[] labels) {}

  /** {@link #evaluate(ModelGraph, SplitFeeds, String)} in one pass straight from the examples, spilling nothing. */
  Evaluation evaluate(ModelGraph g, String split) {
    try (SplitFeeds feeds = new SplitFeeds(examplesUri, split, p.batchSize(), plan, null)) {
      return evaluate(g, feeds, split);
    }
  }

  /** Outputs, labels, mean loss and AUC (see {@link Evaluation}) of a split under the graph's current variables. */
  Evaluation evaluate(ModelGraph g, SplitFeeds feedsOfSplit, String split) {
    float[] probabilities = new float[1024];
    float[] labels = new float[1024];
    int n = 0;
    double lossSum = 0;
    try (PrefetchedFeeds feeds = feedsOfSplit.pass()) {
      while (feeds.hasNext()) {
        try (BatchFeed feed = feeds.next();
            Result r = feeds(g.session.runner(), g, feed).fetch(g.output).fetch(g.exampleLoss).run()) {
          if (n + feed.rows > probabilities.length) {
            int size = Math.max(probabilities.length * 2, n + feed.rows);
            probabilities = Arrays.copyOf(probabilities, size);
            labels = Arrays.copyOf(labels, size);
          }
          TFloat32 prob = (TFloat32) r.get(0);
          for (int i = 0; i < feed.rows; i++) {
            probabilities[n + i] = g.head == Head.MULTICLASS ? argMax(prob, i) : prob.getFloat(i, 0);
          }
          System.arraycopy(feed.labelArray, 0, labels, n, feed.rows);
          lossSum += sum((TFloat32) r.get(1), feed.rows);
          n += feed.rows;
        }
      }
    }
    if (n == 0) {
      throw new InvalidInputException("The eval split '" + split + "' of " + examplesUri + " has no examples");
    }
    double score = switch (g.head) {
      case BINARY -> Auc.of(probabilities, labels, n);
      case MULTICLASS -> accuracy(probabilities, labels, n);
      case REGRESSION -> Math.sqrt(lossSum / n); // the loss is the squared error
    };
    return new Evaluation(lossSum / n, score, Arrays.copyOf(probabilities, n), Arrays.copyOf(labels, n));
  }

  private static float argMax(TFloat32 rows, int i) {
    int best = 0;
    long classes = rows.shape().size(1);
    for (int c = 1; c < classes; c++) {
      if (rows.getFloat(i, c) > rows.getFloat(i, best)) {
        best = c;
      }
    }
    return best;
  }

  private static double accuracy(float[] predicted, float[] labels, int n) {
    int correct = 0;
    for (int i = 0; i < n; i++) {
      correct += predicted[i] == labels[i] ? 1 : 0;
    }
    return (double) correct / n;
  }

  static Session.Runner feeds(Session.Runner runner, ModelGraph g, BatchFeed feed) {
    for (int i = 0; i < g.values.size(); i++) {
      runner.feed(g.values.get(i), feed.values.get(i));
      runner.feed(g.presents.get(i), feed.presents.get(i));
    }
    return runner.feed(g.labels, feed.labels);
  }

  private static double sum(TFloat32 t, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += t.getFloat(i);
    }
    return s;
  }

  private static void logEpoch(TensorBoardLog log, EpochMetrics m, Head head) {
    log.train(m.epoch(), "loss", m.trainLoss());
    log.eval(m.epoch(), "loss", m.evalLoss());
    if (!Double.isNaN(m.evalScore())) {
      log.eval(m.epoch(), head.evalMetric(), m.evalScore());
    }
    log.flush();
  }

  /** Saves this epoch's variables and drops older checkpoints but the best one. */
  private void saveCheckpoint(Session session, int epoch, int bestEpoch) throws IOException {
    Path prefix = CheckpointState.variables(checkpointDir, epoch);
    Files.createDirectories(prefix.getParent());
    session.save(prefix.toString());
    try (Stream<Path> dirs = Files.list(checkpointDir)) {
      for (Path d : dirs.filter(Files::isDirectory).toList()) {
        String name = d.getFileName().toString();
        if (name.startsWith("epoch-") && !name.equals(prefix.getParent().getFileName().toString())
            && !name.equals(CheckpointState.variables(checkpointDir, bestEpoch).getParent().getFileName().toString())) {
          deleteTree(d);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path f : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(f);
      }
    }
  }

  private void writeMetrics(Path modelRunDir, List<EpochMetrics> history, int bestEpoch, int resumedFrom,
      boolean stopped) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("label", plan.label());
    m.put("features", plan.featureNames());
    m.put("eval_metric", p.head().evalMetric());
    m.put("epochs", history);
    m.put("best_epoch", bestEpoch);
    m.put("resumed_from_epoch", resumedFrom);
    m.put("stopped_early", stopped);
    m.put("batch_size", p.batchSize());
    // Where training time went: waiting for the reader thread (data feeding the bottleneck) vs.
    // TensorFlow training steps. Epochs resumed from a checkpoint are not counted.
    double seconds = (stepNanos + feedWaitNanos) / 1e9;
    m.put("feed_wait_seconds", feedWaitNanos / 1e9);
    m.put("train_step_seconds", stepNanos / 1e9);
    m.put("train_examples_per_second", seconds == 0 ? 0 : trainExamples / seconds);
    Files.writeString(modelRunDir.resolve(METRICS_FILE), Json.writePretty(m), StandardCharsets.UTF_8);
  }

  /** Identifies what the variables in a checkpoint depend on: preprocessing and model-shaping parameters. */
  private String fingerprint() {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("plan", plan);
    f.put("model", p.model());
    f.put("hidden_units", p.model() == ModelType.DNN ? p.hiddenUnits() : List.of());
    f.put("optimizer", p.optimizer());
    f.put("learning_rate", p.learningRate());
    f.put("batch_size", p.batchSize());
    f.put("seed", p.seed());
    f.put("examples", examplesUri);
    f.put("splits", List.of(p.trainSplit(), p.evalSplit()));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Json.write(f).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
