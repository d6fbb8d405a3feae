package io.github.leukocnn.ij;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.leukocnn.report.ClassifyBatch;
import io.github.leukocnn.report.FieldReport;

/** Shows a classified field: classified cell outlines and rows, plus one "LeukoCNN Fields" row. */
public final class FieldDisplay {

	private FieldDisplay() {}

	/** Image properties (strings, kept in TIFF files) with the field call and the leukaemia call. */
	public static final String CALL_PROP = "leukocnn.call", LEUKAEMIA_PROP = "leukocnn.leukaemia";

	/** ImagePlus property holding the last {@link FieldReport} shown on the image. */
	public static final String REPORT_PROPERTY = "leukocnn.report";

	/** The classification last shown on {@code imp} (cells, differential count, calls), or null. */
	public static FieldReport reportOf(ImagePlus imp) {
		return imp != null && imp.getProperty(REPORT_PROPERTY) instanceof FieldReport r ? r : null;
	}

	public static CellDisplay.Shown show(ImagePlus imp, ClassifyBatch.Classified result, boolean addToRoiManager,
		boolean showTables)
	{
		FieldReport field = result.report();
		CellDisplay.Shown cells = CellDisplay.show(imp, result.segmentation(), field, addToRoiManager, showTables);
		if (showTables) {
			ResultsTable fields = CellTables.get(CellTables.FIELDS);
			CellTables.addField(fields, field);
			CellTables.show(CellTables.FIELDS, fields);
		}
		imp.setProperty(REPORT_PROPERTY, field);
		imp.setProp(CALL_PROP, field.call()); // macros: Property.get("leukocnn.call")
		// a cell-type model makes no leukaemia call: no "negative" it cannot give (as ClassifyBatch.describe)
		imp.setProp(LEUKAEMIA_PROP, field.callsLeukaemia() ? field.leukaemiaCall() : null);
		return cells;
	}

	/**
	 * Removes the classification shown on {@code imp} (report, call and leukaemia call), when its
	 * cells are shown again unclassified: a call must not outlive the outlines it was made on.
	 */
	static void clear(ImagePlus imp) {
		imp.setProperty(REPORT_PROPERTY, null);
		imp.setProp(CALL_PROP, (String) null);
		imp.setProp(LEUKAEMIA_PROP, (String) null);
	}
}
