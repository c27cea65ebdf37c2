package io.beamline.evaluator;

import java.util.Comparator;

/**
 * Natural order of slice names: {@code Overall} first, then by name with runs of digits compared as
 * numbers, so {@code hour=2} comes before {@code hour=10} and {@code fare=[2.5, 10)} before
 * {@code fare=[10, 20)}.
 */
final class SliceOrder implements Comparator<String> {
  static final SliceOrder INSTANCE = new SliceOrder();

  private SliceOrder() {}

  @Override
  public int compare(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    if (a.equals(SliceKeys.OVERALL) || b.equals(SliceKeys.OVERALL)) {
      return a.equals(SliceKeys.OVERALL) ? -1 : 1;
    }
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ni = numberEnd(a, i);
      int nj = numberEnd(b, j);
      if (ni > i && nj > j) {
        int c = Double.compare(Double.parseDouble(a.substring(i, ni)), Double.parseDouble(b.substring(j, nj)));
        if (c != 0) {
          return c;
        }
        i = ni;
        j = nj;
      } else {
        if (a.charAt(i) != b.charAt(j)) {
          return Character.compare(a.charAt(i), b.charAt(j));
        }
        i++;
        j++;
      }
    }
    int c = Integer.compare(a.length() - i, b.length() - j);
    return c != 0 ? c : a.compareTo(b);
  }

  /** The end of the number (digits, one optional fraction, an optional leading minus) starting at {@code from}. */
  private static int numberEnd(String s, int from) {
    int k = from;
    if (k < s.length() && s.charAt(k) == '-' && k + 1 < s.length() && Character.isDigit(s.charAt(k + 1))) {
      k++;
    }
    int digits = k;
    while (k < s.length() && Character.isDigit(s.charAt(k))) {
      k++;
    }
    if (k == digits) {
      return from;
    }
    if (k + 1 < s.length() && s.charAt(k) == '.' && Character.isDigit(s.charAt(k + 1))) {
      k++;
      while (k < s.length() && Character.isDigit(s.charAt(k))) {
        k++;
      }
    }
    return k;
  }
}
