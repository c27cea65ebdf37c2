/**
 * The Trainer component: TensorFlow Java training of a binary classifier whose preprocessing
 * (z-scores, imputation, vocabularies, buckets) is part of the exported SavedModel graph.
 */
package io.beamline.trainer;
