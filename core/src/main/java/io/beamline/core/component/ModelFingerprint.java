package io.beamline.core.component;

import io.beamline.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * The content fingerprint of a Model artifact's SavedModel: SHA-256 over every file below
 * {@code <model>/Format-Serving} (or the model directory itself when it holds {@code saved_model.pb}),
 * each as its relative path, its length and its bytes, in path order. The evaluator records it in
 * the blessing, and the pusher pushes a model only under a blessing made for those exact bytes: a
 * blessing names the model it judged by content, wherever that model is copied to.
 *
 * <pre>{@code
 * String fingerprint = ModelFingerprint.of("out/train/model");   // "sha256:3f2a..."
 * }</pre>
 *
 * Files are streamed, so memory does not grow with the model. Any Beam file system works.
 */
public final class ModelFingerprint {
  static final String SERVING_DIR = "Format-Serving";
  static final String SAVED_MODEL = "saved_model.pb";

  private ModelFingerprint() {}

  /** The fingerprint of the SavedModel of the Model artifact at {@code modelUri}. */
  public static String of(String modelUri) {
    String dir = savedModelDir(modelUri);
    Map<String, ResourceId> files = listFiles(dir);
    if (!files.containsKey(SAVED_MODEL)) {
      throw new InvalidInputException("Model " + modelUri + " has no " + SAVED_MODEL + " (looked in " + dir
          + "): not a SavedModel");
    }
    MessageDigest sha = sha256();
    byte[] buffer = new byte[1 << 16];
    for (Map.Entry<String, ResourceId> file : files.entrySet()) {
      sha.update(file.getKey().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      long length = 0;
      try (InputStream in = Channels.newInputStream(FileSystems.open(file.getValue()))) {
        for (int n; (n = in.read(buffer)) > 0; length += n) {
          sha.update(buffer, 0, n);
        }
      } catch (IOException e) {
        throw new InvalidInputException("Cannot read " + file.getValue() + " of model " + modelUri + ": "
            + e.getMessage(), e);
      }
      sha.update(Long.toString(length).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
    }
    return "sha256:" + HexFormat.of().formatHex(sha.digest());
  }

  /** {@code <model>/Format-Serving} when it exists, else the model directory itself. */
  private static String savedModelDir(String modelUri) {
    String serving = ArtifactUris.child(modelUri, SERVING_DIR);
    return listFiles(serving).isEmpty() ? modelUri : serving;
  }

  /** Every file below {@code dir}, by its path relative to {@code dir}. */
  private static Map<String, ResourceId> listFiles(String dir) {
    String prefix = FileSystems.matchNewResource(dir, true).toString();
    Map<String, ResourceId> files = new TreeMap<>();
    try {
      MatchResult match = FileSystems.match(ArtifactUris.childGlob(dir, "**"), EmptyMatchTreatment.ALLOW);
      for (MatchResult.Metadata m : match.metadata()) {
        String path = m.resourceId().toString();
        if (!m.resourceId().isDirectory() && path.startsWith(prefix)) {
          files.put(path.substring(prefix.length()), m.resourceId());
        }
      }
    } catch (IOException e) {
      throw new InvalidInputException("Cannot list the files of model " + dir + ": " + e.getMessage(), e);
    }
    return files;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }
}
