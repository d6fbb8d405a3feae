package io.github.leukocnn.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import io.github.leukocnn.ij.TrainWorkflow;

class TrainModelCommandTest {

	@Test
	void kindsFollowTheTrainerAndAFailedTrainingCancelsWithTheReason(@TempDir Path dir) throws Exception {
		Context context = new Context(CommandService.class);
		try {
			CommandService commands = context.service(CommandService.class);
			var info = commands.getCommand(TrainModelCommand.class);
			assertFalse(info.isVisible());
			assertEquals(TrainWorkflow.KINDS, info.getInput("kind", String.class).getChoices());

			CommandModule module = commands.run(TrainModelCommand.class, true, Map.of("data_folder", new File(dir.resolve("none").toString()),
				"kind", "roi-sets", "name", "x", "model_file", new File(dir.resolve("m.zip").toString()))).get();

			assertTrue(module.isCanceled());
			assertTrue(module.getCancelReason().startsWith("no model written: leukocnn train: "), module.getCancelReason());
		}
		finally {
			context.dispose();
		}
	}
}
