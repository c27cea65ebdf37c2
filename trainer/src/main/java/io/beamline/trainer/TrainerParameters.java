package io.beamline.trainer;

import io.beamline.core.InvalidParameterException;
import java.util.List;
import java.util.Objects;

/**
 * Parameters of {@link Trainer}. Build from {@link #forLabel(String)} and the {@code withX} methods.
 *
 * @param label the label feature: 0/1 (binary head), a class id (multiclass), a number (regression)
 * @param features the features to train on; empty (default) means every schema feature but the
 *     label and the excluded ones
 * @param exclude features left out of the default feature list (e.g. one that leaks the label)
 * @param model {@link ModelType#LINEAR} (default) or {@link ModelType#DNN}
 * @param hiddenUnits hidden layer sizes of the DNN (default 32, 16); ignored by the linear model
 * @param optimizer {@link OptimizerType#ADAM} (default) or SGD
 * @param learningRate the optimizer's step size (default 0.01)
 * @param batchSize examples per training step; also the streaming read size. 0 (default): chosen
 *     from the train split's size so that an epoch has at least about 256 steps, between 256 and 4096
 *     (see {@link #effectiveBatchSize}): small data keeps small steps, big data gets fewer, larger ones
 * @param epochs passes over the train split (default 10)
 * @param patience stop when the eval loss has not improved for this many epochs (default 2), and keep
 *     the best epoch's weights; 0 never stops early
 * @param seed seeds the initial weights (default 42); same seed, data and parameters give the same model on CPU
 * @param maxVocabularySize the most string values one-hot encoded per feature, taken from the
 *     statistics' top values (default 64); a schema string domain, when present and not larger, is used instead
 * @param bucketize numeric features additionally one-hot encoded by the statistics' quantile boundaries
 * @param trainSplit the split to train on (default {@code train})
 * @param evalSplit the split to evaluate on each epoch (default {@code eval})
 * @param checkpointDir where variables are saved each epoch; a run finding a compatible checkpoint
 *     there resumes from it. Empty (default): {@code <model_run>/checkpoints}, which a new run never finds
 * @param threads TensorFlow CPU threads within and between ops; 1 (default) makes a training
 *     reproducible bit for bit (multi-threaded CPU kernels may split and round differently per run);
 *     0 lets TensorFlow use every core
 * @param head {@link Head#BINARY} (default: a 0/1 label, sigmoid output {@code probability}),
 *     {@link Head#MULTICLASS} (integer class ids 0 .. K-1 or string class names, softmax output
 *     {@code probabilities} [batch, K]) or {@link Head#REGRESSION} (a number, squared error, output {@code prediction})
 */
public record TrainerParameters(
    String label,
    List<String> features,
    List<String> exclude,
    ModelType model,
    List<Integer> hiddenUnits,
    OptimizerType optimizer,
    double learningRate,
    int batchSize,
    int epochs,
    int patience,
    long seed,
    int maxVocabularySize,
    List<String> bucketize,
    String trainSplit,
    String evalSplit,
    String checkpointDir,
    int threads,
    Head head) {

  public TrainerParameters {
    Objects.requireNonNull(label, "label");
    features = List.copyOf(features);
    exclude = List.copyOf(exclude);
    Objects.requireNonNull(model, "model");
    hiddenUnits = List.copyOf(hiddenUnits);
    Objects.requireNonNull(optimizer, "optimizer");
    bucketize = List.copyOf(bucketize);
    Objects.requireNonNull(trainSplit, "trainSplit");
    Objects.requireNonNull(evalSplit, "evalSplit");
    Objects.requireNonNull(checkpointDir, "checkpointDir");
    Objects.requireNonNull(head, "head");
    for (Integer units : hiddenUnits) {
      if (units == null || units < 1) {
        throw new InvalidParameterException("hidden_units must all be >= 1, got " + hiddenUnits);
      }
    }
    if (model == ModelType.DNN && hiddenUnits.isEmpty()) {
      throw new InvalidParameterException("model DNN needs at least one hidden layer size");
    }
    if (!(learningRate > 0 && Double.isFinite(learningRate))) {
      throw new InvalidParameterException("learning_rate must be a positive number, got " + learningRate);
    }
    if (batchSize < 0) {
      throw new InvalidParameterException("batch_size must be >= 1, or 0 to choose from the data, got " + batchSize);
    }
    if (epochs < 1) {
      throw new InvalidParameterException("epochs must be >= 1, got " + epochs);
    }
    if (patience < 0) {
      throw new InvalidParameterException("patience must be >= 0 (0: no early stopping), got " + patience);
    }
    if (maxVocabularySize < 1) {
      throw new InvalidParameterException("max_vocabulary_size must be >= 1, got " + maxVocabularySize);
    }
    if (threads < 0) {
      throw new InvalidParameterException("threads must be >= 0 (0: all cores), got " + threads);
    }
    if (trainSplit.equals(evalSplit)) {
      throw new InvalidParameterException("train and eval splits must differ, both are '" + trainSplit + "'");
    }
  }

  /** The defaults with no label, as a component spec needs; a run must set one with {@link #withLabel}. */
  public static TrainerParameters defaults() {
    return forLabel("");
  }

  /** Default parameters for a label feature. */
  public static TrainerParameters forLabel(String label) {
    return new TrainerParameters(label, List.of(), List.of(), ModelType.LINEAR, List.of(32, 16),
        OptimizerType.ADAM, 0.01, 0, 10, 2, 42L, 64, List.of(), "train", "eval", "", 1, Head.BINARY);
  }

  public TrainerParameters withLabel(String l) {
    return new TrainerParameters(l, features, exclude, model, hiddenUnits, optimizer, learningRate, batchSize,
        epochs, patience, seed, maxVocabularySize, bucketize, trainSplit, evalSplit, checkpointDir, threads, head);
  }

  public TrainerParameters withFeatures(List<String> f) {
    return new TrainerParameters(label, f, exclude, model, hiddenUnits, optimizer, learningRate, batchSize,
        epochs, patience, seed, maxVocabularySize, bucketize, trainSplit, evalSplit, checkpointDir, threads, head);
  }

  public TrainerParameters withExclude(List<String> e) {
    return new TrainerParameters(label, features, e, model, hiddenUnits, optimizer, learningRate, batchSize,
        epochs, patience, seed, maxVocabularySize, bucketize, trainSplit, evalSplit, checkpointDir, threads, head);
  }

  public TrainerParameters withLinear() {
    return new TrainerParameters(label, features, exclude, ModelType.LINEAR, hiddenUnits, optimizer, learningRate,
        batchSize, epochs, patience, seed, maxVocabularySize, bucketize, trainSplit, evalSplit, checkpointDir, threads, head);
  }

  public TrainerParameters withDnn(List<Integer> hidden) {
    return new TrainerParameters(label, features, exclude, ModelType.DNN, hidden, optimizer, learningRate,
        batchSize, epochs, patience, seed, maxVocabularySize, bucketize, trainSplit, evalSplit, checkpointDir, threads, head);
  }

  public TrainerParameters withOptimizer(OptimizerType o, double rate) {
    return new TrainerParameters(label, features, exclude, model, hiddenUnits, o, rate, batchSize,
        epochs, patience, seed, maxVocabularySize, bucketize, trainSplit, evalSplit, checkpointDir, threads, head);
  }

  public TrainerParameters withBatchSize(int size) {
    return new TrainerParameters(label, features, exclude, model, hiddenUnits, optimizer, learningRate, size,
        epochs, patience, seed, maxVocabularySize, bucketize, trainSplit, evalSplit, checkpointDir, threads, head);
  }

  public TrainerParameters withEpochs(int n) {
    return new TrainerParameters(label, features, exclude, model, hiddenUnits, optimizer, learningRate, batchSize,
        n, patience, seed, maxVocabularySize, bucketize, trainSplit, evalSplit, checkpointDir, threads, head);
  }

  public TrainerParameters withPatience(int p) {
    return new TrainerParameters(label, features, exclude, model, hiddenUnits, optimizer, learningRate, batchSize,
        epochs, p, seed, maxVocabularySize, bucketize, trainSplit, evalSplit, checkpointDir, threads, head);
  }

  public TrainerParameters withSeed(long s) {
    return new TrainerParameters(label, features, exclude, model, hiddenUnits, optimizer, learningRate, batchSize,
        epochs, patience, s, maxVocabularySize, bucketize, trainSplit, evalSplit, checkpointDir, threads, head);
  }

  public TrainerParameters withMaxVocabularySize(int size) {
    return new TrainerParameters(label, features, exclude, model, hiddenUnits, optimizer, learningRate, batchSize,
        epochs, patience, seed, size, bucketize, trainSplit, evalSplit, checkpointDir, threads, head);
  }

  public TrainerParameters withBucketize(List<String> b) {
    return new TrainerParameters(label, features, exclude, model, hiddenUnits, optimizer, learningRate, batchSize,
        epochs, patience, seed, maxVocabularySize, b, trainSplit, evalSplit, checkpointDir, threads, head);
  }

  public TrainerParameters withSplits(String train, String eval) {
    return new TrainerParameters(label, features, exclude, model, hiddenUnits, optimizer, learningRate, batchSize,
        epochs, patience, seed, maxVocabularySize, bucketize, train, eval, checkpointDir, threads, head);
  }

  public TrainerParameters withCheckpointDir(String dir) {
    return new TrainerParameters(label, features, exclude, model, hiddenUnits, optimizer, learningRate, batchSize,
        epochs, patience, seed, maxVocabularySize, bucketize, trainSplit, evalSplit, dir, threads, head);
  }

  public TrainerParameters withThreads(int n) {
    return new TrainerParameters(label, features, exclude, model, hiddenUnits, optimizer, learningRate, batchSize,
        epochs, patience, seed, maxVocabularySize, bucketize, trainSplit, evalSplit, checkpointDir, n, head);
  }

  public TrainerParameters withHead(Head h) {
    return new TrainerParameters(label, features, exclude, model, hiddenUnits, optimizer, learningRate, batchSize,
        epochs, patience, seed, maxVocabularySize, bucketize, trainSplit, evalSplit, checkpointDir, threads, h);
  }

  /** The batch size a training of {@code trainExamples} uses: the given one, or (0) the chosen one. */
  public int effectiveBatchSize(long trainExamples) {
    if (batchSize > 0) {
      return batchSize;
    }
    long perStep = Math.max(1, trainExamples / MIN_STEPS_PER_EPOCH);
    return (int) Math.max(MIN_AUTO_BATCH, Math.min(MAX_AUTO_BATCH, Long.highestOneBit(perStep)));
  }

  /** Bounds of the chosen batch size, and the steps an epoch keeps at least (when the data allows). */
  static final int MIN_AUTO_BATCH = 256;
  static final int MAX_AUTO_BATCH = 4096;
  static final int MIN_STEPS_PER_EPOCH = 256;
}
