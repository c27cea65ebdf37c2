package io.beamline.io.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.beamline.core.InvalidInputException;
import io.beamline.core.component.ArtifactUris;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
  @TempDir Path tmp;

  private void file(String rel) throws Exception {
    Path p = tmp.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "a\n1\n");
  }

  private String input(String pattern) {
    return tmp + "/" + pattern;
  }

  private InputFiles spans(String pattern, Long first, Long last) {
    return InputFiles.resolve(java.util.Map.of("", input(pattern)), first, last);
  }

  @Test
  void latestSpanAndItsLatestVersionAreTakenByDefault() throws Exception {
    file("span-1/ver-1/a.csv");
    file("span-2/ver-1/a.csv");
    file("span-2/ver-3/a.csv");
    file("span-2/ver-3/b.csv");
    file("span-10/ver-0/_SUCCESS");
    InputFiles f = InputFiles.resolve(input("span-{SPAN}/ver-{VERSION}/*.csv"));
    assertEquals(2, f.span());
    assertEquals(3L, f.version());
    assertEquals(2, f.files().size());
    assertTrue(f.files().get(0).path().endsWith("span-2/ver-3/a.csv"));
  }

  /**
   * A directory whose name holds glob characters, escaped as ArtifactUris does ({@code [*]}), is that
   * directory: the spans below it are found, and a lookalike the raw name would match is not read.
   */
  @Test
  void aDirectoryNamedWithGlobCharactersIsReadWhenEscaped() throws Exception {
    String home = "home [1] {a} \\Q*?\\E";
    file(home + "/spans/span-0/trips.csv");
    file(home + "/spans/span-1/trips.csv");
    file(home + "/spans/span-1/_SUCCESS");
    file("home 1 a QxyE/spans/span-7/trips.csv"); // what the name would match as a glob: never read
    String spans = ArtifactUris.escapeGlob(tmp.resolve(home).resolve("spans").toString());
    InputFiles latest = InputFiles.resolve(spans + "/span-{SPAN}/trips.csv");
    assertEquals(1, latest.span());
    assertEquals(1, latest.files().size());
    assertTrue(latest.files().get(0).path().endsWith(home + "/spans/span-1/trips.csv"), latest.files().toString());
    assertEquals(2, InputFiles.resolve(java.util.Map.of("", spans + "/span-{SPAN}/*.csv"), 0L, 1L).files().size());
  }

  /** Glob classes and groups in a span pattern select files as they do without a span. */
  @Test
  void globClassesAndGroupsWorkBesideSpanPlaceholders() throws Exception {
    file("d/span-3/part-0.csv");
    file("d/span-3/part-1.csv");
    file("d/span-3/part-x.csv");
    file("d/span-3/extra.tsv");
    assertEquals(2, InputFiles.resolve(input("d/span-{SPAN}/part-[0-9].csv")).files().size());
    assertEquals(1, InputFiles.resolve(input("d/span-{SPAN}/part-[!0-9].csv")).files().size());
    assertEquals(2, InputFiles.resolve(input("d/span-{SPAN}/{part-x.csv,extra.tsv}")).files().size());
  }

  @Test
  void givenSpanOrRangeIsRead() throws Exception {
    file("s1/a.csv");
    file("s2/a.csv");
    file("s3/a.csv");
    assertEquals(1, spans("s{SPAN}/*.csv", 1L, null).files().size());
    InputFiles range = spans("s{SPAN}/*.csv", 1L, 2L);
    assertEquals(2, range.files().size());
    assertEquals(2, range.span());
    assertNull(range.version());
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> spans("s{SPAN}/*.csv", 7L, null));
    assertEquals("Span 7 has no files matching '" + tmp + "/s{SPAN}/*.csv'; spans present: [1, 2, 3]",
        e.getMessage());
  }

  @Test
  void dateSpanIsDaysSinceEpoch() throws Exception {
    file("2024/01/02/a.csv");
    file("2023/12/31/a.csv");
    InputFiles f = InputFiles.resolve(input("{YYYY}/{MM}/{DD}/a.csv"));
    assertEquals(java.time.LocalDate.of(2024, 1, 2).toEpochDay(), f.span());
  }

  @Test
  void directoryMeansItsFilesAndFingerprintFollowsModificationTime() throws Exception {
    file("dir/a.csv");
    file("dir/.hidden");
    InputFiles f = InputFiles.resolve(input("dir"));
    assertEquals(1, f.files().size());
    String before = f.fingerprint();
    assertTrue(before.startsWith("files=1,bytes=4,sha256="), before);
    assertEquals(before, InputFiles.resolve(input("dir")).fingerprint());
    Files.setLastModifiedTime(tmp.resolve("dir/a.csv"), FileTime.fromMillis(1_000_000));
    assertNotEquals(before, InputFiles.resolve(input("dir")).fingerprint());
  }

  @Test
  void noMatchingFilesNamesThePattern() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> InputFiles.resolve(input("nothing/*.csv")));
    assertEquals("No input files match '" + tmp + "/nothing/*.csv'", e.getMessage());
  }
}
