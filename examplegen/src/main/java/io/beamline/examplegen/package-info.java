/**
 * ExampleGen, the first link of every pipeline: ingests CSV, Parquet, Avro or TFRecord files into an
 * Examples artifact in TFX's layout, inferring feature types and splitting deterministically.
 */
package io.beamline.examplegen;

import io.beamline.io.examples.Examples;
