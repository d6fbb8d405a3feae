package io.github.leukocnn.ij;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.leukocnn.classify.CellClassifier;

/** Shows a classified field: classified cell outlines and rows, plus one "LeukoCNN Fields" row. */
public final class FieldDisplay {

	private FieldDisplay() {}

	/** Image properties (strings, kept in TIFF files) with the field call and the leukaemia call. */
	public static final String CALL_PROP = "leukocnn.call", LEUKAEMIA_PROP = "leukocnn.leukaemia";

	/**
	 * @param call the field class (highest field probability)
	 * @param leukaemia "positive" when the call is one of the model's positive classes, else "negative"
	 */
	public record Summary(CellDisplay.Shown cells, String call, String leukaemia) {}

	public static Summary show(ImagePlus imp, ClassifyWorkflow.Classified result, CellClassifier classifier,
		boolean addToRoiManager, boolean showTables)
	{
		CellDisplay.Shown cells = CellDisplay.show(imp, result.segmentation(), result.predictions(), addToRoiManager, showTables);
		if (showTables) {
			ResultsTable fields = CellTables.get(CellTables.FIELDS);
			CellTables.addField(fields, imp.getTitle(), result, classifier);
			CellTables.show(CellTables.FIELDS, fields);
		}
		String call = CellTables.fieldCall(result, classifier), leukaemia = CellTables.leukaemia(call, classifier);
		imp.setProp(CALL_PROP, call); // macros: Property.get("leukocnn.call")
		imp.setProp(LEUKAEMIA_PROP, leukaemia);
		return new Summary(cells, call, leukaemia);
	}
}
