package io.github.leukocnn.ij;

import java.util.Locale;
import java.util.Map;

import ij.IJ;
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
	 * @param cellDiameter expected leukocyte diameter in µm if the image is calibrated in a length unit
	 *          (nm, µm, mm, cm, m), otherwise in pixels; 0 = estimate
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

	/**
	 * Segmentation settings for {@code imp}: diameter converted to pixels, all cores. When a diameter is
	 * given for an image whose calibration is not a length unit (e.g. inches from a TIFF's dpi tags),
	 * the Log says that it is taken in pixels.
	 */
	public static SegmentationSettings settings(ImagePlus imp, double cellDiameter, ProgressListener progress) {
		double pixels = diameterInPixels(imp, cellDiameter);
		String note = cellDiameter > 0 ? calibrationNote(imp) : null;
		if (note != null) IJ.log("LeukoCNN: " + note);
		return SegmentationSettings.defaults()
			.withCellDiameter(pixels)
			.withProgress(progress);
	}

	/** The length units of a microscope calibration LeukoCNN understands, in µm per unit (keys in lower case). */
	private static final Map<String, Double> MICRONS_PER_UNIT = Map.of(
		"nm", 1e-3,
		"µm", 1.0, // micro sign
		"\u03bcm", 1.0, // Greek mu
		"um", 1.0,
		"micron", 1.0,
		"microns", 1.0,
		"mm", 1e3,
		"cm", 1e4,
		"m", 1e6);

	/** The accepted length units, for messages. */
	static final String LENGTH_UNITS = "nm, µm (um, micron), mm, cm, m";

	/**
	 * The size of {@code imp}'s pixels in µm (geometric mean of width and height, for non-square
	 * pixels), or NaN when its calibration is not in a length unit: uncalibrated, pixels, inches (the
	 * dpi tags of scanned or exported TIFFs, not a microscope calibration) or a unit LeukoCNN does not know.
	 */
	public static double micronsPerPixel(ImagePlus imp) {
		if (imp == null) return Double.NaN;
		Calibration cal = imp.getCalibration();
		Double perUnit = MICRONS_PER_UNIT.get(unit(cal).toLowerCase(Locale.ROOT));
		double side = Math.sqrt(cal.pixelWidth * cal.pixelHeight);
		if (perUnit == null || !(side > 0) || Double.isInfinite(side)) return Double.NaN;
		return side * perUnit;
	}

	/**
	 * A diameter given in the unit the user sees ({@link #diameterUnit}): µm if the image is calibrated in a
	 * length unit, else pixels; 0 stays 0 (= estimate).
	 *
	 * @throws IllegalArgumentException for a negative or non-finite diameter
	 */
	public static double diameterInPixels(ImagePlus imp, double cellDiameter) {
		if (Double.isNaN(cellDiameter) || Double.isInfinite(cellDiameter) || cellDiameter < 0)
			throw new IllegalArgumentException("cell_diameter must be a positive diameter (µm if the image is calibrated in a " +
				"length unit, else pixels) or 0 = estimate, got " + cellDiameter);
		if (cellDiameter == 0) return 0;
		double micronsPerPixel = micronsPerPixel(imp);
		return Double.isNaN(micronsPerPixel) ? cellDiameter : cellDiameter / micronsPerPixel;
	}

	/** The unit of cell_diameter for this image, for dialogs: "µm" if it is calibrated in a length unit, else "pixels". */
	public static String diameterUnit(ImagePlus imp) {
		return Double.isNaN(micronsPerPixel(imp)) ? "pixels" : "µm";
	}

	/**
	 * Why a calibrated {@code imp}'s cell_diameter is nevertheless taken in pixels, or null when it is not
	 * (uncalibrated, in pixels, or in a length unit).
	 */
	public static String calibrationNote(ImagePlus imp) {
		if (imp == null || !Double.isNaN(micronsPerPixel(imp))) return null;
		String unit = unit(imp.getCalibration());
		String lower = unit.toLowerCase(Locale.ROOT);
		if (lower.isEmpty() || lower.equals("pixel") || lower.equals("pixels")) return null;
		Calibration cal = imp.getCalibration();
		String what = lower.equals("inch") || lower.equals("inches")
			? "inches (resolution tags such as 300 dpi, not a microscope calibration)"
			: MICRONS_PER_UNIT.containsKey(lower)
				? unit + " with an unusable pixel size (" + cal.pixelWidth + " x " + cal.pixelHeight + ")"
				: "'" + unit + "', not a length unit LeukoCNN knows (" + LENGTH_UNITS + ")";
		return "'" + imp.getTitle() + "' is calibrated in " + what + ": cell_diameter is taken in pixels; " +
			"set the pixel size in µm with Image > Properties... to give it in µm";
	}

	private static String unit(Calibration cal) {
		String unit = cal.getUnit();
		return unit == null ? "" : unit.trim();
	}
}
