package io.github.leukocnn.segment;

import io.github.leukocnn.progress.ProgressListener;

/**
 * What a {@link LeukocyteSegmenter} needs besides the image.
 *
 * @param cellDiameter expected leukocyte diameter in pixels; 0 (or less) = estimate it from the image
 * @param threads worker threads for per-pixel work, at least 1
 * @param progress receives progress, may cancel
 * @param singleCell the image shows one leukocyte, framed around it (PBC-style single-cell images):
 *          an estimated diameter is then not capped by the red cells (see
 *          {@link DiameterEstimator#diameter}), since no crowd of leukocytes can inflate it
 */
public record SegmentationSettings(double cellDiameter, int threads, ProgressListener progress, boolean singleCell) {

	public SegmentationSettings {
		if (Double.isNaN(cellDiameter) || Double.isInfinite(cellDiameter))
			throw new IllegalArgumentException("cell diameter must be a finite number of pixels (0 = estimate), got " + cellDiameter);
		if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
		if (progress == null) progress = ProgressListener.NONE;
	}

	/** Settings for a field (not a single-cell image). */
	public SegmentationSettings(double cellDiameter, int threads, ProgressListener progress) {
		this(cellDiameter, threads, progress, false);
	}

	/** Estimate the diameter, use all cores, report nothing. */
	public static SegmentationSettings defaults() {
		return new SegmentationSettings(0, Runtime.getRuntime().availableProcessors(), ProgressListener.NONE);
	}

	public SegmentationSettings withCellDiameter(double px) {
		return new SegmentationSettings(px, threads, progress, singleCell);
	}

	public SegmentationSettings withThreads(int n) {
		return new SegmentationSettings(cellDiameter, n, progress, singleCell);
	}

	public SegmentationSettings withProgress(ProgressListener listener) {
		return new SegmentationSettings(cellDiameter, threads, listener, singleCell);
	}

	/** The same settings for a single-cell image. */
	public SegmentationSettings withSingleCell() {
		return new SegmentationSettings(cellDiameter, threads, progress, true);
	}

	public boolean estimateDiameter() {
		return cellDiameter <= 0;
	}
}
