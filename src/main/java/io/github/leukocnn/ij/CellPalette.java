package io.github.leukocnn.ij;

import java.awt.Color;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.leukocnn.io.SegmentationWriter;

/**
 * Fixed colours of cell outlines, by class name (case-insensitive), so that a class has the same
 * colour in every image, overlay and report. Documented in docs/fiji.md; change both together.
 */
public final class CellPalette {

	private CellPalette() {}

	/** Outline of a cell that has not been classified. */
	public static final Color UNCLASSIFIED = new Color(SegmentationWriter.ROI_COLOUR);

	private static final Map<String, Color> KNOWN = Map.ofEntries(
		// field-level leukaemia classes (ALL subtypes): benign green, malignant warm colours
		Map.entry("benign", new Color(0x2CA02C)),
		Map.entry("early", new Color(0xFF7F0E)),
		Map.entry("pre", new Color(0xD62728)),
		Map.entry("pro", new Color(0x9467BD)),
		// normal leukocyte types and other cells of peripheral blood
		Map.entry("neutrophil", new Color(0x1F77B4)),
		Map.entry("lymphocyte", new Color(0x17BECF)),
		Map.entry("monocyte", new Color(0x8C564B)),
		Map.entry("eosinophil", new Color(0xE377C2)),
		Map.entry("basophil", new Color(0x7F7F7F)),
		Map.entry("ig", new Color(0xBCBD22)),
		Map.entry("erythroblast", new Color(0xFF9896)),
		Map.entry("platelet", new Color(0xC5B0D5)));

	/** Colours of classes not in the table, chosen by the class's index in the model's class list. */
	private static final Color[] OTHERS = { new Color(0x00FFFF), new Color(0xFF00FF), new Color(0x00FF00),
		new Color(0xFF8000), new Color(0x0080FF), new Color(0xFF0080) };

	/**
	 * @param className the predicted class, null if unclassified
	 * @param classes all classes of the model (decides the colour of an unknown class); may be empty
	 */
	public static Color color(String className, List<String> classes) {
		if (className == null) return UNCLASSIFIED;
		Color known = KNOWN.get(className.toLowerCase(Locale.ROOT));
		if (known != null) return known;
		int index = Math.max(0, classes.indexOf(className));
		return OTHERS[index % OTHERS.length];
	}
}
