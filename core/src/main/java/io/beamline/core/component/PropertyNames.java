package io.beamline.core.component;

/**
 * The names of the properties Beamline's artifacts carry, in one place: a component writes them,
 * and other components, the orchestrator's resolvers and the command line read them, so a name is
 * never spelled twice. Grouped by the artifact type that carries them; names shared by several
 * types (split names, span, version) appear once.
 */
public final class PropertyNames {
  private PropertyNames() {}

  // Any artifact with splits (Examples, ExampleStatistics, ExampleAnomalies)

  /** The split names, a list of strings in output order. */
  public static final String SPLIT_NAMES = "split_names";
  /** The one split a Schema was inferred from. */
  public static final String SPLIT = "split";

  // Examples

  /** Examples per split, a map from split name to count. */
  public static final String SPLIT_COUNTS = "split_counts";
  /** The span (a whole number; 0 when the input has none). */
  public static final String SPAN = "span";
  /** The version of a span (Examples) or of a push (PushedModel), a whole number. */
  public static final String VERSION = "version";
  /** Feature types, a map from feature name to {@code FeatureType} name. */
  public static final String FEATURE_TYPES = "feature_types";
  /** {@code tfrecord} or {@code parquet}. */
  public static final String PAYLOAD_FORMAT = "payload_format";
  /** Fingerprint of the external input files (names, sizes, modification times). */
  public static final String INPUT_FINGERPRINT = "input_fingerprint";

  // Rejects (ExampleGen's rejected rows)

  /** Rows that could not become examples. */
  public static final String REJECT_COUNT = "reject_count";
  /** Rows read: examples plus rejects. */
  public static final String ROW_COUNT = "row_count";
  /** How many times the input was read (1, or 2 after a wrong type guess). */
  public static final String READ_PASSES = "read_passes";

  // Schema

  /** Features the schema declares. */
  public static final String NUM_FEATURES = "num_features";

  // ExampleAnomalies

  /** Anomalies per split, a map from split name to count. */
  public static final String ANOMALY_COUNT = "anomaly_count";
  /** Whether any anomaly has ERROR severity. */
  public static final String HAS_ERRORS = "has_errors";
  /** Row validation: examples checked. */
  public static final String EXAMPLES_CHECKED = "examples_checked";
  /** Row validation: examples with at least one anomaly. */
  public static final String EXAMPLES_WITH_ANOMALIES = "examples_with_anomalies";
  /** Row validation: whether any example had an anomaly. */
  public static final String HAS_ANOMALIES = "has_anomalies";

  // Model and ModelRun

  /** {@code linear} or {@code dnn}. */
  public static final String MODEL_TYPE = "model_type";
  /** The label feature. */
  public static final String LABEL = "label";
  /** The input features, a list of names. */
  public static final String FEATURES = "features";
  /** Epochs trained. */
  public static final String EPOCHS_RUN = "epochs_run";
  /** The epoch whose weights were kept. */
  public static final String BEST_EPOCH = "best_epoch";
  /** Whether early stopping ended training. */
  public static final String STOPPED_EARLY = "stopped_early";
  /** The epoch a resumed training started from. */
  public static final String RESUMED_FROM_EPOCH = "resumed_from_epoch";
  /** Binary models: ROC AUC on the eval split at the kept epoch (also their {@link #EVAL_SCORE}). */
  public static final String EVAL_AUC = "eval_auc";
  /** Model with a multiclass head on a string label: the class of each output column, in order. */
  public static final String CLASS_NAMES = "class_names";
  /** Model: which metric {@link #EVAL_SCORE} is (auc, accuracy or rmse, by the model's head). */
  public static final String EVAL_METRIC = "eval_metric";
  /** Model: the best epoch's {@link #EVAL_METRIC} over the eval split. */
  public static final String EVAL_SCORE = "eval_score";
  /** Loss on the eval split at the kept epoch. */
  public static final String EVAL_LOSS = "eval_loss";
  /** The per-epoch metrics file, relative to the ModelRun. */
  public static final String METRICS_FILE = "metrics_file";

  // ModelEvaluation

  /** Examples evaluated. */
  public static final String EXAMPLE_COUNT = "example_count";
  /** Slices reported. */
  public static final String SLICE_COUNT = "slice_count";
  /** Slices smaller than the minimum size, not reported. */
  public static final String HIDDEN_SLICES = "hidden_slices";
  /** The overall metrics, a map from metric name to value. */
  public static final String OVERALL = "overall";
  /** The HTML view, relative to the artifact. */
  public static final String HTML_FILE = "html_file";

  // ModelBlessing

  /** Whether the candidate passed every check. */
  public static final String BLESSED = "blessed";
  /** Why it was or was not blessed (also why a model was not pushed). */
  public static final String MESSAGE = "message";
  /** Whether the threshold checks passed. */
  public static final String VALIDATION_OK = "validation_ok";
  /** The threshold checks' outcome, in words. */
  public static final String VALIDATION_STATUS = "validation_status";
  /** The store id of the evaluated model, when known. */
  public static final String CANDIDATE_MODEL_ID = "candidate_model_id";
  /** The URI of the evaluated model. */
  public static final String CANDIDATE_MODEL_URI = "candidate_model_uri";
  /** The content fingerprint of the evaluated model ({@link ModelFingerprint}). */
  public static final String CANDIDATE_MODEL_FINGERPRINT = "candidate_model_fingerprint";
  /** The store id of the baseline model, when there was one. */
  public static final String BASELINE_MODEL_ID = "baseline_model_id";
  /** The URI of the baseline model, when there was one. */
  public static final String BASELINE_MODEL_URI = "baseline_model_uri";

  // PushedModel

  /** Whether the model was pushed. */
  public static final String PUSHED = "pushed";
  /** Why it was not pushed. */
  public static final String REASON = "reason";
  /** The serving base directory or URI. */
  public static final String BASE = "base";
  /** Where the version was written. */
  public static final String DESTINATION = "destination";
  /** The store id of the pushed model. */
  public static final String MODEL_ID = "model_id";
  /** The store id of the blessing it was pushed on. */
  public static final String BLESSING_ID = "blessing_id";

  // MonitorAnomalies

  /** Whether the data set drifted from the previous span (the automatic drift verdict). */
  public static final String DRIFT_DETECTED = "drift_detected";
  /** The features judged drifted, a list of names. */
  public static final String DRIFTED_FEATURES = "drifted_features";
  /** How many points the configured detectors found anomalous. */
  public static final String DETECTIONS = "detections";
  /** The span the previous statistics (the drift baseline) belong to; absent without one. */
  public static final String BASELINE_SPAN = "baseline_span";

  // ServingSkew

  /** Whether any feature's serving distribution skewed from training, or any joined pair disagreed. */
  public static final String SKEW_DETECTED = "skew_detected";
  /** The features that skewed (by distribution or per example), a list of names. */
  public static final String SKEWED_FEATURES = "skewed_features";
  /** The training and serving splits compared. */
  public static final String TRAINING_SPLIT = "training_split";
  public static final String SERVING_SPLIT = "serving_split";
  /** Joined (training, serving) pairs compared feature by feature. */
  public static final String PAIRS_COMPARED = "pairs_compared";
  /** Compared pairs that disagree on at least one feature. */
  public static final String SKEWED_PAIRS = "skewed_pairs";
}
