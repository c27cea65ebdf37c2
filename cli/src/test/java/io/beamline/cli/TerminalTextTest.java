package io.beamline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class TerminalTextTest {
  @Test
  void plainTextIsLeftAsItIs() {
    String s = "/home/ann/données/metadata.sqlite  ✓";
    assertSame(s, TerminalText.escape(s));
  }

  @Test
  void controlCharactersBecomeVisibleEscapes() {
    assertEquals("a\\x1b[31mb\\x07c\\x00\\x7f\\x9b", TerminalText.escape("a\u001b[31mb\u0007c\u0000\u007f\u009b"));
    assertEquals("one\\ntwo\\r\\tthree", TerminalText.escape("one\ntwo\r\tthree"));
    assertEquals("txt.\\u202egnp", TerminalText.escape("txt.\u202egnp"), "a right-to-left override");
    assertEquals("null", TerminalText.escape(null));
  }

  @Test
  void blocksKeepTheirLinesAndTabs() {
    assertEquals("first\n\tat x\r\nlast\\r\\x1bc", TerminalText.escapeLines("first\n\tat x\r\nlast\r\u001bc"));
  }
}
