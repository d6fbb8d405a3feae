package io.github.leukocnn.plugin;

import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ij.ImagePlus;
import ij.Macro;
import ij.gui.GenericDialog;
import io.github.leukocnn.ij.SegmentWorkflow;

/**
 * A GenericDialog that also works in headless ImageJ 1, where GenericDialog cannot be created (it
 * is an AWT window): there the fields are read from the macro options with the same keys, so
 * {@code run("Segment Leukocytes", "cell_diameter=0 add_to_roi_manager")} means the same
 * everywhere. Labels are snake_case keys, as ImageJ records them; GenericDialog shows "_" as " ".
 */
final class PluginDialog {

	private final GenericDialog dialog;
	/** Headless only: the macro options, or null when not called from a macro (defaults apply). */
	private final String options;
	private final List<Object> defaults = new ArrayList<>();
	private final List<String> keys = new ArrayList<>();
	private final List<String[]> items = new ArrayList<>(); // choices of each field, null for other fields
	private int next;

	PluginDialog(String title) {
		boolean headless = GraphicsEnvironment.isHeadless();
		dialog = headless ? null : new GenericDialog(title);
		String o = Macro.getOptions();
		options = headless && o != null ? o + " " : null;
	}

	void addNumber(String label, double value, int digits, String units) {
		if (dialog != null) dialog.addNumericField(label, value, digits, 8, units);
		add(label, value);
	}

	void addCheckbox(String label, boolean value) {
		if (dialog != null) dialog.addCheckbox(label, value);
		add(label, value);
	}

	void addChoice(String label, String[] items, String value) {
		if (dialog != null) dialog.addChoice(label, items, value);
		add(label, value);
		this.items.set(this.items.size() - 1, items);
	}

	void addString(String label, String value) {
		if (dialog != null) dialog.addStringField(label, value, 30);
		add(label, value);
	}

	/** What Segment and Classify Leukocytes both ask; read back with {@link #nextCellOptions()}. */
	void addCellOptions(ImagePlus imp) {
		addNumber("cell_diameter", 0, 1, SegmentWorkflow.diameterUnit(imp) + " (0 = estimate)");
		addCheckbox("add_to_roi_manager", true);
		addCheckbox("show_results", true);
	}

	/** @param cellDiameter in the image's unit (see {@link SegmentWorkflow#diameterUnit}), 0 = estimate */
	record CellOptions(double cellDiameter, boolean addToRoiManager, boolean showResults) {}

	CellOptions nextCellOptions() {
		return new CellOptions(nextNumber(), nextBoolean(), nextBoolean()); // Java evaluates arguments left to right
	}

	void addMessage(String text) {
		if (dialog != null) dialog.addMessage(text);
	}

	/** Shows the dialog (reads the macro options in a macro); false if the user cancelled. */
	boolean show() {
		if (dialog == null) return true;
		dialog.showDialog();
		return !dialog.wasCanceled();
	}

	double nextNumber() {
		if (dialog != null) return dialog.getNextNumber();
		String v = options == null ? null : Macro.getValue(options, key(), null);
		Object fallback = defaults.get(next++);
		if (v == null) return (Double) fallback;
		try {
			return Double.parseDouble(v);
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException("'" + keys.get(next - 1) + "=" + v + "' is not a number");
		}
	}

	boolean nextBoolean() {
		if (dialog != null) return dialog.getNextBoolean();
		String key = key();
		Object fallback = defaults.get(next++);
		if (options == null) return (Boolean) fallback;
		return checkboxOn(options, key);
	}

	/**
	 * Whether macro options tick the checkbox {@code key}: as ImageJ's GenericDialog reads them, it is on
	 * when its key appears as a word outside the bracketed values, off when absent. A path such as
	 * {@code folder=[/x/keep overwrite off]} does not tick {@code overwrite}.
	 */
	static boolean checkboxOn(String options, String key) {
		StringBuilder outside = new StringBuilder(" ");
		boolean literal = false;
		for (int i = 0; i < options.length(); i++) {
			char c = options.charAt(i);
			if (literal) literal = c != ']';
			else if (c == '[') literal = true; // up to the next ']' (or the end, as in ImageJ)
			else outside.append(c);
		}
		return outside.append(' ').toString().contains(" " + key + " ");
	}

	String nextChoice() {
		if (dialog != null) return dialog.getNextChoice();
		String[] choices = items.get(next);
		String key = key(), v = nextText();
		if (!List.of(choices).contains(v))
			throw new IllegalArgumentException("'" + key + "=" + v + "' is not one of " + String.join(", ", choices));
		return v;
	}

	String nextString() {
		if (dialog != null) return dialog.getNextString();
		return nextText();
	}

	private String nextText() {
		String v = options == null ? null : Macro.getValue(options, key(), null);
		Object fallback = defaults.get(next++);
		return v != null ? v : (String) fallback;
	}

	private void add(String label, Object value) {
		keys.add(Macro.trimKey(label).toLowerCase(Locale.ROOT));
		defaults.add(value);
		items.add(null);
	}

	private String key() {
		return keys.get(next);
	}
}
