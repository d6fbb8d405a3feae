package io.github.leukocnn.ij;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.leukocnn.report.ClassifyBatch;
import io.github.leukocnn.report.FieldReport;
import io.github.leukocnn.report.ReportTables;

/** Shows a classified field: classified cell outlines and rows, plus one "LeukoCNN Fields" row. */
public final class FieldDisplay {

	private FieldDisplay() {}

	/** Image properties (strings, kept in TIFF files) with the field call and the leukaemia call. */
	public static final String CALL_PROP = "leukocnn.call", LEUKAEMIA_PROP = "leukocnn.leukaemia";

	/** "positive" or "negative", as in the command line's images.csv. */
	public static String leukaemia(FieldReport field) {
		return field.leukaemia() ? ReportTables.POSITIVE : ReportTables.NEGATIVE;
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
		imp.setProp(CALL_PROP, field.call()); // macros: Property.get("leukocnn.call")
		imp.setProp(LEUKAEMIA_PROP, leukaemia(field));
		return cells;
	}
}
