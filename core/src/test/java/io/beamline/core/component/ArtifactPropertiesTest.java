package io.beamline.core.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.beamline.core.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArtifactPropertiesTest {
  @Test
  void widensNumbersSoEqualValuesCompareEqual() {
    ArtifactProperties a = ArtifactProperties.empty().with("n", 3).with("x", 1.5f);
    ArtifactProperties b = ArtifactProperties.of(Map.of("n", 3L, "x", 1.5d));
    assertEquals(a, b);
    assertEquals(3L, a.getLong("n"));
    assertEquals(1.5, a.getDouble("x"));
  }

  @Test
  void nestedListsAndMapsAreKept() {
    ArtifactProperties p = ArtifactProperties.empty()
        .with("split_names", List.of("train", "eval"))
        .with("counts", Map.of("train", 2, "eval", 1));
    assertEquals(List.of("train", "eval"), p.getStringList("split_names"));
    assertEquals(2L, p.getMap("counts").get("train"));
  }

  @Test
  void missingOrMistypedPropertyNamesIt() {
    ArtifactProperties p = ArtifactProperties.empty().with("span", "x");
    assertEquals("Artifact property 'version' is missing; present: [span]",
        assertThrows(InvalidInputException.class, () -> p.getLong("version")).getMessage());
    assertEquals("Artifact property 'span': expected Long, got String x",
        assertThrows(InvalidInputException.class, () -> p.getLong("span")).getMessage());
  }

  @Test
  void rejectsNonJsonValues() {
    assertThrows(IllegalArgumentException.class, () -> ArtifactProperties.empty().with("t", new Object()));
  }
}
