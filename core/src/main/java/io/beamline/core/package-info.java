/** Shared model of Beamline: exceptions, JSON and the formats every component reads and writes. */
package io.beamline.core;
