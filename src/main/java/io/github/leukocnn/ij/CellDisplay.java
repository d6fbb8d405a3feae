package io.github.leukocnn.ij;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.plugin.frame.RoiManager;
import io.github.leukocnn.io.RoiSets;
import io.github.leukocnn.io.SegmentationWriter;
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
		replaceOverlayCells(imp, rois, classified != null);
		imp.setProperty(SEGMENTATION_PROPERTY, segmentation);
		imp.setProp(CELLS_PROP, segmentation.cellCount()); // macros: Property.get("leukocnn.cells")
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
			roi.setProperty(ROI_PROPERTY, "cell");
			rois.add(roi);
		}
		return rois;
	}

	/** @param showNames draw each ROI's name ("class p #id") beside it: the class is read on the image itself */
	private static void replaceOverlayCells(ImagePlus imp, List<Roi> rois, boolean showNames) {
		Overlay overlay = imp.getOverlay() == null ? new Overlay() : imp.getOverlay();
		for (int i = overlay.size() - 1; i >= 0; i--)
			if (overlay.get(i).getProperty(ROI_PROPERTY) != null) overlay.remove(i);
		for (Roi roi : rois)
			overlay.add((Roi) roi.clone());
		if (showNames) {
			overlay.drawLabels(true);
			overlay.drawNames(true);
			overlay.drawBackgrounds(true);
		}
		imp.setOverlay(overlay);
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
