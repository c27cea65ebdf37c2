package io.beamline.monitor;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * How the training and serving examples joined on the identifier features.
 *
 * @param trainingExamples examples read from the training split
 * @param servingExamples examples read from the serving split
 * @param trainingWithoutId training examples missing an identifier feature (not joined)
 * @param servingWithoutId serving examples missing an identifier feature (not joined)
 * @param pairsCompared identifiers with exactly one example on each side: the pairs compared
 * @param idsOnlyInTraining identifiers with training examples and no serving example
 * @param idsOnlyInServing identifiers with serving examples and no training example
 * @param duplicateIds identifiers with several examples on a side: skipped, as no pairing is right
 * @param skewedPairs compared pairs that disagree on at least one feature
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JoinCounts(long trainingExamples, long servingExamples, long trainingWithoutId, long servingWithoutId,
    long pairsCompared, long idsOnlyInTraining, long idsOnlyInServing, long duplicateIds, long skewedPairs) {}
