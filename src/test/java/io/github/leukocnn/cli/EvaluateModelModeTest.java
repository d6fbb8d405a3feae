package io.github.leukocnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.leukocnn.io.CsvTable;
import io.github.leukocnn.report.HeldOutSplit;
import io.github.leukocnn.report.LabelledImages;
import io.github.leukocnn.testutil.AreaRuleClassifier;
import io.github.leukocnn.testutil.ConsoleCapture;
import io.github.leukocnn.testutil.DarkBlobSegmenter;
import io.github.leukocnn.testutil.DiscFields;

class EvaluateModelModeTest {

	@TempDir
	Path dir;

	/** Test block: the last image of each class; validation: the one before (stands in for the training split). */
	private static final HeldOutSplit LAST_PER_CLASS = (images, classifier) -> {
		List<LabelledImages.Image> val = new ArrayList<>(), test = new ArrayList<>();
		for (int c = 0; c < classifier.classes().size(); c++) {
			int label = c;
			List<LabelledImages.Image> of = images.stream().filter(i -> i.label() == label).toList();
			test.add(of.get(of.size() - 1));
			val.add(of.get(of.size() - 2));
		}
		return new HeldOutSplit.Blocks(val, test);
	};

	private final EvaluateSubcommand command = new EvaluateSubcommand(DarkBlobSegmenter::new, name -> new AreaRuleClassifier(300),
		LAST_PER_CLASS);
	private final ConsoleCapture console = new ConsoleCapture();

	private int run(String... args) throws Exception {
		return console.run(command, args);
	}

	private Path set() throws IOException {
		Path root = dir.resolve("set");
		for (int i = 1; i <= 4; i++) {
			DiscFields.write(root.resolve("normal"), "n" + i + ".png", 6, i % 2 == 0 ? 6 : 12); // 2nd and 4th: no big cell
			DiscFields.write(root.resolve("blast"), "b" + i + ".png", 12, 12, i == 3 ? 6 : 12);
		}
		return root;
	}

	@Test
	void evaluatesTheTestBlockAndFitsTheTemperatureOnValidation() throws Exception {
		Path data = set(), o = dir.resolve("eval");
		assertEquals(0, run("--data", data.toString(), "--output", o.toString(), "--threads", "2"), console.err());
		CsvTable p = CsvTable.read(o.resolve(EvaluateSubcommand.PREDICTIONS_CSV));
		assertEquals(List.of("normal/n4.png", "blast/b4.png"), List.of(p.get(0, "image"), p.get(1, "image")));
		assertEquals(List.of("normal/n3.png", "blast/b3.png"),
			List.of(CsvTable.read(o.resolve(EvaluateSubcommand.VALIDATION_CSV)).get(0, "image"),
				CsvTable.read(o.resolve(EvaluateSubcommand.VALIDATION_CSV)).get(1, "image")));
		assertEquals(0, CsvTable.read(o.resolve(EvaluateSubcommand.FAILURES_CSV)).rowCount());
		String json = Files.readString(o.resolve("metrics.json"));
		assertTrue(json.contains("\"cases\": 2"), json);
		assertTrue(json.contains("\"positive_classes\": [\"blast\"]"), "the model's positive classes by default: " + json);
		assertTrue(Files.exists(o.resolve("roc.png")));
		// fitted on the validation block: a positive number (null = not fitted), the one the console reports
		com.google.gson.JsonElement t = com.google.gson.JsonParser.parseString(json).getAsJsonObject().getAsJsonObject("calibration")
			.get("temperature");
		assertTrue(t != null && t.isJsonPrimitive() && t.getAsJsonPrimitive().isNumber(), "temperature " + t + " in " + json);
		double temperature = t.getAsDouble();
		assertTrue(temperature > 0 && Double.isFinite(temperature), "temperature " + temperature);
		assertTrue(console.out().contains(String.format(java.util.Locale.ROOT, "; temperature %.3f (fitted on validation)", temperature)),
			console.out());
	}

	@Test
	void allImagesAndFailuresGiveExitCodeOne() throws Exception {
		Path data = set(), o = dir.resolve("eval");
		Files.writeString(data.resolve("blast").resolve("b9.jpg"), "broken");
		assertEquals(1, run("--data", data.toString(), "--output", o.toString(), "--split", "all"));
		assertEquals(8, CsvTable.read(o.resolve(EvaluateSubcommand.PREDICTIONS_CSV)).rowCount());
		CsvTable failures = CsvTable.read(o.resolve(EvaluateSubcommand.FAILURES_CSV));
		assertEquals(1, failures.rowCount());
		assertTrue(failures.get(0, "file").endsWith("b9.jpg"));
		assertTrue(console.err().contains("b9.jpg"));
		assertTrue(Files.readString(o.resolve("metrics.json")).contains("\"cases\": 8"));
		assertEquals(0, CsvTable.read(o.resolve(EvaluateSubcommand.WITHOUT_CELLS_CSV)).rowCount());
		// again without --overwrite: refused before classifying
		assertEquals(1, run("--data", data.toString(), "--output", o.toString(), "--split", "all"));
		assertTrue(console.err().contains("--overwrite"), console.err());
	}

	@Test
	void imagesWithoutLeukocytesAreCountedAndListed() throws Exception {
		Path data = set(), o = dir.resolve("eval");
		DiscFields.write(data.resolve("normal"), "n5.png"); // white: nothing to find
		assertEquals(0, run("--data", data.toString(), "--output", o.toString(), "--split", "all"), console.err());
		assertEquals(9, CsvTable.read(o.resolve(EvaluateSubcommand.PREDICTIONS_CSV)).rowCount(), "still scored, by the prior");
		CsvTable without = CsvTable.read(o.resolve(EvaluateSubcommand.WITHOUT_CELLS_CSV));
		assertEquals(1, without.rowCount());
		assertEquals("normal/n5.png", without.get(0, "image"));
		assertTrue(console.out().contains("1 evaluated image(s) without a leukocyte found, scored by the model's prior"), console.out());
	}

	@Test
	void usageErrors() throws Exception {
		Path data = set();
		assertThrows(Arguments.UsageException.class, () -> run("--data", data.toString(), "--output", "o", "--split", "train"));
		assertThrows(Arguments.UsageException.class, () -> run("--output", "o"));
		assertThrows(Arguments.UsageException.class, () -> run("--data", data.toString(), "--predictions", "p.csv", "--output", "o"));
		assertThrows(Arguments.UsageException.class,
			() -> run("--data", data.toString(), "--output", "o", "--positive", "normal,blast"));
	}
}
