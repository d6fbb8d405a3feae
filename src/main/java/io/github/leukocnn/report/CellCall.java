package io.github.leukocnn.report;

import io.github.leukocnn.segment.CellMeasurements;

/**
 * The classifier's verdict on one cell.
 *
 * @param measurements morphometry from the segmentation; null when the whole image is taken as one
 *          cell ({@code --single-cell}) and nothing was segmented
 * @param probabilities one per class, in the classifier's class order
 * @param classIndex argmax of {@code probabilities} (first on ties)
 */
public record CellCall(CellMeasurements measurements, double[] probabilities, int classIndex) {

	public double confidence() {
		return probabilities[classIndex];
	}
}
