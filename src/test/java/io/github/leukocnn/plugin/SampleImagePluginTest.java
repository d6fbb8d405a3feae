package io.github.leukocnn.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Roi;
import ij.process.ColorProcessor;
import io.github.leukocnn.ij.CellDisplay;
import io.github.leukocnn.cnn.ModelFile;
import io.github.leukocnn.ij.CellTables;
import io.github.leukocnn.ij.FieldDisplay;
import io.github.leukocnn.image.RgbImages;
import io.github.leukocnn.io.SmearImages;
import io.github.leukocnn.segment.Segmentation;
import io.github.leukocnn.segment.SegmentationSettings;
import io.github.leukocnn.segment.Segmenters;
import io.github.leukocnn.testutil.TestData;

/**
 * The menu command end to end with the real segmenter, through the macro interpreter: on the
 * bundled synthetic smear (exact ground truth) and on a real ALL-Taleqani field.
 */
class SampleImagePluginTest {

	private static final String HELPER = "call('io.github.leukocnn.plugin.LeukoCnnMacro.";

	@BeforeAll
	static void install() throws Exception {
		HeadlessMenus.install();
		System.clearProperty(Segmenters.PROPERTY); // the standard segmenter
	}

	@BeforeEach
	void emptyTable() {
		CellTables.reset(CellTables.CELLS);
	}

	private static String segment(ImagePlus imp, String options) {
		WindowManager.setTempCurrentImage(imp);
		return IJ.runMacro("run('Segment Leukocytes', '" + options + "'); return " + HELPER + "lastError');");
	}

	@Test
	void findsTheLeukocytesOfTheSampleSmear() throws Exception {
		Path file = Path.of("sample-images", "smear-s1.png");
		ImagePlus imp = SmearImages.open(file);
		List<String> truth = Files.readAllLines(Path.of("sample-images", "ground-truth", "smear-s1_truth.csv"));
		truth = truth.subList(1, truth.size());

		assertEquals("", segment(imp, "cell_diameter=90 show_results"));

		Segmentation shown = CellDisplay.segmentationOf(imp);
		Segmentation direct = Segmenters.standard().segment(RgbImages.wrap((ColorProcessor) SmearImages.open(file).getProcessor()),
			SegmentationSettings.defaults().withCellDiameter(90));
		assertEquals(direct.cellCount(), shown.cellCount(), "the plugin gives what the core gives");
		assertEquals(shown.cellCount(), imp.getOverlay().size());
		assertEquals(shown.cellCount(), CellTables.get(CellTables.CELLS).size());
		assertEquals(String.valueOf(shown.cellCount()), imp.getProp(CellDisplay.CELLS_PROP));
		int found = 0;
		for (String row : truth) {
			String[] f = row.split(",");
			double x = Double.parseDouble(f[2]), y = Double.parseDouble(f[3]);
			for (Roi roi : imp.getOverlay().toArray())
				if (roi.containsPoint(x, y)) {
					found++;
					break;
				}
		}
		assertTrue(found >= truth.size() - 1, found + " of " + truth.size() + " true leukocyte centres inside an outline");
		assertTrue(shown.cellCount() <= truth.size() + 1, shown.cellCount() + " cells for " + truth.size() + " true ones");
	}

	@Test
	void calibratedDiameterGivesTheSameCells() throws Exception {
		ImagePlus px = SmearImages.open(Path.of("sample-images", "smear-s2.png"));
		ImagePlus um = SmearImages.open(Path.of("sample-images", "smear-s2.png"));
		um.getCalibration().pixelWidth = um.getCalibration().pixelHeight = 0.1;
		um.getCalibration().setUnit("µm");

		assertEquals("", segment(px, "cell_diameter=90"));
		assertEquals("", segment(um, "cell_diameter=9"));

		assertEquals(CellDisplay.segmentationOf(px).measurements(), CellDisplay.segmentationOf(um).measurements());
		assertTrue(CellDisplay.segmentationOf(px).cellCount() > 0);
	}

	@Test
	void classifiesTheSampleSmearWithEachShippedModel() throws Exception {
		for (String model : ModelFile.SHIPPED) {
			boolean shipped = ModelFile.class.getResource("/io/github/leukocnn/models/" + model + ".zip") != null;
			CellTables.reset(CellTables.FIELDS);
			ImagePlus imp = SmearImages.open(Path.of("sample-images", "smear-s2.png"));
			WindowManager.setTempCurrentImage(imp);

			String error = IJ.runMacro("run('Classify Leukocytes', 'model=" + model + " cell_diameter=90 show_results');" +
				"return " + HELPER + "lastError');");

			if (!shipped) {
				assertTrue(error.contains("'" + model + "' is missing from this LeukoCNN build"), error);
				continue;
			}
			assertEquals("", error, model);
			var classes = io.github.leukocnn.cnn.CnnCellClassifier.load(model).classes();
			assertTrue(classes.contains(imp.getProp(FieldDisplay.CALL_PROP)), imp.getProp(FieldDisplay.CALL_PROP) + " in " + classes);
			int n = CellDisplay.segmentationOf(imp).cellCount();
			assertEquals(1, CellTables.get(CellTables.FIELDS).size());
			assertEquals(n, CellTables.get(CellTables.FIELDS).getValue("cell_count", 0), 0);
			double counted = 0;
			for (String c : classes)
				counted += CellTables.get(CellTables.FIELDS).getValue("count_" + c, 0);
			assertEquals(n, counted, 0, "the differential count covers every cell");
			assertTrue(imp.getOverlay().get(0).getName().matches("[a-z_-]+ [01]\\.\\d\\d #\\d+"), imp.getOverlay().get(0).getName());
		}
	}

	@Test
	void realAllTaleqaniField() throws Exception {
		Path dir = TestData.require("all-taleqani");
		Path field;
		try (var files = Files.walk(dir)) {
			field = files.filter(SmearImages::hasImageExtension).sorted().findFirst().orElseThrow();
		}
		ImagePlus imp = SmearImages.open(field);

		assertEquals("", segment(imp, "cell_diameter=0 show_results"));

		int n = CellDisplay.segmentationOf(imp).cellCount();
		assertTrue(n >= 1, field + ": no leukocyte found");
		assertEquals(n, imp.getOverlay().size());
		assertEquals(n, CellTables.get(CellTables.CELLS).size());
	}
}
