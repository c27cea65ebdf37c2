/**
 * The Evaluator component: batch inference with a SavedModel over an Examples split, sliced metrics
 * for candidate and baseline, validation against thresholds, and the blessing.
 */
package io.beamline.evaluator;

import io.beamline.io.examples.Examples;
