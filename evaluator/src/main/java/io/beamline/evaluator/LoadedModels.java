package io.beamline.evaluator;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.tensorflow.SavedModelBundle;

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
    final SavedModelBundle bundle;
    int users;

    Loaded(SavedModelBundle bundle) {
      this.bundle = bundle;
    }
  }

  private LoadedModels() {}

  /** The model of {@code dir}, loaded by {@code loader} if no scorer holds it now; pair with {@link #release}. */
  static synchronized SavedModelBundle acquire(String dir, Function<String, SavedModelBundle> loader) {
    Loaded loaded = BY_DIR.get(dir);
    if (loaded == null) {
      loaded = new Loaded(loader.apply(dir));
      BY_DIR.put(dir, loaded);
    }
    loaded.users++;
    return loaded.bundle;
  }

  /** One user of {@code dir}'s model is done; the last one closes it. */
  static synchronized void release(String dir) {
    Loaded loaded = BY_DIR.get(dir);
    if (loaded != null && --loaded.users == 0) {
      BY_DIR.remove(dir);
      loaded.bundle.close();
    }
  }

  /** How many models are loaded now (for tests). */
  static synchronized int loadedCount() {
    return BY_DIR.size();
  }
}
