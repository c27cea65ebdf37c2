package io.beamline.pusher;

import io.beamline.core.component.ArtifactUris;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a model's serving files to {@code <base>/<version>/} on a file system that has no
 * directories and no atomic rename: every Beam file system that is not local (gs://, s3://, ...),
 * used only through {@link FileSystems} (match, create, open, copy, delete), so it works for any
 * scheme whose file system is on the classpath. Beam's rename there is a copy and a delete per
 * object, so the local pusher's one atomic rename is not available; instead:
 *
 * <ol>
 *   <li>Version: the clock's Unix seconds, or one more than the largest version present, whichever
 *       is larger. "Present" means any object whose first path segment below the base is a number
 *       (a version with objects but no saved_model.pb counts), or a claim (step 3) of another pusher.
 *   <li>Stage: every file is written to {@code <base>/.tmp-<uuid>/} (a name TF Serving ignores: not
 *       a number). A failure deletes the staged objects; nothing was written under a version.
 *   <li>Claim: an empty object {@code <base>/.claim-<version>-<uuid>} is written, then the pusher
 *       lists the claims of that version and the objects under {@code <base>/<version>/}. If there
 *       is any other claim or any object, it deletes its claim, waits a random moment and claims a
 *       larger version (at most 5 tries). Because each pusher writes its claim before it looks, of
 *       two pushers racing for one version the one that looks last sees the other's claim: both may
 *       step back, never both go on. That holds on stores whose listings show every completed write
 *       (GCS and S3 are strongly consistent); it does not exclude writers other than this pusher.
 *   <li>Publish: server-side {@code FileSystems.copy} from staging to {@code <base>/<version>/}, every
 *       file but saved_model.pb first and saved_model.pb last. TF Serving (and any SavedModel loader)
 *       needs saved_model.pb, so the version is not loadable until all its other files are there.
 *       A failure deletes what was copied under {@code <base>/<version>/} (best effort: the error
 *       says what could not be deleted), the staged objects and the claim.
 *   <li>Clean up: staged objects and the claim are deleted; a failure here is logged, not thrown,
 *       because the version is already complete and published.
 * </ol>
 *
 * <p>What a reader can see: a version prefix may be visible while it fills (object stores list
 * objects, not directories, so a partly copied {@code <base>/<version>/} without saved_model.pb can
 * be listed), but never one with saved_model.pb and missing files. If the process dies mid-publish
 * (no chance to clean up), such a partial prefix without saved_model.pb stays: TF Serving fails to
 * load it and keeps the versions it serves; delete it by hand. Staging and claim objects left by a
 * killed process are harmless (the claim only makes later pushes skip its version) and may be deleted
 * by hand. An existing version is never written to. Empty directories of the model have no object
 * and are not pushed.
 */
final class ObjectStoreCopy {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectStoreCopy.class);
  static final String STAGING_PREFIX = ".tmp-";
  static final String CLAIM_PREFIX = ".claim-";
  private static final Pattern VERSION = Pattern.compile("[0-9]{1,18}");
  private static final Pattern CLAIM = Pattern.compile(Pattern.quote(CLAIM_PREFIX) + "([0-9]{1,18})-[^/]+");
  private static final int CLAIM_ATTEMPTS = 5;

  private final LongSupplier clockSeconds;

  ObjectStoreCopy(LongSupplier clockSeconds) {
    this.clockSeconds = clockSeconds;
  }

  /**
   * Copies {@code source} into a new version under {@code baseUri}; returns the version.
   *
   * @throws IOException when the copy failed, after cleaning up; its message says what was removed
   *     and what, if anything, could not be
   */
  long copy(ServingFiles source, String baseUri) throws IOException {
    String root = PushUris.directory(baseUri, "Pusher destination").toString();
    String token = UUID.randomUUID().toString();
    String staging = root + STAGING_PREFIX + token + "/";
    List<ResourceId> staged = new ArrayList<>();
    List<ResourceId> claims = new ArrayList<>();
    List<ResourceId> published = new ArrayList<>();
    String target = null;
    long version;
    try {
      stage(source, staging, staged);
      version = claim(root, token, claims);
      target = root + version + "/";
      publish(source, staged, target, published);
    } catch (IOException | RuntimeException e) {
      List<String> left = new ArrayList<>();
      delete(published, left, e);
      delete(staged, left, e);
      delete(claims, left, e);
      String what = target == null
          ? "nothing was written under a version; the staged copy " + staging + " was deleted"
          : "the objects already copied to " + target + " (saved_model.pb is copied last, so the"
              + " version was never loadable with files missing) and the staged copy " + staging
              + " were deleted";
      throw new IOException(e.getMessage() + "; " + what + (left.isEmpty() ? ""
          : ", except these, which could not be deleted (delete them by hand): " + left), e);
    }
    List<String> left = new ArrayList<>();
    Exception cleanup = new IOException("cleanup after publishing " + target);
    delete(staged, left, cleanup);
    delete(claims, left, cleanup);
    if (!left.isEmpty()) {
      LOG.warn("Pushed version {} completely, but could not delete the staging objects {} (harmless to"
          + " TF Serving; delete them by hand)", target, left, cleanup);
    }
    return version;
  }

  /** The clock, or one more than the largest version or claim under {@code root}. */
  long nextVersion(String root) throws IOException {
    long largest = -1;
    for (MatchResult.Metadata m : list(ArtifactUris.escapeGlob(root) + "**")) {
      String name = PushUris.relative(root, m.resourceId());
      int slash = name.indexOf('/');
      String first = slash < 0 ? name : name.substring(0, slash);
      Matcher claim = CLAIM.matcher(first);
      if (VERSION.matcher(first).matches()) {
        largest = Math.max(largest, Long.parseLong(first));
      } else if (slash < 0 && claim.matches()) {
        largest = Math.max(largest, Long.parseLong(claim.group(1)));
      }
    }
    return Math.max(clockSeconds.getAsLong(), largest + 1);
  }

  private static void stage(ServingFiles source, String staging, List<ResourceId> staged) throws IOException {
    for (ServingFiles.Entry file : source.files()) {
      ResourceId to = FileSystems.matchNewResource(staging + file.name(), false);
      staged.add(to); // before the write: a failed write may still leave an object to delete
      // Streams, not FileSystems.copy: the model may be on another file system than the base.
      try (InputStream in = Channels.newInputStream(FileSystems.open(file.id()));
          OutputStream out = Channels.newOutputStream(FileSystems.create(to, MimeTypes.BINARY))) {
        in.transferTo(out);
      }
    }
  }

  /** Claims a version no one else holds or has written to (see the class comment); returns it. */
  private long claim(String root, String token, List<ResourceId> claims) throws IOException {
    long version = nextVersion(root);
    for (int attempt = 1; ; attempt++) {
      ResourceId claim = FileSystems.matchNewResource(root + CLAIM_PREFIX + version + "-" + token, false);
      claims.add(claim);
      FileSystems.create(claim, MimeTypes.BINARY).close();
      boolean otherClaim = list(ArtifactUris.escapeGlob(root + CLAIM_PREFIX + version) + "-*").stream()
          .anyMatch(m -> !m.resourceId().toString().equals(claim.toString()));
      if (!otherClaim && list(ArtifactUris.escapeGlob(root + version) + "/**").isEmpty()) {
        return version;
      }
      FileSystems.delete(List.of(claim), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      claims.remove(claim);
      if (attempt == CLAIM_ATTEMPTS) {
        throw new IOException("Another pusher took version " + version + " under " + root + " on each of "
            + CLAIM_ATTEMPTS + " tries");
      }
      pause();
      version = Math.max(version + 1, nextVersion(root));
    }
  }

  private static void publish(ServingFiles source, List<ResourceId> staged, String target,
      List<ResourceId> published) throws IOException {
    List<ResourceId> first = new ArrayList<>();
    List<ResourceId> firstTo = new ArrayList<>();
    List<ResourceId> last = new ArrayList<>();
    List<ResourceId> lastTo = new ArrayList<>();
    for (int i = 0; i < staged.size(); i++) {
      ServingFiles.Entry file = source.files().get(i);
      ResourceId to = FileSystems.matchNewResource(target + file.name(), false);
      (file.isSavedModel() ? last : first).add(staged.get(i));
      (file.isSavedModel() ? lastTo : firstTo).add(to);
    }
    published.addAll(firstTo); // before the copy: a failed batch may have copied some of them
    FileSystems.copy(first, firstTo);
    published.addAll(lastTo);
    FileSystems.copy(last, lastTo);
  }

  private static List<MatchResult.Metadata> list(String glob) throws IOException {
    return FileSystems.match(glob, EmptyMatchTreatment.ALLOW).metadata();
  }

  /** Deletes {@code ids} (missing ones are fine); on failure records them in {@code left}. */
  private static void delete(List<ResourceId> ids, List<String> left, Exception failure) {
    if (ids.isEmpty()) {
      return;
    }
    try {
      FileSystems.delete(ids, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
      ids.forEach(id -> left.add(id.toString()));
    }
  }

  /** A random 50-250 ms, so that two pushers that stepped back from one version do not collide again. */
  private static void pause() throws InterruptedIOException {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(50, 250));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while waiting to claim a version");
    }
  }
}
