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
 * where the segmentation's diameter is not {@link #MIN_RATIO} to {@link #MAX_RATIO} times the
 * ruler (it measured something else). A leukocyte diameter the user gives is the segmentation's,
 * so with this rule it sets the fallback, not the crops.</li>
 * </ul>
 */
public final class FieldCropScale {

	public static final String SEGMENTATION = "segmentation", RED_CELLS = "red-cells";
	public static final List<String> RULES = List.of(SEGMENTATION, RED_CELLS);
	/** Crop diameter / red-cell diameter; matches the segmentation's median estimate on all-taleqani and bccd. */
	public static final double LEUKOCYTE_PER_RED_CELL = 2.1;
	/** Segmentation's leukocyte diameter / red-cell diameter below this: the ruler is not trusted. */
	public static final double MIN_RATIO = 1.1;
	/** ... and above this (in crowded pre-B fields of all-taleqani the estimate reaches 4-4.4 times the ruler, 90th percentile). */
	public static final double MAX_RATIO = 5;

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
		return ratio >= MIN_RATIO && ratio <= MAX_RATIO ? LEUKOCYTE_PER_RED_CELL * red : segmentationDiameter;
	}
}
