package io.beamline.pusher;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystem;
import org.apache.beam.sdk.io.fs.CreateOptions;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * A Beam file system with object-store semantics for tests, scheme {@code objstore://bucket/key}: a
 * flat set of objects (one file per object in a folder, the URI encoded as its name), no
 * directories, an object appears whole when its writer closes, {@code copy} is per object and {@code
 * rename} is a copy then a delete per object, as on GCS and S3. It lets tests run the shipped pusher
 * against those semantics without a network; it is not a stand-in for pusher code.
 *
 * <p>State is static, because Beam instantiates file systems through their registrar: call {@link
 * #reset} before each test. {@link #hook} runs before every object write, copy and delete and may
 * throw to inject a failure there.
 */
final class ObjectStoreFileSystem extends FileSystem<ObjectStoreFileSystem.ObjectId> {
  static final String SCHEME = "objstore";

  /** Runs before each mutation: {@code operation} is "write", "copy" or "delete", {@code uri} the object written or deleted. */
  @FunctionalInterface
  interface Hook {
    void before(String operation, String uri) throws IOException;
  }

  private static Path objects;
  private static Path uploads;
  private static Hook hook = (op, uri) -> { };

  /** Empties the store into a fresh folder and removes the hook. */
  static void reset(Path folder) throws IOException {
    objects = Files.createDirectories(folder.resolve("objects"));
    uploads = Files.createDirectories(folder.resolve("uploads"));
    hook = (op, uri) -> { };
  }

  static void hook(Hook h) {
    hook = Objects.requireNonNull(h);
  }

  /** Every object, by URI, with its bytes. */
  static SortedMap<String, byte[]> objects() throws IOException {
    SortedMap<String, byte[]> all = new TreeMap<>();
    for (String uri : uris()) {
      all.put(uri, Files.readAllBytes(file(uri)));
    }
    return all;
  }

  /** Writes an object directly (test setup), bypassing the hook. */
  static void put(String uri, byte[] bytes) throws IOException {
    Files.write(file(uri), bytes);
  }

  private static Path file(String uri) {
    return objects.resolve(URLEncoder.encode(uri, StandardCharsets.UTF_8));
  }

  private static List<String> uris() throws IOException {
    try (Stream<Path> files = Files.list(objects)) {
      return files.map(f -> URLDecoder.decode(f.getFileName().toString(), StandardCharsets.UTF_8)).sorted().toList();
    }
  }

  @Override
  protected List<MatchResult> match(List<String> specs) throws IOException {
    List<MatchResult> results = new ArrayList<>();
    for (String spec : specs) {
      List<MatchResult.Metadata> found = new ArrayList<>();
      if (spec.matches(".*[*?\\[{].*")) {
        Pattern glob = globToRegex(spec);
        for (String uri : uris()) {
          if (glob.matcher(uri).matches()) {
            found.add(metadata(uri));
          }
        }
        results.add(MatchResult.create(MatchResult.Status.OK, found));
      } else if (Files.exists(file(spec))) {
        results.add(MatchResult.create(MatchResult.Status.OK, List.of(metadata(spec))));
      } else {
        results.add(MatchResult.create(MatchResult.Status.NOT_FOUND, new FileNotFoundException(spec)));
      }
    }
    return results;
  }

  /** As GCS: {@code **} matches across '/', {@code *} and {@code ?} within one segment. */
  private static Pattern globToRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
      } else if (c == '*') {
        regex.append("[^/]*");
      } else if (c == '?') {
        regex.append("[^/]");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }

  private static MatchResult.Metadata metadata(String uri) throws IOException {
    return MatchResult.Metadata.builder()
        .setResourceId(new ObjectId(uri, false))
        .setSizeBytes(Files.size(file(uri)))
        .setIsReadSeekEfficient(false)
        .setLastModifiedMillis(0L)
        .build();
  }

  @Override
  protected WritableByteChannel create(ObjectId id, CreateOptions options) throws IOException {
    requireObject(id);
    Path upload = uploads.resolve(UUID.randomUUID().toString());
    FileChannel channel = FileChannel.open(upload, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    // The object appears whole on close, as an upload does; the hook runs before it appears.
    return new WritableByteChannel() {
      @Override
      public int write(java.nio.ByteBuffer src) throws IOException {
        return channel.write(src);
      }

      @Override
      public boolean isOpen() {
        return channel.isOpen();
      }

      @Override
      public void close() throws IOException {
        channel.close();
        try {
          hook.before("write", id.toString());
          Files.move(upload, file(id.toString()), StandardCopyOption.REPLACE_EXISTING);
        } finally {
          Files.deleteIfExists(upload);
        }
      }
    };
  }

  @Override
  protected ReadableByteChannel open(ObjectId id) throws IOException {
    requireObject(id);
    Path f = file(id.toString());
    if (!Files.exists(f)) {
      throw new FileNotFoundException("No object " + id);
    }
    return FileChannel.open(f, StandardOpenOption.READ);
  }

  @Override
  protected void copy(List<ObjectId> from, List<ObjectId> to) throws IOException {
    for (int i = 0; i < from.size(); i++) {
      requireObject(from.get(i));
      requireObject(to.get(i));
      Path source = file(from.get(i).toString());
      if (!Files.exists(source)) {
        throw new FileNotFoundException("No object " + from.get(i));
      }
      hook.before("copy", to.get(i).toString());
      Files.copy(source, file(to.get(i).toString()), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** No atomic rename on an object store: a copy, then a delete, one object at a time. */
  @Override
  protected void rename(List<ObjectId> from, List<ObjectId> to, MoveOptions... options) throws IOException {
    for (int i = 0; i < from.size(); i++) {
      copy(List.of(from.get(i)), List.of(to.get(i)));
      delete(List.of(from.get(i)));
    }
  }

  @Override
  protected void delete(Collection<ObjectId> ids) throws IOException {
    for (ObjectId id : ids) {
      requireObject(id);
      hook.before("delete", id.toString());
      if (!Files.deleteIfExists(file(id.toString()))) {
        throw new FileNotFoundException("No object " + id);
      }
    }
  }

  @Override
  protected ObjectId matchNewResource(String spec, boolean isDirectory) {
    if (!spec.startsWith(SCHEME + "://")) {
      throw new IllegalArgumentException("Not an " + SCHEME + ":// URI: " + spec);
    }
    if (isDirectory) {
      return new ObjectId(spec.endsWith("/") ? spec : spec + "/", true);
    }
    if (spec.endsWith("/")) {
      throw new IllegalArgumentException("An object name cannot end with '/': " + spec);
    }
    return new ObjectId(spec, false);
  }

  @Override
  protected String getScheme() {
    return SCHEME;
  }

  private static void requireObject(ObjectId id) {
    if (id.isDirectory()) {
      throw new IllegalArgumentException("An object store has no directories: " + id);
    }
  }

  /** An object (or a prefix, when {@code directory}) named by its full URI. */
  record ObjectId(String uri, boolean directory) implements ResourceId {
    @Override
    public ResourceId resolve(String other, ResolveOptions options) {
      if (!directory) {
        throw new IllegalStateException("Cannot resolve " + other + " against the object " + uri);
      }
      boolean dir = options == ResolveOptions.StandardResolveOptions.RESOLVE_DIRECTORY;
      return new ObjectId(uri + other + (dir && !other.endsWith("/") ? "/" : ""), dir);
    }

    @Override
    public ResourceId getCurrentDirectory() {
      return directory ? this : new ObjectId(uri.substring(0, uri.lastIndexOf('/') + 1), true);
    }

    @Override
    public String getScheme() {
      return SCHEME;
    }

    @Override
    public String getFilename() {
      String s = directory ? uri.substring(0, uri.length() - 1) : uri;
      return s.substring(s.lastIndexOf('/') + 1);
    }

    @Override
    public boolean isDirectory() {
      return directory;
    }

    @Override
    public String toString() {
      return uri;
    }
  }
}
