package io.github.leukocnn.crop;

import java.util.List;

import ij.process.ColorProcessor;
import io.github.leukocnn.segment.RedCellRuler;

/**
 * The diameter that sizes the crops of a field's cells (see {@link CropSpec#sourceSide}), by the
 * model's field-scale rule:
 * <ul>
 * <li>{@link #SEGMENTATION}: the leukocyte diameter the segmentation ran at (given, or estimated from
 * the field's leukocytes). Every field's cells then look about the same size to the network.</li>
 * <li>{@link #RED_CELLS}: {@link #LEUKOCYTE_PER_RED_CELL} times the field's red-cell diameter
 * ({@link RedCellRuler}), so a large blast looks large next to a small lymphocyte, as under the
 * microscope. Falls back to the segmentation's diameter where the ruler has too few red cells or
 * disagrees with it beyond {@link #PLAUSIBLE_RATIO}.</li>
 * </ul>
 */
public final class FieldCropScale {

	public static final String SEGMENTATION = "segmentation", RED_CELLS = "red-cells";
	public static final List<String> RULES = List.of(SEGMENTATION, RED_CELLS);
	/** Crop diameter / red-cell diameter; matches the segmentation's median estimate on all-taleqani and bccd. */
	public static final double LEUKOCYTE_PER_RED_CELL = 2.1;
	/** Leukocyte diameter / red-cell diameter outside [1/…, …] means the ruler measured something else. */
	public static final double[] PLAUSIBLE_RATIO = { 1.1, 5 };

	private FieldCropScale() {}

	/** {@code rule} if it is one of {@link #RULES}; otherwise refused, naming them. */
	public static String checkRule(String rule) {
		if (!RULES.contains(rule))
			throw new IllegalArgumentException("field-scale must be one of " + String.join(", ", RULES) + ", got '" + rule + "'");
		return rule;
	}

	/** @param segmentationDiameter the leukocyte diameter (pixels) the segmentation ran at */
	public static double cropDiameter(String rule, int[] argb, int w, int h, double segmentationDiameter) {
		if (!RED_CELLS.equals(rule)) return segmentationDiameter;
		double red = RedCellRuler.diameter(new ColorProcessor(w, h, argb));
		if (!(red > 0)) return segmentationDiameter;
		double ratio = segmentationDiameter / red;
		return ratio >= PLAUSIBLE_RATIO[0] && ratio <= PLAUSIBLE_RATIO[1] ? LEUKOCYTE_PER_RED_CELL * red : segmentationDiameter;
	}
}
