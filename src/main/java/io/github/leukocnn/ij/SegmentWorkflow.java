package io.github.leukocnn.ij;

import ij.ImagePlus;
import ij.measure.Calibration;
import ij.process.ColorProcessor;
import io.github.leukocnn.batch.TiledSegmenter;
import io.github.leukocnn.image.RgbImages;
import io.github.leukocnn.io.ImageInputException;
import io.github.leukocnn.io.SmearImages;
import io.github.leukocnn.progress.ProgressListener;
import io.github.leukocnn.segment.LeukocyteSegmenter;
import io.github.leukocnn.segment.Segmentation;
import io.github.leukocnn.segment.SegmentationSettings;

/** Segments the leukocytes of an open ImageJ image: the one core call behind the Fiji commands. */
public final class SegmentWorkflow {

	private SegmentWorkflow() {}

	/**
	 * @param cellDiameter expected leukocyte diameter in the image's calibrated unit (µm) if it has a
	 *          spatial calibration, otherwise in pixels; 0 = estimate
	 */
	public static Segmentation segment(ImagePlus imp, double cellDiameter, LeukocyteSegmenter segmenter,
		ProgressListener progress) throws ImageInputException
	{
		return whole(segmenter).segment(RgbImages.wrap(rgb(imp)), settings(imp, cellDiameter, progress));
	}

	/** {@code segmenter} for images of any size: large ones are segmented in tiles, as in batch runs. */
	public static LeukocyteSegmenter whole(LeukocyteSegmenter segmenter) {
		return segmenter instanceof TiledSegmenter ? segmenter : new TiledSegmenter(segmenter);
	}

	/** The RGB pixels of {@code imp} under LeukoCNN's input policy ({@link SmearImages#toRgb}). */
	public static ColorProcessor rgb(ImagePlus imp) throws ImageInputException {
		if (imp == null || imp.getProcessor() == null)
			throw new ImageInputException("No image open: open an RGB blood-smear image first.");
		return SmearImages.toRgb(imp, "'" + imp.getTitle() + "'");
	}

	/** Segmentation settings for {@code imp}: diameter converted to pixels, all cores. */
	public static SegmentationSettings settings(ImagePlus imp, double cellDiameter, ProgressListener progress) {
		return SegmentationSettings.defaults()
			.withCellDiameter(diameterInPixels(imp, cellDiameter))
			.withProgress(progress);
	}

	/**
	 * A diameter given in the unit the user sees: calibrated unit if the image is spatially
	 * calibrated, else pixels; 0 or less stays 0 (= estimate).
	 */
	public static double diameterInPixels(ImagePlus imp, double cellDiameter) {
		if (Double.isNaN(cellDiameter) || Double.isInfinite(cellDiameter))
			throw new IllegalArgumentException("cell_diameter must be a number (0 = estimate), got " + cellDiameter);
		if (cellDiameter <= 0) return 0;
		Calibration cal = imp.getCalibration();
		if (!cal.scaled()) return cellDiameter;
		// Pixels may be non-square: use the geometric mean of their sides.
		return cellDiameter / Math.sqrt(cal.pixelWidth * cal.pixelHeight);
	}

	/** The unit of cell_diameter for this image, for dialogs: "pixels" or the calibrated unit. */
	public static String diameterUnit(ImagePlus imp) {
		return imp != null && imp.getCalibration().scaled() ? imp.getCalibration().getUnit() : "pixels";
	}
}
