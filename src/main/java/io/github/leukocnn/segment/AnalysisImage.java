package io.github.leukocnn.segment;

import ij.process.ColorProcessor;

/**
 * An image at {@link DiameterEstimator#ANALYSIS_SIZE} px on its longer side with its stain features and
 * nucleus mask, computed once when asked for: the leukocyte estimate and the red-cell ruler of one field
 * both read them.
 */
final class AnalysisImage {

	/** The image at analysis size. */
	final ColorProcessor image;
	/** Width of {@link #image} / width of the original image. */
	final double scale;
	private StainFeatures features;
	private byte[] nucleus;

	private AnalysisImage(ColorProcessor image, double scale) {
		this.image = image;
		this.scale = scale;
	}

	/** {@code cp} at analysis size (see {@link DiameterEstimator#atAnalysisSize}); {@code cp} is left as it is. */
	static AnalysisImage of(ColorProcessor cp, boolean enlarge) {
		ColorProcessor small = DiameterEstimator.atAnalysisSize(cp, enlarge);
		return new AnalysisImage(small, small.getWidth() / (double) cp.getWidth());
	}

	/**
	 * {@code cp} (the original of this image) at analysis size, enlarged if it is smaller: this image
	 * itself when {@code cp} is at least the analysis size, since enlarging would not change it.
	 */
	AnalysisImage enlarged(ColorProcessor cp) {
		return Math.max(cp.getWidth(), cp.getHeight()) >= DiameterEstimator.ANALYSIS_SIZE ? this : of(cp, true);
	}

	int width() {
		return image.getWidth();
	}

	int height() {
		return image.getHeight();
	}

	StainFeatures features() {
		if (features == null) features = StainFeatures.compute((int[]) image.getPixels(), width(), height(), 1);
		return features;
	}

	/** {@link NucleusGroups#nucleusMask} of the features; shared, not to be changed. */
	byte[] nucleus() {
		if (nucleus == null) nucleus = NucleusGroups.nucleusMask(features());
		return nucleus;
	}
}
