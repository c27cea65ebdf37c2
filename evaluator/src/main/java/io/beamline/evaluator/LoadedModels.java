package io.beamline.evaluator;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The SavedModels loaded in this JVM, one per directory, shared by every scorer that uses it and
 * closed when the last one is done. A TensorFlow session runs concurrent calls safely, so the runner's
 * threads (the DirectRunner's, a Flink TaskManager's slots, a Spark executor's cores) score with one
 * copy of a model instead of one each, and the copy the Evaluator loads to check the signature before
 * the pipeline is the one its embedded workers use. Loading takes the lock: a second thread wanting the
 * same model waits for it rather than loading it again.
 */
final class LoadedModels {
  private static final Map<String, Loaded> BY_DIR = new HashMap<>();

  private static final class Loaded {
    final SavedModelScorer.Model model;
    int users;

    Loaded(SavedModelScorer.Model model) {
      this.model = model;
    }
  }

  private LoadedModels() {}

  /** The model of {@code dir}, loaded by {@code loader} if no scorer holds it now; pair with {@link #release}. */
  static synchronized SavedModelScorer.Model acquire(String dir, Function<String, SavedModelScorer.Model> loader) {
    Loaded loaded = BY_DIR.get(dir);
    if (loaded == null) {
      loaded = new Loaded(loader.apply(dir));
      BY_DIR.put(dir, loaded);
    }
    loaded.users++;
    return loaded.model;
  }

  /** One user of {@code dir}'s model is done; the last one closes it. */
  static synchronized void release(String dir) {
    Loaded loaded = BY_DIR.get(dir);
    if (loaded != null && --loaded.users == 0) {
      BY_DIR.remove(dir);
      loaded.model.close();
    }
  }

  /** How many models are loaded now (for tests). */
  static synchronized int loadedCount() {
    return BY_DIR.size();
  }
}
