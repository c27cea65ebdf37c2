package io.beamline.evaluator.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Exact metrics computed the textbook way, to check the histogram-based ones against. */
final class Reference {
  private Reference() {}

  /** Mann-Whitney: mean rank of the positives, ties sharing the average rank. Unweighted. */
  static double aucByRanks(List<LabeledPrediction> data) {
    List<LabeledPrediction> sorted = new ArrayList<>(data);
    sorted.sort(Comparator.comparingDouble(LabeledPrediction::prediction));
    double positiveRankSum = 0;
    long positives = 0;
    int i = 0;
    while (i < sorted.size()) {
      int j = i;
      while (j < sorted.size() && sorted.get(j).prediction() == sorted.get(i).prediction()) {
        j++;
      }
      double averageRank = (i + 1 + j) / 2.0;
      for (int k = i; k < j; k++) {
        if (sorted.get(k).label() == 1) {
          positiveRankSum += averageRank;
          positives++;
        }
      }
      i = j;
    }
    long negatives = data.size() - positives;
    return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /** Average precision over every distinct prediction as a threshold. Unweighted. */
  static double averagePrecision(List<LabeledPrediction> data) {
    List<LabeledPrediction> sorted = new ArrayList<>(data);
    sorted.sort(Comparator.comparingDouble(LabeledPrediction::prediction).reversed());
    double positives = data.stream().filter(p -> p.label() == 1).count();
    double tp = 0;
    double fp = 0;
    double sum = 0;
    int i = 0;
    while (i < sorted.size()) {
      double gained = 0;
      int j = i;
      while (j < sorted.size() && sorted.get(j).prediction() == sorted.get(i).prediction()) {
        if (sorted.get(j).label() == 1) {
          gained++;
        } else {
          fp++;
        }
        j++;
      }
      tp += gained;
      sum += gained / positives * tp / (tp + fp);
      i = j;
    }
    return sum;
  }

  static double logLoss(List<LabeledPrediction> data) {
    double sum = 0;
    for (LabeledPrediction p : data) {
      double q = Math.min(Math.max(p.prediction(), 1e-7), 1 - 1e-7);
      sum -= p.label() == 1 ? Math.log(q) : Math.log(1 - q);
    }
    return sum / data.size();
  }

  /** {TP, FP, TN, FN} with prediction > threshold as positive. */
  static double[] confusion(List<LabeledPrediction> data, double threshold) {
    double[] c = new double[4];
    for (LabeledPrediction p : data) {
      boolean predicted = p.prediction() > threshold;
      boolean actual = p.label() == 1;
      c[actual ? (predicted ? 0 : 3) : (predicted ? 1 : 2)]++;
    }
    return c;
  }
}
