package io.beamline.core.component;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Which files a job submitted to a remote Flink or Spark cluster ships ({@code --filesToStage}),
 * named explicitly so Beam does not stage every jar of the class path (Beam issue #19511): the
 * cluster already runs its engine, Beam and Beam's runner, and a job ships what it adds to them.
 *
 * <p>The rule: every entry of the submitting JVM's class path whose file name the cluster lacks,
 * plus Beam's own jars although the cluster has them, less what must stay the cluster's alone.
 * Beam is staged because the engines load a job's jars child-first (Flink always, Spark with
 * {@code spark.executor.userClassPathFirst}): Beam left only on the cluster's class path
 * deserializes records with a loader that cannot see Beamline's classes ("ClassNotFoundException:
 * io.beamline.io.files.InputFile" in {@code SerializableCoder}), and half of Beam in each loader
 * breaks its service loading. Never staged: the engine's own jars (the runner says which), the
 * DirectRunner, slf4j-simple (the cluster has its logging), the metadata store's database drivers
 * (sqlite-jdbc alone is 12 MB; only the submitting client records runs), and TensorFlow's native
 * library jar (160 MB, needed only where a model runs). A directory of classes is staged as it is: Beam's
 * Flink and Spark runners zip it into a jar before submitting.
 *
 * <p>File names are compared, not contents: the cluster's jars and the client's come from one
 * Maven resolution (the runner module's), so a same name is the same jar. A cluster that reports
 * its class path may hold more (Beamline itself): then a snapshot jar counts only with the same
 * bytes, and a job whose every jar the cluster holds ships none of them.
 */
public final class JobStaging {
  private static final List<String> NEVER = List.of("beam-runners-direct-java-", "slf4j-simple-", "sqlite-jdbc-",
      "postgresql-");

  private static Path emptyJar;

  private JobStaging() {}

  /**
   * The files to stage for a cluster that reports the class path its JVMs run
   * ({@code clusterClasspath}, as the cluster names the files): nothing but {@link #emptyJar()} when
   * it holds every file the job needs ({@link #holds}: Beamline installed on the cluster, as an image
   * made for it would have it), so a job uploads nothing and runs on classes the workers have loaded
   * and compiled before; else {@link #filesToStage(List, Set, Predicate)}'s rule as it is. Not less
   * the Beamline jars the cluster holds: Beam is shipped then, and a Beamline class left to the
   * cluster's loader would extend the cluster's Beam, not the job's ("cannot assign instance of
   * CsvPartSource to field ... of type BoundedSource"). {@code runnerCode} (the runner module's own
   * classes, which the cluster runs on) is not needed by a job.
   */
  public static List<String> filesToStage(List<Path> classpath, Set<String> clusterJars, List<String> clusterClasspath,
      Predicate<String> engineOnly, Path runnerCode) {
    Map<String, Path> onCluster = new LinkedHashMap<>();
    for (String entry : clusterClasspath) {
      Path path = Path.of(entry);
      if (path.getFileName() != null) {
        onCluster.putIfAbsent(path.getFileName().toString(), path);
      }
    }
    List<Path> needed = classpath.stream().filter(e -> !e.equals(runnerCode) && Files.exists(e)
        && shipped(e.getFileName().toString(), engineOnly)).toList();
    if (!needed.isEmpty() && needed.stream().allMatch(e -> holds(onCluster, e))) {
      return List.of(emptyJar().toString());
    }
    return filesToStage(classpath, clusterJars, engineOnly);
  }

  /**
   * Whether a cluster whose class path holds {@code onCluster} (by file name) has the jar
   * {@code entry}: a jar of the same name, and for a snapshot (whose name does not fix its bytes) one
   * readable here with the same bytes: a cluster started before a rebuild runs the old classes, and
   * the job ships the new ones. A directory of classes is never counted as held.
   */
  static boolean holds(Map<String, Path> onCluster, Path entry) {
    String name = entry.getFileName().toString();
    Path there = onCluster.get(name);
    if (there == null || !name.endsWith(".jar") || !Files.isRegularFile(entry)) {
      return false;
    }
    if (!name.contains("-SNAPSHOT")) {
      return true;
    }
    try {
      return Files.isRegularFile(there) && Files.mismatch(entry, there) == -1;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The files to stage from {@code classpath} for a cluster whose class path holds jars named
   * {@code clusterJars}; {@code engineOnly} names the engine's jars that must never be staged
   * (e.g. {@code flink-*}).
   */
  public static List<String> filesToStage(List<Path> classpath, Set<String> clusterJars, Predicate<String> engineOnly) {
    Map<String, String> stage = new LinkedHashMap<>();
    for (Path entry : classpath) {
      String name = entry.getFileName().toString();
      boolean wanted = (!clusterJars.contains(name) || name.startsWith("beam-")) && shipped(name, engineOnly);
      // One jar of a name: the launcher's class path can hold Beam's jars twice (the command line's
      // libraries and the runner's), the same files from one resolution.
      if (wanted && Files.exists(entry)) {
        stage.putIfAbsent(Files.isDirectory(entry) ? entry.toString() : name, entry.toString());
      }
    }
    return new ArrayList<>(stage.values());
  }

  /**
   * The names of the jars a cluster runs, from a class path file a runner module's build writes
   * next to {@code owner}'s class (Maven's {@code dependency:build-classpath} with a {@code lib}
   * prefix: {@code lib/a.jar:lib/b.jar:...}): the same jars its start script runs the cluster on.
   */
  public static Set<String> clusterJars(Class<?> owner, String resource) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing next to " + owner.getName()
            + ": the runner module's build writes it (dependency:build-classpath)");
      }
      Set<String> names = new TreeSet<>();
      for (String entry : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("[:;\\s]+")) {
        if (!entry.isEmpty()) {
          names.add(entry.substring(entry.lastIndexOf('/') + 1));
        }
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether a job ever ships a file of this name: not the engine's own, the DirectRunner's, ... (see the class comment). */
  private static boolean shipped(String name, Predicate<String> engineOnly) {
    return !engineOnly.test(name) && NEVER.stream().noneMatch(name::startsWith) && !isTensorFlowNatives(name);
  }

  /**
   * A jar with nothing but a manifest, made once per JVM (deleted when it exits): what a job stages
   * when the cluster holds everything, because Beam reads an empty {@code --filesToStage} as "stage
   * the whole class path".
   */
  public static synchronized Path emptyJar() {
    if (emptyJar == null || !Files.isRegularFile(emptyJar)) {
      try {
        Path jar = Files.createTempFile("beamline-job-", ".jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
          out.finish();
        }
        jar.toFile().deleteOnExit();
        emptyJar = jar;
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write an empty jar to stage in " + System.getProperty("java.io.tmpdir"), e);
      }
    }
    return emptyJar;
  }

  /** {@code --filesToStage=a,b,...} for {@link #filesToStage}'s list. */
  public static String option(Collection<String> files) {
    return "--filesToStage=" + String.join(",", files);
  }

  private static boolean isTensorFlowNatives(String name) {
    return name.startsWith("tensorflow-core-native-") && name.contains("-linux-");
  }

  /**
   * This JVM's class path as the JVM loads it: {@code java.class.path} plus the jars each jar's
   * manifest {@code Class-Path} names (the command line's jar lists its libraries that way), each
   * entry once, in order.
   */
  public static List<Path> classpath() {
    Map<Path, Boolean> seen = new LinkedHashMap<>();
    for (String s : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!s.isEmpty()) {
        add(Path.of(s).toAbsolutePath().normalize(), seen);
      }
    }
    return new ArrayList<>(seen.keySet());
  }

  private static void add(Path entry, Map<Path, Boolean> seen) {
    if (seen.putIfAbsent(entry, Boolean.TRUE) != null || !entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
      return;
    }
    for (String ref : manifestClassPath(entry)) {
      // Manifest Class-Path entries are URLs relative to the jar's directory.
      add(entry.resolveSibling(ref.replace("%20", " ")).normalize(), seen);
    }
  }

  private static List<String> manifestClassPath(Path jar) {
    try (JarFile file = new JarFile(jar.toFile(), false)) {
      Manifest m = file.getManifest();
      String cp = m == null ? null : m.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
      return cp == null || cp.isBlank() ? List.of() : List.of(cp.trim().split("\\s+"));
    } catch (IOException e) {
      return List.of(); // not a readable jar: the JVM skips it too
    }
  }
}
