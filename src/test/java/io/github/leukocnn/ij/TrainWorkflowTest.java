package io.github.leukocnn.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class TrainWorkflowTest {

	@Test
	void settingsBecomeTheTrainCommandLine() {
		var r = new TrainWorkflow.Request("/data/all", "fields", "my-screening", "/models/m.zip", "early, pre,pro", 30, 12, 5.5, true);
		assertEquals(List.of("train", "--data", "/data/all", "--kind", "fields", "--name", "my-screening", "--out", "/models/m.zip",
			"--cell-diameter", "30", "--epochs", "12", "--max-minutes", "5.5", "--positive", "early,pre,pro", "--overwrite"),
			r.arguments());
	}

	@Test
	void missingSettingsAreNamed() {
		var noData = new TrainWorkflow.Request("", "fields", "n", "/m.zip", "", 0, 1, 1, false);
		assertTrue(assertThrows(IllegalArgumentException.class, noData::arguments).getMessage().contains("data_folder"));
		var badKind = new TrainWorkflow.Request("/d", "boxes", "n", "/m.zip", "", 0, 1, 1, false);
		assertTrue(assertThrows(IllegalArgumentException.class, badKind::arguments).getMessage().contains("single-cell"));
		var noFile = new TrainWorkflow.Request("/d", "fields", "n", " ", "", 0, 1, 1, false);
		assertTrue(assertThrows(IllegalArgumentException.class, noFile::arguments).getMessage().contains("model_file"));
	}

	@Test
	void everyPrintedLineReachesTheLog() {
		List<String> lines = new ArrayList<>();
		try (var out = TrainWorkflow.lines(lines::add)) {
			out.print("epoch 1\r\nepoch 2\npartial");
		}
		assertEquals(List.of("epoch 1", "epoch 2", "partial"), lines);
	}

	@Test
	void aFailingTrainingReportsItsReasonAndExitCode(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
		List<String> log = new ArrayList<>();
		var r = new TrainWorkflow.Request(dir.resolve("missing").toString(), "single-cell", "x", dir.resolve("m.zip").toString(), "", 0, 1, 1, false);
		TrainWorkflow.Outcome outcome = TrainWorkflow.train(r, log::add);
		assertTrue(outcome.exitCode() != 0 && !outcome.modelWritten(), outcome.toString());
		assertTrue(log.get(0).startsWith("LeukoCNN: leukocnn train --data "), log.get(0));
		assertTrue(outcome.lastLine().contains("does not exist"), outcome.lastLine());
	}
}
