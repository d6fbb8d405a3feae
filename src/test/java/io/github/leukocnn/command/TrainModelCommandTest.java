package io.github.leukocnn.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.command.CommandModule;

import io.github.leukocnn.ij.TrainWorkflow;
import io.github.leukocnn.testutil.ImageJFixture;

class TrainModelCommandTest {

	@RegisterExtension
	static final ImageJFixture IMAGEJ = ImageJFixture.create().scijava();

	@Test
	void kindsFollowTheTrainerAndAFailedTrainingCancelsWithTheReason(@TempDir Path dir) throws Exception {
		var info = IMAGEJ.commands().getCommand(TrainModelCommand.class);
		assertFalse(info.isVisible());
		assertEquals(TrainWorkflow.KINDS, info.getInput("kind", String.class).getChoices());

		CommandModule module = IMAGEJ.commands().run(TrainModelCommand.class, true, Map.of("data_folder", new File(dir.resolve("none").toString()),
			"kind", "roi-sets", "name", "x", "model_file", new File(dir.resolve("m.zip").toString()))).get();

		assertTrue(module.isCanceled());
		assertTrue(module.getCancelReason().startsWith("no model written: leukocnn train: "), module.getCancelReason());
	}

	@Test
	void anExtraClassWithoutExtraCellsCancelsBeforeAnyWork(@TempDir Path dir) throws Exception {
		CommandModule module = IMAGEJ.commands().run(TrainModelCommand.class, true, Map.of("data_folder", new File(dir.toString()),
			"kind", "single-cell", "name", "x", "model_file", new File(dir.resolve("m.zip").toString()), "extra_class", "benign")).get();

		assertTrue(module.isCanceled());
		assertEquals("extra_class names the class of the extra_cells or extra_fields folder, neither of which is given", module.getCancelReason());
	}

	@Test
	void anUnknownStartModelCancelsNamingIt(@TempDir Path dir) throws Exception {
		CommandModule module = trainTwoClassesWith(dir, "start_from", "leukocyte-typo");

		assertTrue(module.isCanceled());
		assertTrue(module.getCancelReason().startsWith("no model written: leukocnn train: "), module.getCancelReason());
		assertTrue(module.getCancelReason().contains("leukocyte-typo"), module.getCancelReason());
		assertFalse(dir.resolve("m.zip").toFile().exists());
	}

	@Test
	void anUnknownRecipeCancelsNamingIt(@TempDir Path dir) throws Exception {
		CommandModule module = trainTwoClassesWith(dir, "recipe", "all-screenig");

		assertTrue(module.isCanceled());
		assertTrue(module.getCancelReason().contains("no model named 'all-screenig'"), module.getCancelReason());
		assertFalse(dir.resolve("m.zip").toFile().exists());
	}

	@Test
	void epochsThatAreNotAWholeNumberCancelBeforeAnyWork(@TempDir Path dir) throws Exception {
		try {
			for (Object epochs : new Object[] { 0, 2.7, Double.NaN }) {
				CommandModule module = trainTwoClassesWith(dir, "epochs", epochs);

				assertTrue(module.isCanceled(), "epochs=" + epochs);
				assertTrue(module.getCancelReason().startsWith("epochs must be a whole number of at least 1"), module.getCancelReason());
				assertFalse(dir.resolve("m.zip").toFile().exists());
			}
			java.nio.file.Files.createDirectories(dir.resolve("data/a"));
			CommandModule module = IMAGEJ.commands().run(TrainModelCommand.class, true, Map.of("data_folder",
				new File(dir.resolve("data").toString()), "kind", "single-cell", "name", "x", "model_file",
				new File(dir.resolve("m.zip").toString()), "epochs", 5, "max_minutes", 0.0)).get();
			assertTrue(module.getCancelReason().startsWith("max_minutes must be a time budget in minutes greater than 0"),
				module.getCancelReason());
		}
		finally { // SciJava remembers the last values given: leave valid ones for the other tests
			IMAGEJ.commands().run(TrainModelCommand.class, true, Map.of("data_folder", new File(dir.resolve("none").toString()),
				"kind", "single-cell", "name", "x", "model_file", new File(dir.resolve("m.zip").toString()), "epochs", 40,
				"max_minutes", 30)).get();
		}
	}

	/** Runs the command on two empty class folders in {@code dir} with one more setting, writing dir/m.zip. */
	private static CommandModule trainTwoClassesWith(Path dir, String setting, Object value) throws Exception {
		java.nio.file.Files.createDirectories(dir.resolve("data/a"));
		java.nio.file.Files.createDirectories(dir.resolve("data/b"));
		return IMAGEJ.commands().run(TrainModelCommand.class, true, Map.of("data_folder", new File(dir.resolve("data").toString()),
			"kind", "single-cell", "name", "x", "model_file", new File(dir.resolve("m.zip").toString()), setting, value)).get();
	}
}
