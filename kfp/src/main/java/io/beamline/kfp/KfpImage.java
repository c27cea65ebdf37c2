package io.beamline.kfp;

import java.util.List;
import java.util.Objects;

/**
 * The Beamline image a compiled step runs, and the command that starts the command line in it. KFP
 * ignores an image's entrypoint and runs the command the compiled YAML gives, so the command is
 * spelled out: the image's JVM with the flags the stack needs, Jib's classpath file, and the
 * command line's main class. No shell: the image has none.
 *
 * @param image the image reference, e.g. {@code registry.example.com/beamline:0.1.0}
 * @param launcher the command up to and including the main class; {@code kfp run ...} follows
 */
public record KfpImage(String image, List<String> launcher) {
  /** The main class every Beamline image runs. */
  public static final String MAIN_CLASS = "io.beamline.cli.BeamlineCli";
  /** The JVM flags the stack needs (see the parent POM), with library logging at warnings. */
  public static final List<String> JVM_FLAGS = List.of("--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-modules=jdk.incubator.foreign", "-Dfile.encoding=UTF-8",
      "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
  /** The image name {@code mvn -Pimage package} gives when none is asked for. */
  public static final String DEFAULT_IMAGE = "beamline:latest";

  public KfpImage {
    Objects.requireNonNull(image, "image");
    if (image.isBlank()) {
      throw new IllegalArgumentException("An image reference is needed, e.g. registry.example.com/beamline:0.1.0");
    }
    launcher = List.copyOf(launcher);
    if (launcher.isEmpty()) {
      throw new IllegalArgumentException("The launcher command of image " + image + " is empty");
    }
  }

  /**
   * The image Beamline's Jib build makes: {@code java} on the image's PATH ({@code /opt/java/bin}
   * in the scratch-based image, the base image's own in one built on a JRE image), the classpath in
   * Jib's {@code /app/jib-classpath-file} (read by the JVM as an {@code @argfile}).
   */
  public static KfpImage named(String image) {
    List<String> launcher = new java.util.ArrayList<>();
    launcher.add("java");
    launcher.addAll(JVM_FLAGS);
    // A pod's memory limit is the container's, not the node's: size the heap to it.
    launcher.add("-XX:MaxRAMPercentage=75");
    launcher.addAll(List.of("-cp", "@/app/jib-classpath-file", MAIN_CLASS));
    return new KfpImage(image, launcher);
  }

  public static KfpImage defaults() {
    return named(DEFAULT_IMAGE);
  }
}
