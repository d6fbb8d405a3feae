package io.github.leukocnn.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import ij.plugin.filter.Analyzer;
import io.github.leukocnn.ij.CellTables;
import io.github.leukocnn.ij.TestSmears;
import io.github.leukocnn.ij.RecordingSegmenter;
import io.github.leukocnn.segment.Segmenters;
import io.github.leukocnn.testutil.HeadlessMenus;
import io.github.leukocnn.testutil.ImageJFixture;

/** Runs the ImageJ 1 plugin the way users' macros do: through the real macro interpreter, headless. */
class SegmentLeukocytesPluginTest {

	@RegisterExtension
	// Known answer: one cell per purple disc (the real segmenter is tested in its own package).
	static final ImageJFixture IMAGEJ = ImageJFixture.create().menus().segmenter(RecordingSegmenter.class);

	private static final String CALL = "call('io.github.leukocnn.plugin.LeukoCnnMacro.";

	@Test
	void pluginsConfigNamesPlugInClassesUnderPluginsLeukoCnn() throws Exception {
		Map<String, String> entries = HeadlessMenus.pluginsConfig();
		assertTrue(entries.containsKey("Segment Leukocytes"), entries.toString());
		for (String className : entries.values())
			assertTrue(PlugIn.class.isAssignableFrom(Class.forName(className.replaceAll("\\(.*", ""))), className);
	}

	@Test
	void macroSegmentsTheCurrentImage() {
		ImagePlus imp = TestSmears.discs("field.png", 3, 24);
		imp.setOverlay(new Overlay(new Roi(0, 0, 4, 4))); // the user's own annotation
		ResultsTable results = Analyzer.getResultsTable();
		results.reset();
		results.addRow();
		results.addValue("Mean", 7);
		WindowManager.setTempCurrentImage(imp);

		String out = IJ.runMacro("setBatchMode(true);\n" +
			"run('Segment Leukocytes', 'cell_diameter=0 add_to_roi_manager show_results');\n" +
			"return " + CALL + "lastError') + '|' + " + CALL + "tableSize', 'LeukoCNN Cells') + '|' + " +
			CALL + "cellCount') + '|' + Overlay.size;");

		assertEquals("|3|3|4", out);
		assertEquals("field.png", CellTables.get(CellTables.CELLS).getStringValue("image", 2));
		assertEquals(1, results.size(), "the user's Results table is untouched");
		assertEquals(7, results.getValue("Mean", 0), 0);
	}

	@Test
	void cellTableIsSavedAsCsvAndNotReplacedSilently(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
		WindowManager.setTempCurrentImage(TestSmears.discs("with, comma.png", 2, 24));
		java.nio.file.Path csv = dir.resolve("cells.csv");
		String save = CALL + "saveTable', 'LeukoCNN Cells', '" + csv.toString().replace("\\", "/") + "', 'false')";

		String out = IJ.runMacro("run('Segment Leukocytes', 'cell_diameter=0 show_results'); return " + save + " + '|' + " + save + ";");

		java.util.List<String> lines = java.nio.file.Files.readAllLines(csv);
		assertEquals(3, lines.size());
		assertTrue(lines.get(0).startsWith("image,cell_id,class,probability,bbox_x"), lines.get(0));
		assertTrue(lines.get(1).startsWith("\"with, comma.png\",1,,NaN,"), lines.get(1));
		assertTrue(out.startsWith("|") && out.contains("already exists"), out);
	}

	@Test
	void macroOptionsReachTheSegmenter() {
		RecordingSegmenter.last = null;
		System.setProperty(Segmenters.PROPERTY, RecordingSegmenter.class.getName());
		try {
			ImagePlus imp = TestSmears.discs("calibrated", 1, 24);
			imp.getCalibration().pixelWidth = imp.getCalibration().pixelHeight = 0.25;
			imp.getCalibration().setUnit("µm");
			WindowManager.setTempCurrentImage(imp);
			IJ.runMacro("run('Segment Leukocytes', 'cell_diameter=8');");
			assertEquals(32, RecordingSegmenter.last.cellDiameter(), 1e-9, "8 µm at 0.25 µm/pixel");
			assertEquals(0, CellTables.get(CellTables.CELLS).size(), "show_results absent = off, as in ImageJ macros");
		}
		finally {
			System.setProperty(Segmenters.PROPERTY, RecordingSegmenter.class.getName());
		}
	}

	@Test
	void dpiCalibrationIsNotTakenForMicrons() {
		RecordingSegmenter.last = null;
		ImagePlus imp = TestSmears.discs("scan.tif", 1, 24);
		imp.getCalibration().pixelWidth = imp.getCalibration().pixelHeight = 1.0 / 300; // a 300-dpi TIFF
		imp.getCalibration().setUnit("inch");
		WindowManager.setTempCurrentImage(imp);
		java.io.PrintStream stdout = System.out;
		java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
		System.setOut(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8)); // headless IJ.log prints here
		try {
			IJ.runMacro("run('Segment Leukocytes', 'cell_diameter=12');");
		}
		finally {
			System.setOut(stdout);
		}
		assertEquals(12, RecordingSegmenter.last.cellDiameter(), 1e-9, "inches are dpi tags: 12 stays 12 pixels, not 3600");
		String text = log.toString(java.nio.charset.StandardCharsets.UTF_8);
		assertTrue(text.contains("'scan.tif' is calibrated in inches") && text.contains("taken in pixels"), text);
	}

	@Test
	void negativeDiameterGivesTheReason() {
		WindowManager.setTempCurrentImage(TestSmears.discs("neg", 1, 24));
		String out = IJ.runMacro("run('Segment Leukocytes', 'cell_diameter=-3'); return " + CALL + "lastError');");
		assertTrue(out.startsWith("cell_diameter must be a positive diameter") && out.contains("0 = estimate"), out);
	}

	@Test
	void greyscaleImageGivesTheReasonAndTheMacroGoesOn() {
		String out = IJ.runMacro("setBatchMode(true); newImage('grey', '8-bit black', 60, 60, 1);\n" +
			"run('Segment Leukocytes', 'cell_diameter=0 show_results');\n" +
			"error = " + CALL + "lastError'); close('*'); return error + '|after';");
		assertTrue(out.endsWith("|after"), out);
		assertTrue(out.contains("'grey' is a greyscale 8-bit image"), out);
		assertTrue(out.contains("RGB"), out);
	}

	@Test
	void stackGivesTheReason() {
		String out = IJ.runMacro("setBatchMode(true); newImage('st', 'RGB white', 60, 60, 4);\n" +
			"run('Segment Leukocytes', 'cell_diameter=0');\n" +
			"error = " + CALL + "lastError'); close('*'); return error;");
		assertTrue(out.contains("'st' is a stack of 4"), out);
	}

	@Test
	void noImageGivesTheReason() {
		WindowManager.setTempCurrentImage(null);
		String out = IJ.runMacro("run('Segment Leukocytes', 'cell_diameter=0'); return " + CALL + "lastError');");
		assertTrue(out.startsWith("No image open"), out);
	}
}
