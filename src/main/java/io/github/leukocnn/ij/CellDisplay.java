package io.github.leukocnn.ij;

import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.gui.TextRoi;
import ij.measure.ResultsTable;
import ij.plugin.frame.RoiManager;
import io.github.leukocnn.io.RoiSets;
import io.github.leukocnn.io.SegmentationWriter;
import io.github.leukocnn.report.FieldAnnotation;
import io.github.leukocnn.report.FieldReport;
import io.github.leukocnn.segment.Segmentation;

/**
 * Shows the cells of a segmentation where ImageJ users look for them: one outline per cell on the
 * image overlay, the same outlines appended to the ROI Manager, and one row per cell in the
 * "LeukoCNN Cells" table. The user's own ROIs, overlay elements and "Results" table are kept.
 */
public final class CellDisplay {

	private CellDisplay() {}

	/** Marks overlay ROIs made by LeukoCNN, so that a new run replaces them and nothing else. */
	public static final String ROI_PROPERTY = "leukocnn";

	/** {@link #ROI_PROPERTY} value of a cell outline, and of the text ROI that names it on the overlay. */
	public static final String CELL = "cell", LABEL = "label";

	/**
	 * ROI properties naming the image a cell outline was found on (its title, and its ImageJ ID, unique
	 * within a session). The ROI Manager is shared by all images and never reset by LeukoCNN, so these
	 * tell one image's cells from another's ({@link RoiManagers#ofImage}); they survive renaming a ROI
	 * and saving it in a ROI set.
	 */
	public static final String IMAGE_PROPERTY = "leukocnn.image", IMAGE_ID_PROPERTY = "leukocnn.image_id";

	private static final Color LABEL_BACKGROUND = new Color(0, 0, 0, 140);

	/** ImagePlus property holding the last {@link Segmentation} shown on the image (for saving it). */
	public static final String SEGMENTATION_PROPERTY = "leukocnn.segmentation";

	/** Image property (string, kept in TIFF files) with the number of cells found. */
	public static final String CELLS_PROP = "leukocnn.cells";

	/** The segmentation last shown on {@code imp}, or null. */
	public static Segmentation segmentationOf(ImagePlus imp) {
		return imp != null && imp.getProperty(SEGMENTATION_PROPERTY) instanceof Segmentation s ? s : null;
	}

	/**
	 * @param rois one outline per cell, in the order of the measurements, named and coloured
	 * @param inRoiManager whether they were appended to a ROI Manager (false when not asked or headless)
	 * @param table the table the rows were appended to, null when not asked for
	 */
	public record Shown(List<Roi> rois, boolean inRoiManager, ResultsTable table) {}

	/**
	 * @param classified the classes of the cells (in the order of the measurements), or null for
	 *          unclassified cells
	 */
	public static Shown show(ImagePlus imp, Segmentation segmentation, FieldReport classified,
		boolean addToRoiManager, boolean showTable)
	{
		if (classified != null && classified.cellCount() != segmentation.cellCount())
			throw new IllegalArgumentException(classified.cellCount() + " classified cells for " +
				segmentation.cellCount() + " segmented cells");
		List<Roi> rois = outlines(segmentation, classified);
		for (Roi roi : rois) { // before cloning: the overlay's and the ROI Manager's copies carry it too
			roi.setProperty(IMAGE_PROPERTY, imp.getTitle());
			roi.setProperty(IMAGE_ID_PROPERTY, String.valueOf(imp.getID()));
		}
		replaceOverlayCells(imp, rois, classified != null);
		imp.setProperty(SEGMENTATION_PROPERTY, segmentation);
		imp.setProp(CELLS_PROP, segmentation.cellCount()); // macros: Property.get("leukocnn.cells")
		if (classified == null) FieldDisplay.clear(imp); // a new segmentation: an earlier classification is void
		boolean inRoiManager = addToRoiManager && addToRoiManager(imp, rois);
		ResultsTable table = null;
		if (showTable) {
			table = CellTables.get(CellTables.CELLS);
			CellTables.addCells(table, imp.getTitle(), segmentation, classified);
			CellTables.show(CellTables.CELLS, table);
		}
		return new Shown(rois, inRoiManager, table);
	}

	/** "cell-0007" for an unclassified cell, "pre 0.97 #7" for a classified one. */
	public static String roiName(int id, FieldReport classified, int index) {
		if (classified == null) return SegmentationWriter.roiName(id);
		var cell = classified.cells().get(index);
		return String.format(Locale.ROOT, "%s %.2f #%d", classified.classes().get(cell.classIndex()), cell.confidence(), id);
	}

	/** Class of cell {@code index}, null if unclassified. */
	static String className(FieldReport classified, int index) {
		return classified == null || index < 0 ? null : classified.classes().get(classified.cells().get(index).classIndex());
	}

	static List<Roi> outlines(Segmentation segmentation, FieldReport classified) {
		// measurement index of each label id: names and colours follow the measurements' order
		int[] index = new int[0x10000];
		Arrays.fill(index, -1);
		for (int i = 0; i < segmentation.cellCount(); i++)
			index[segmentation.measurements().get(i).id()] = i;
		List<String> classes = classified == null ? List.of() : classified.classes();
		List<Roi> traced = RoiSets.traceLabels(segmentation.cellPixels(), segmentation.width(), segmentation.height(),
			id -> index[id] < 0 ? SegmentationWriter.roiName(id) : roiName(id, classified, index[id]),
			id -> CellPalette.color(className(classified, index[id]), classes).getRGB());
		List<Roi> rois = new ArrayList<>(traced.size());
		for (Roi roi : traced) {
			roi.setProperty(ROI_PROPERTY, CELL);
			rois.add(roi);
		}
		return rois;
	}

	/**
	 * @param showNames label each outline with its name ("class p #id") on the image, so the class is
	 *          read where the cell is. The labels are text ROIs of their own rather than the overlay's
	 *          "draw names" switch, which would also label the user's own overlay ROIs.
	 */
	private static void replaceOverlayCells(ImagePlus imp, List<Roi> rois, boolean showNames) {
		Overlay overlay = imp.getOverlay() == null ? new Overlay() : imp.getOverlay();
		for (int i = overlay.size() - 1; i >= 0; i--)
			if (overlay.get(i).getProperty(ROI_PROPERTY) != null) overlay.remove(i);
		for (Roi roi : rois)
			overlay.add((Roi) roi.clone());
		if (showNames) {
			Font font = new Font(Font.SANS_SERIF, Font.BOLD, FieldAnnotation.labelFontSize(imp.getWidth(), imp.getHeight()));
			for (Roi roi : rois)
				overlay.add(label(roi, font, imp.getWidth()));
		}
		imp.setOverlay(overlay);
	}

	/**
	 * The name of {@code cell} in its colour on a dark band, just above the outline (below it at the
	 * top edge), moved left where it would run off an image {@code width} wide.
	 */
	static Roi label(Roi cell, Font font, int width) {
		Rectangle b = cell.getBounds();
		TextRoi label = new TextRoi(b.x, b.y, cell.getName(), font);
		Rectangle size = label.getBounds();
		label.setLocation(Math.max(0, Math.min(b.x, width - size.width)), b.y >= size.height ? b.y - size.height : b.y + b.height);
		label.setStrokeColor(cell.getStrokeColor());
		label.setFillColor(LABEL_BACKGROUND);
		label.setName(cell.getName());
		label.setProperty(ROI_PROPERTY, LABEL);
		return label;
	}

	private static boolean addToRoiManager(ImagePlus imp, List<Roi> rois) {
		RoiManager rm = RoiManagers.forAdding();
		if (rm == null) {
			IJ.log("LeukoCNN: no ROI Manager in headless ImageJ; the " + rois.size() +
				" cell outlines of " + imp.getTitle() + " are on its overlay");
			return false;
		}
		for (Roi roi : rois)
			rm.add(imp, (Roi) roi.clone(), -1);
		return true;
	}
}
