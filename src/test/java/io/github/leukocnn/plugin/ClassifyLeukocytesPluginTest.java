package io.github.leukocnn.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import io.github.leukocnn.ij.CellTables;
import io.github.leukocnn.ij.Classifiers;
import io.github.leukocnn.ij.RecordingSegmenter;
import io.github.leukocnn.segment.Segmenters;
import io.github.leukocnn.ij.SizeRuleClassifier;
import io.github.leukocnn.ij.TestSmears;

/** "Classify Leukocytes" through ImageJ 1's macro interpreter, headless, with stand-in segmenter and model. */
class ClassifyLeukocytesPluginTest {

	private static final String HELPER = "call('io.github.leukocnn.plugin.LeukoCnnMacro.";

	@BeforeAll
	static void install() throws Exception {
		HeadlessMenus.install();
		System.setProperty(Segmenters.PROPERTY, RecordingSegmenter.class.getName());
		System.setProperty(Classifiers.PROPERTY, SizeRuleClassifier.class.getName());
	}

	@AfterAll
	static void restore() {
		System.clearProperty(Segmenters.PROPERTY);
		System.clearProperty(Classifiers.PROPERTY);
	}

	@BeforeEach
	void emptyTables() {
		CellTables.reset(CellTables.CELLS);
		CellTables.reset(CellTables.FIELDS);
	}

	@Test
	void macroClassifiesAndTheCallIsAnImageProperty() {
		ImagePlus imp = TestSmears.discs("big cells.png", 3, 30); // 3 discs of ~700 px: all "pre"
		WindowManager.setTempCurrentImage(imp);

		String out = IJ.runMacro("run('Classify Leukocytes', 'model=all-screening cell_diameter=0 show_results');\n" +
			"return " + HELPER + "lastError') + '|' + Property.get('leukocnn.call') + '|' + Property.get('leukocnn.leukaemia') + '|' +" +
			HELPER + "tableSize', 'LeukoCNN Fields') + '|' + " + HELPER + "tableSize', 'LeukoCNN Cells');");

		assertEquals("|pre|positive|1|3", out);
		assertEquals("pre 0.90 #2", imp.getOverlay().get(1).getName());
		assertEquals(3, CellTables.get(CellTables.FIELDS).getValue("count_pre", 0), 0);
	}

	@Test
	void modelFileChoiceWithoutAFileGivesTheReason() {
		System.clearProperty(Classifiers.PROPERTY);
		try {
			WindowManager.setTempCurrentImage(TestSmears.discs("f", 1, 30));
			String out = IJ.runMacro("run('Classify Leukocytes', 'model=[model file...] cell_diameter=0');" +
				"return " + HELPER + "lastError');");
			assertTrue(out.startsWith("choose a model file"), out);
		}
		finally {
			System.setProperty(Classifiers.PROPERTY, SizeRuleClassifier.class.getName());
		}
	}

	@Test
	void unknownModelOrNonNumericDiameterIsNamed() {
		WindowManager.setTempCurrentImage(TestSmears.discs("f", 1, 30));
		String out = IJ.runMacro("run('Classify Leukocytes', 'model=resnet cell_diameter=0'); return " + HELPER + "lastError');");
		assertTrue(out.startsWith("'model=resnet' is not one of all-screening, leukocyte-types, model file..."), out);
		out = IJ.runMacro("run('Classify Leukocytes', 'model=all-screening cell_diameter=ten'); return " + HELPER + "lastError');");
		assertEquals("'cell_diameter=ten' is not a number", out);
	}

	@Test
	void unknownTableNameIsAnError() {
		String out = IJ.runMacro("return " + HELPER + "tableSize', 'Results');");
		assertTrue(out.startsWith("unknown table 'Results'"), out);
	}
}
