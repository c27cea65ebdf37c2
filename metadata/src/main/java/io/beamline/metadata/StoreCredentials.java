package io.beamline.metadata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The user and password of a server store, taken from the environment rather than the URL so
 * they never show in a command line, a process list, a log or an error message.
 *
 * <p>Password, first found: {@code BEAMLINE_STORE_PASSWORD}; the first line of the file named by
 * {@code BEAMLINE_STORE_PASSWORD_FILE} (a mounted secret); {@code PGPASSWORD}. With none, the
 * PostgreSQL driver falls back to {@code ~/.pgpass}. User: {@code BEAMLINE_STORE_USER}, else
 * {@code PGUSER}, else the URL's {@code user=} or the driver's default. A {@code password=} in the
 * URL itself still works but is masked wherever the URL is shown ({@link #masked}).
 */
final class StoreCredentials {
  static final String PASSWORD_ENV = "BEAMLINE_STORE_PASSWORD";
  static final String PASSWORD_FILE_ENV = "BEAMLINE_STORE_PASSWORD_FILE";
  static final String USER_ENV = "BEAMLINE_STORE_USER";

  private static final Pattern PASSWORD_IN_URL =
      Pattern.compile("(?i)([?&;]password=)[^&;]*");

  private StoreCredentials() {}

  /** Connection properties for {@code url}: only what the environment adds to it. */
  static Properties resolve(String url, Map<String, String> env) {
    Properties props = new Properties();
    if (!url.startsWith("jdbc:postgresql:")) {
      return props;
    }
    String user = firstSet(env, USER_ENV, "PGUSER");
    if (user != null) {
      props.setProperty("user", user);
    }
    String password = env.get(PASSWORD_ENV);
    if (isBlank(password) && !isBlank(env.get(PASSWORD_FILE_ENV))) {
      password = readPasswordFile(Path.of(env.get(PASSWORD_FILE_ENV)));
    }
    if (isBlank(password)) {
      password = env.get("PGPASSWORD");
    }
    if (!isBlank(password)) {
      props.setProperty("password", password);
    }
    return props;
  }

  /** The URL as it may be shown: any {@code password=} value replaced by {@code ***}. */
  static String masked(String url) {
    return url == null ? null : PASSWORD_IN_URL.matcher(url).replaceAll("$1***");
  }

  private static String readPasswordFile(Path file) {
    try {
      String text = Files.readString(file);
      int end = text.indexOf('\n');
      return (end < 0 ? text : text.substring(0, end)).strip();
    } catch (IOException e) {
      // The file's name only: its content is the secret.
      throw new MetadataStoreException("Cannot read the store password file " + file
          + " ($" + PASSWORD_FILE_ENV + "): " + e.getClass().getSimpleName(), e);
    }
  }

  private static String firstSet(Map<String, String> env, String... names) {
    for (String name : names) {
      if (!isBlank(env.get(name))) {
        return env.get(name);
      }
    }
    return null;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
