package io.github.leukocnn.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.io.FileSaver;
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;
import io.github.leukocnn.ij.CellTables;
import io.github.leukocnn.ij.RecordingSegmenter;
import io.github.leukocnn.ij.TestSmears;
import io.github.leukocnn.testutil.ImageJFixture;

/**
 * A Fiji user's loop through the macro interpreter, headless: train a (tiny) model with
 * "Train LeukoCNN Model", then classify a field with it through "Classify Leukocytes".
 */
class TrainAndClassifyPluginTest {

	@RegisterExtension
	static final ImageJFixture IMAGEJ = ImageJFixture.create().menus().segmenter(RecordingSegmenter.class);

	private static final String HELPER = "call('io.github.leukocnn.plugin.LeukoCnnMacro.";

	/** A 64×64 image with one centred purple disc: a "cell" of the given diameter. */
	private static void cell(Path file, int diameter) {
		ColorProcessor cp = new ColorProcessor(64, 64);
		cp.setColor(TestSmears.BACKGROUND);
		cp.fill();
		cp.setColor(TestSmears.CELL);
		cp.fillOval(32 - diameter / 2, 32 - diameter / 2, diameter, diameter);
		new FileSaver(new ImagePlus(file.getFileName().toString(), cp)).saveAsPng(file.toString());
	}

	@Test
	void epochsMustBeAWholeNumber(@TempDir Path dir) {
		for (String epochs : List.of("0", "2.7", "-1")) {
			String error = IJ.runMacro("run('Train LeukoCNN Model', 'data_folder=[" + dir + "] kind=single-cell name=x " +
				"model_file=[" + dir.resolve("m.zip") + "] epochs=" + epochs + " max_minutes=1'); return " + HELPER + "lastError');");
			assertTrue(error.startsWith("epochs must be a whole number of at least 1"), epochs + ": " + error);
			assertTrue(error.endsWith("got " + epochs), error);
		}
		String error = IJ.runMacro("run('Train LeukoCNN Model', 'data_folder=[" + dir + "] kind=single-cell name=x " +
			"model_file=[" + dir.resolve("m.zip") + "] epochs=3 max_minutes=0'); return " + HELPER + "lastError');");
		assertTrue(error.startsWith("max_minutes must be a time budget in minutes greater than 0"), error);
	}

	@Test
	void trainAModelThenClassifyWithIt(@TempDir Path dir) throws Exception {
		for (int i = 1; i <= 30; i++) { // enough for one training batch of 32 cells after the hold-out blocks
			cell(Files.createDirectories(dir.resolve("data/big")).resolve("big" + i + ".png"), 36 + i % 8);
			cell(Files.createDirectories(dir.resolve("data/small")).resolve("small" + i + ".png"), 14 + i % 8);
		}
		for (int i = 1; i <= 10; i++) // another "scanner's" cells of one class, for the extra_cells option
			cell(Files.createDirectories(dir.resolve("extra/small")).resolve("other" + i + ".png"), 16 + i % 4);
		Path model = dir.resolve("models/sizes.zip");
		Files.createDirectories(model.getParent());

		String trained = IJ.runMacro("run('Train LeukoCNN Model', 'data_folder=[" + dir.resolve("data") + "] kind=single-cell " +
			"name=sizes model_file=[" + model + "] positive_classes=big extra_cells=[" + dir.resolve("extra") + "] cell_diameter=0 " +
			"epochs=2 max_minutes=2');" + "return " + HELPER + "lastError');");

		assertEquals("", trained);
		assertTrue(Files.size(model) > 0, "model file written");
		String command = io.github.leukocnn.cnn.ModelFile.load(model).card().trainingCommand();
		assertTrue(command.endsWith(" --extra-cells " + dir.resolve("extra")), command);

		Path adapted = dir.resolve("models/adapted.zip"); // continue that network on the other "scanner's" cells
		String continued = IJ.runMacro("run('Train LeukoCNN Model', 'data_folder=[" + dir.resolve("data") + "] kind=single-cell " +
			"name=adapted model_file=[" + adapted + "] start_from=[" + model + "] epochs=1 max_minutes=2');" +
			"return " + HELPER + "lastError');");
		assertEquals("", continued);
		String adaptedCommand = io.github.leukocnn.cnn.ModelFile.load(adapted).card().trainingCommand();
		assertTrue(adaptedCommand.contains(" --start-from " + model + " "), adaptedCommand);
		assertTrue(adaptedCommand.contains(" --learning-rate 5.0E-4 "), adaptedCommand);

		CellTables.reset(CellTables.FIELDS);
		ImagePlus field = TestSmears.discs("field.png", 2, 30);
		WindowManager.setTempCurrentImage(field);
		String classified = IJ.runMacro("run('Classify Leukocytes', 'model=[model file...] model_file=[" + model + "] " +
			"cell_diameter=0 show_results'); return " + HELPER + "lastError') + '|' + Property.get('leukocnn.call');");

		String[] out = classified.split("\\|", -1);
		assertEquals("", out[0]);
		assertTrue(List.of("big", "small").contains(out[1]), classified);
		ResultsTable fields = CellTables.get(CellTables.FIELDS);
		assertEquals(1, fields.size());
		assertEquals(2, fields.getValue("count_big", 0) + fields.getValue("count_small", 0), 0);
		assertEquals(2, LeukoCnnMacro.cellRois(field).size());
		assertEquals(2 + 2, field.getOverlay().size(), "an outline and a name label per cell");
	}

	@Test
	void trainingThatCannotStartSaysWhy(@TempDir Path dir) {
		String out = IJ.runMacro("run('Train LeukoCNN Model', 'data_folder=[" + dir.resolve("nothing") + "] kind=fields " +
			"name=x model_file=[" + dir.resolve("m.zip") + "]'); return " + HELPER + "lastError');");
		assertTrue(out.startsWith("no model written: leukocnn train: training folder"), out);
		assertTrue(out.endsWith("does not exist or is not a folder"), out);
	}
}
