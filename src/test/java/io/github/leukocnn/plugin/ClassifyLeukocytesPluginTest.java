package io.github.leukocnn.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import io.github.leukocnn.ij.CellTables;
import io.github.leukocnn.ij.Classifiers;
import io.github.leukocnn.ij.RecordingSegmenter;
import io.github.leukocnn.ij.SizeRuleClassifier;
import io.github.leukocnn.ij.TestSmears;
import io.github.leukocnn.report.ClassifyBatch;
import io.github.leukocnn.testutil.ImageJFixture;

/** "Classify Leukocytes" through ImageJ 1's macro interpreter, headless, with stand-in segmenter and model. */
class ClassifyLeukocytesPluginTest {

	@RegisterExtension
	static final ImageJFixture IMAGEJ = ImageJFixture.create().menus().segmenter(RecordingSegmenter.class).classifier(SizeRuleClassifier.class);

	private static final String HELPER = "call('io.github.leukocnn.plugin.LeukoCnnMacro.";

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
	void classifiedRoisAreRefusedOnceTheImageIsSegmentedAgain(@TempDir Path dir) {
		ImagePlus imp = TestSmears.discs("field", 3, 30);
		WindowManager.setTempCurrentImage(imp);
		String save = HELPER + "saveClassifiedRois', '" + dir + "', 'field', 'false')";

		String out = IJ.runMacro("run('Classify Leukocytes', 'model=all-screening cell_diameter=0');\n" +
			"run('Segment Leukocytes', 'cell_diameter=0');\n" +
			"return " + save + " + '|' + Property.get('leukocnn.call');");

		String[] parts = out.split("\\|", -1);
		assertTrue(parts[0].startsWith("'field' has not been classified"), parts[0]);
		assertTrue(parts[0].endsWith("run Classify Leukocytes first"), parts[0]);
		assertEquals("", parts[1], "no call left from the earlier classification");
		assertFalse(Files.exists(dir.resolve("field" + ClassifyBatch.ROI_SUFFIX)), "no unclassified outlines under a classified name");

		assertEquals("", IJ.runMacro("run('Classify Leukocytes', 'model=all-screening cell_diameter=0'); return " + save + ";"));
		assertTrue(Files.exists(dir.resolve("field" + ClassifyBatch.ROI_SUFFIX)));
	}

	/** A cell-type model: the stand-in's answers without positive classes. */
	public static final class CellTypeClassifier implements io.github.leukocnn.classify.CellClassifier {
		private final SizeRuleClassifier rule = new SizeRuleClassifier();

		@Override
		public java.util.List<String> classes() {
			return java.util.List.of("lymphocyte", "neutrophil");
		}

		@Override
		public java.util.Set<String> positiveClasses() {
			return java.util.Set.of();
		}

		@Override
		public float[][] classifyCells(net.imglib2.RandomAccessibleInterval<net.imglib2.type.numeric.ARGBType> rgb,
			io.github.leukocnn.segment.Segmentation segmentation, io.github.leukocnn.progress.ProgressListener progress)
		{
			return rule.classifyCells(rgb, segmentation, progress);
		}

		@Override
		public float[] classifySingleCell(net.imglib2.RandomAccessibleInterval<net.imglib2.type.numeric.ARGBType> rgb) {
			return rule.classifySingleCell(rgb);
		}

		@Override
		public float[] aggregateField(float[][] cellProbabilities) {
			return rule.aggregateField(cellProbabilities);
		}
	}

	@Test
	void aCellTypeModelLeavesTheLeukaemiaPropertyUnset() {
		System.setProperty(Classifiers.PROPERTY, CellTypeClassifier.class.getName());
		try {
			WindowManager.setTempCurrentImage(TestSmears.discs("types", 3, 30));
			String out = IJ.runMacro("run('Classify Leukocytes', 'model=leukocyte-types cell_diameter=0');\n" +
				"return " + HELPER + "lastError') + '|' + Property.get('leukocnn.call') + '|' + Property.get('leukocnn.leukaemia');");
			assertEquals("|neutrophil|", out);
		}
		finally {
			System.setProperty(Classifiers.PROPERTY, SizeRuleClassifier.class.getName());
		}
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
	void theImageIsCheckedBeforeTheModelIsLoaded() {
		System.clearProperty(Classifiers.PROPERTY);
		try {
			WindowManager.setTempCurrentImage(null);
			String out = IJ.runMacro("run('Classify Leukocytes', 'model=[model file...] model_file=/nonexistent/m.zip cell_diameter=0');" +
				"return " + HELPER + "lastError');");
			assertTrue(out.startsWith("No image open"), out);
			out = IJ.runMacro("newImage('grey', '8-bit black', 60, 60, 1);\n" +
				"run('Classify Leukocytes', 'model=[model file...] model_file=/nonexistent/m.zip cell_diameter=0');\n" +
				"error = " + HELPER + "lastError'); close(); return error;");
			assertTrue(out.contains("'grey' is a greyscale 8-bit image"), out);
			WindowManager.setTempCurrentImage(TestSmears.discs("f", 1, 30));
			out = IJ.runMacro("run('Classify Leukocytes', 'model=[model file...] model_file=/nonexistent/m.zip cell_diameter=-2');" +
				"return " + HELPER + "lastError');");
			assertTrue(out.startsWith("cell_diameter must be a positive diameter"), out);
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
