package io.beamline.monitor;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * An anomalous point of a series: where, its value, the range that was expected, and why.
 *
 * @param index the point's position in the series (0 = oldest)
 * @param value its value
 * @param lower the lowest value the detector expected there
 * @param upper the highest value the detector expected there
 * @param detector the detector, as written in the configuration (e.g. {@code relative_change(0.8,1.25)})
 * @param reason one sentence saying what was expected and what was found
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Detection(int index, double value, double lower, double upper, String detector, String reason) {}
