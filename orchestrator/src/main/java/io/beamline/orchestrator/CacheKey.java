package io.beamline.orchestrator;

import io.beamline.core.Json;
import io.beamline.core.component.ResolvedArtifact;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What makes two executions interchangeable: the component and its version, the parameters, the
 * input artifact ids, and a fingerprint of external inputs (files read from outside the store).
 * Hashed with SHA-256 over canonical (sorted-key) JSON.
 */
final class CacheKey {
  private CacheKey() {}

  static String of(String component, String version, Record parameters,
      Map<String, List<ResolvedArtifact>> inputs, Optional<String> externalFingerprint) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("component", component);
    doc.put("version", version);
    doc.put("parameters", Json.tree(Json.write(parameters)));
    Map<String, List<Long>> inputIds = new TreeMap<>();
    inputs.forEach((k, list) -> inputIds.put(k, list.stream().map(ResolvedArtifact::id).toList()));
    doc.put("inputs", inputIds);
    doc.put("external", externalFingerprint.orElse(""));
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(Json.write(doc).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
