package io.github.leukocnn.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.scijava.command.CommandModule;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;
import io.github.leukocnn.ij.CellPalette;
import io.github.leukocnn.ij.CellTables;
import io.github.leukocnn.ij.Classifiers;
import io.github.leukocnn.ij.RecordingSegmenter;
import io.github.leukocnn.ij.SizeRuleClassifier;
import io.github.leukocnn.testutil.ImageJFixture;

class ClassifyLeukocytesCommandTest {

	@RegisterExtension
	static final ImageJFixture IMAGEJ = ImageJFixture.create().scijava().classifier(SizeRuleClassifier.class);

	/** Two small discs (benign) and one big one (pre): 3 cells, differential count 2 + 1. */
	private static ImagePlus field() {
		ColorProcessor cp = new ColorProcessor(200, 80);
		cp.setColor(0xE6DCDC);
		cp.fill();
		cp.setColor(0x783CA0);
		cp.fillOval(10, 20, 20, 20);  // ~314 px
		cp.fillOval(50, 20, 20, 20);
		cp.fillOval(100, 30, 40, 40); // ~1257 px, starts below the small ones: id 3
		return new ImagePlus("mixed.png", cp);
	}

	private static CommandModule run(ImagePlus imp) throws Exception {
		Map<String, Object> inputs = new HashMap<>(Map.of("image", imp, "model", "all-screening", "cell_diameter", 0.0,
			"add_to_roi_manager", false, "show_results", true, "segmenter", new RecordingSegmenter()));
		return IMAGEJ.commands().run(ClassifyLeukocytesCommand.class, true, inputs).get();
	}

	@Test
	void classifiesCellsAndReportsTheField() throws Exception {
		ImagePlus imp = field();

		CommandModule module = run(imp);

		assertFalse(module.isCanceled(), () -> module.getCancelReason());
		assertEquals(3, module.getOutput("cell_count"));
		// field = mean of (0.8,0.2),(0.8,0.2),(0.1,0.9) = (0.567, 0.433): benign wins
		assertEquals("benign", module.getOutput("call"));
		assertEquals("negative", module.getOutput("leukaemia"));
		assertEquals("benign 0.80 #1", imp.getOverlay().get(0).getName());
		assertEquals("pre 0.90 #3", imp.getOverlay().get(2).getName());
		assertEquals(CellPalette.color("pre", java.util.List.of()), imp.getOverlay().get(2).getStrokeColor());

		ResultsTable cells = CellTables.get(CellTables.CELLS);
		assertEquals(3, cells.size());
		assertEquals("pre", cells.getStringValue("class", 2));
		assertEquals(0.9, cells.getValue("probability", 2), 1e-6);

		ResultsTable fields = CellTables.get(CellTables.FIELDS);
		assertEquals(1, fields.size());
		assertEquals("mixed.png", fields.getStringValue("image", 0));
		assertEquals(3, fields.getValue("cell_count", 0), 0);
		assertEquals(2, fields.getValue("count_benign", 0), 0);
		assertEquals(1, fields.getValue("count_pre", 0), 0);
		assertEquals((0.2 + 0.2 + 0.9) / 3, fields.getValue("p_pre", 0), 1e-6);
		assertEquals("negative", fields.getStringValue("leukaemia", 0));
		assertEquals("benign", imp.getProp("leukocnn.call"));
		assertEquals(3, io.github.leukocnn.ij.FieldDisplay.reportOf(imp).cellCount());
		assertEquals(2, io.github.leukocnn.ij.FieldDisplay.reportOf(imp).counts()[0]);
	}

	@Test
	void modelChoicesComeFromOneList() {
		var info = IMAGEJ.commands().getCommand(ClassifyLeukocytesCommand.class);
		assertTrue(info != null && !info.isVisible());
		assertEquals(Classifiers.choices(), info.getInput("model", String.class).getChoices(),
			"the command's choices (annotation constants) must follow the shipped models");
	}

	@Test
	void aGreyscaleImageIsRefusedBeforeTheModelIsLoaded() throws Exception {
		System.clearProperty(Classifiers.PROPERTY);
		try {
			Map<String, Object> inputs = new HashMap<>(Map.of("image", new ImagePlus("grey", new ij.process.ByteProcessor(40, 40)),
				"model", Classifiers.FROM_FILE, "model_file", new java.io.File("/nonexistent/model.zip"), "segmenter",
				new RecordingSegmenter()));
			CommandModule module = IMAGEJ.commands().run(ClassifyLeukocytesCommand.class, true, inputs).get();
			assertTrue(module.isCanceled());
			assertTrue(module.getCancelReason().startsWith("'grey' is a greyscale 8-bit image"), module.getCancelReason());
		}
		finally {
			System.setProperty(Classifiers.PROPERTY, SizeRuleClassifier.class.getName());
		}
	}

	@Test
	void missingModelFileIsRefusedWithAReason() throws Exception {
		System.clearProperty(Classifiers.PROPERTY);
		try {
			Map<String, Object> inputs = new HashMap<>(Map.of("image", field(), "model", Classifiers.FROM_FILE,
				"model_file", new java.io.File("/nonexistent/model.zip"), "segmenter", new RecordingSegmenter()));
			CommandModule module = IMAGEJ.commands().run(ClassifyLeukocytesCommand.class, true, inputs).get();
			assertTrue(module.isCanceled());
			assertTrue(module.getCancelReason().contains("/nonexistent/model.zip does not exist"), module.getCancelReason());
		}
		finally {
			System.setProperty(Classifiers.PROPERTY, SizeRuleClassifier.class.getName());
		}
	}
}
