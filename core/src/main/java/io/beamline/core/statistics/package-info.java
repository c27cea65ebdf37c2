/**
 * Feature statistics of a data set as values (records named after TensorFlow Metadata's
 * statistics.proto) and their {@code FeatureStats.json} form, shared by the components that compute
 * and read statistics.
 */
package io.beamline.core.statistics;
