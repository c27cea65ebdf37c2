package io.beamline.trainer;

import java.util.Arrays;

/**
 * The test's own AUC, independent of the trainer's: the share of (positive, negative) pairs the
 * scores order correctly, ties counting one half, by sorting and counting negatives below.
 */
final class RankAuc {
  private RankAuc() {}

  static double of(float[] scores, float[] labels) {
    float[] negatives = count(scores, labels, 0f);
    float[] positives = count(scores, labels, 1f);
    Arrays.sort(negatives);
    double correct = 0;
    for (float s : positives) {
      int below = lowerBound(negatives, s);
      int belowOrEqual = upperBound(negatives, s);
      correct += below + (belowOrEqual - below) / 2.0;
    }
    return correct / ((double) positives.length * negatives.length);
  }

  private static float[] count(float[] scores, float[] labels, float label) {
    int n = 0;
    for (float l : labels) {
      n += l == label ? 1 : 0;
    }
    float[] out = new float[n];
    int k = 0;
    for (int i = 0; i < scores.length; i++) {
      if (labels[i] == label) {
        out[k++] = scores[i];
      }
    }
    return out;
  }

  private static int lowerBound(float[] sorted, float v) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int upperBound(float[] sorted, float v) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
