package io.beamline.kfp;

import com.fasterxml.jackson.databind.JsonNode;
import io.beamline.core.InvalidInputException;
import io.beamline.core.Json;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the string placeholders of KFP's executor contract (documented on {@code ExecutorInput}
 * in {@code pipeline_spec.proto}) against an ExecutorInput, as KFP's launcher does before it starts
 * a container: {@code {{$}}} is the whole input as JSON; parameters print as themselves (strings
 * bare, other values as JSON); artifacts as their uri, local path or metadata.
 */
final class Placeholders {
  /** Any {@code {{$...}}}; the forms below are the ones KFP resolves. */
  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\$([^}]*)}}");
  static final Pattern INPUT_PARAMETER = Pattern.compile("\\.inputs\\.parameters\\['([^']+)'\\]");
  static final Pattern ARTIFACT = Pattern.compile("\\.(inputs|outputs)\\.artifacts\\['([^']+)'\\](\\.(uri|path|metadata))?");
  static final Pattern OUTPUT_PARAMETER = Pattern.compile("\\.outputs\\.parameters\\['([^']+)'\\]\\.output_file");

  private Placeholders() {}

  static String resolve(String template, JsonNode executorInput, ArtifactUriMapping mapping) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1), executorInput, mapping)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String value(String path, JsonNode input, ArtifactUriMapping mapping) {
    Matcher m;
    if (path.isEmpty()) {
      return Json.write(input);
    }
    if (path.equals(".outputs.output_file")) {
      return input.path("outputs").path("outputFile").asText();
    }
    if ((m = INPUT_PARAMETER.matcher(path)).matches()) {
      JsonNode v = input.path("inputs").path("parameterValues").get(m.group(1));
      if (v == null) {
        throw new InvalidInputException("Placeholder {{$" + path + "}}: parameter '" + m.group(1) + "' has no value");
      }
      return v.isTextual() ? v.asText() : Json.write(v);
    }
    if ((m = ARTIFACT.matcher(path)).matches()) {
      JsonNode list = input.path(m.group(1)).path("artifacts").path(m.group(2)).path("artifacts");
      if (list.isEmpty()) {
        throw new InvalidInputException("Placeholder {{$" + path + "}}: artifact '" + m.group(2) + "' is not bound");
      }
      JsonNode artifact = list.get(0);
      String field = m.group(4);
      if (field == null) {
        return Json.write(list);
      }
      return switch (field) {
        case "uri" -> artifact.path("uri").asText();
        case "path" -> mapping.localPath(artifact.path("uri").asText());
        default -> Json.write(artifact.path("metadata"));
      };
    }
    if ((m = OUTPUT_PARAMETER.matcher(path)).matches()) {
      return input.path("outputs").path("parameters").path(m.group(1)).path("outputFile").asText();
    }
    throw new InvalidInputException("Placeholder {{$" + path + "}} is not one KFP resolves");
  }
}
