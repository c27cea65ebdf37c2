package io.beamline.evaluator;

import java.util.ArrayList;
import java.util.List;

/**
 * Metrics computed the textbook way, straight from (label, prediction) lists: written apart from the
 * evaluator's accumulators (no histograms, no merging) so that the two can check each other.
 */
final class Direct {
  private Direct() {}

  /** Exact AUC by counting pairs (ties count half). */
  static double auc(List<Double> positives, List<Double> negatives) {
    double wins = 0;
    for (double p : positives) {
      for (double n : negatives) {
        wins += p > n ? 1 : p == n ? 0.5 : 0;
      }
    }
    return wins / ((double) positives.size() * negatives.size());
  }

  /** One-vs-rest AUC of class c: its probability ranks its examples above the others. */
  static double oneVsRestAuc(List<Integer> labels, List<double[]> probabilities, int c) {
    List<Double> pos = new ArrayList<>();
    List<Double> neg = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      (labels.get(i) == c ? pos : neg).add(probabilities.get(i)[c]);
    }
    return auc(pos, neg);
  }

  static int argMax(double[] p) {
    int best = 0;
    for (int c = 1; c < p.length; c++) {
      if (p[c] > p[best]) {
        best = c;
      }
    }
    return best;
  }

  /** Counts[actual][predicted]. */
  static double[][] confusion(List<Integer> labels, List<double[]> probabilities, int classes) {
    double[][] m = new double[classes][classes];
    for (int i = 0; i < labels.size(); i++) {
      m[labels.get(i)][argMax(probabilities.get(i))]++;
    }
    return m;
  }

  /** Whether the true class is among the k most probable (ties resolved towards the lower index). */
  static double topK(List<Integer> labels, List<double[]> probabilities, int k) {
    double hits = 0;
    for (int i = 0; i < labels.size(); i++) {
      double[] p = probabilities.get(i);
      int y = labels.get(i);
      int better = 0;
      for (int c = 0; c < p.length; c++) {
        if (p[c] > p[y] || (p[c] == p[y] && c < y)) {
          better++;
        }
      }
      hits += better < k ? 1 : 0;
    }
    return hits / labels.size();
  }

  static double logLoss(List<Integer> labels, List<double[]> probabilities) {
    double sum = 0;
    for (int i = 0; i < labels.size(); i++) {
      sum -= Math.log(Math.max(1e-7, probabilities.get(i)[labels.get(i)]));
    }
    return sum / labels.size();
  }

  static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  static double mse(List<Double> labels, List<Double> predictions) {
    double sum = 0;
    for (int i = 0; i < labels.size(); i++) {
      sum += Math.pow(labels.get(i) - predictions.get(i), 2);
    }
    return sum / labels.size();
  }

  static double mae(List<Double> labels, List<Double> predictions) {
    double sum = 0;
    for (int i = 0; i < labels.size(); i++) {
      sum += Math.abs(labels.get(i) - predictions.get(i));
    }
    return sum / labels.size();
  }

  /** In percent, over non-zero labels. */
  static double mape(List<Double> labels, List<Double> predictions) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < labels.size(); i++) {
      if (labels.get(i) != 0) {
        sum += Math.abs((labels.get(i) - predictions.get(i)) / labels.get(i));
        n++;
      }
    }
    return 100 * sum / n;
  }

  static double rSquared(List<Double> labels, List<Double> predictions) {
    double mean = mean(labels);
    double total = labels.stream().mapToDouble(y -> (y - mean) * (y - mean)).sum();
    return 1 - mse(labels, predictions) * labels.size() / total;
  }
}
