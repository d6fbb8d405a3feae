package io.github.leukocnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.leukocnn.io.CsvTable;
import io.github.leukocnn.io.CsvWriter;
import io.github.leukocnn.report.Predictions;
import io.github.leukocnn.stats.TemperatureScaling;

class EvaluateSubcommandTest {

	@TempDir
	Path dir;

	private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream(), errBytes = new ByteArrayOutputStream();

	private int run(String... args) {
		outBytes.reset();
		errBytes.reset();
		return LeukoCnnCli.run(List.of(args), new PrintStream(outBytes, true, StandardCharsets.UTF_8),
			new PrintStream(errBytes, true, StandardCharsets.UTF_8));
	}

	private String out() {
		return outBytes.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return errBytes.toString(StandardCharsets.UTF_8);
	}

	/** Over-confident (by 4/3, see below) 3-class predictions; class "blast" is positive. */
	private Path predictions(String name, int n, long seed) throws IOException {
		List<String> classes = List.of("lymphocyte", "neutrophil", "blast");
		Random r = new Random(seed);
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			int truth = i % 3;
			double[] z = new double[3];
			for (int c = 0; c < 3; c++)
				z[c] = r.nextGaussian() + (c == truth ? 1.5 : 0);
			double[] p = TemperatureScaling.softmax(z, 0.5);
			rows.add(new Object[] { "img" + i + ".jpg", classes.get(truth), p[0], p[1], p[2] });
		}
		Path csv = dir.resolve(name);
		CsvWriter.write(csv, false, Predictions.header(classes), rows);
		return csv;
	}

	@Test
	void writesAllOutputsAndRefusesToOverwrite() throws IOException {
		Path test = predictions("test.csv", 600, 1), val = predictions("val.csv", 600, 2);
		Path training = dir.resolve("training.csv");
		Files.writeString(training, "epoch,train_loss,val_loss,val_accuracy\n1,1.0,1.1,0.5\n2,0.7,0.9,0.6\n");
		Path outDir = dir.resolve("eval");
		int code = run("evaluate", "--predictions", test.toString(), "--output", outDir.toString(), "--positive", "blast",
			"--validation", val.toString(), "--training", training.toString());
		assertEquals(0, code, err());
		for (String f : List.of("metrics.json", "metrics.csv", "confusion.csv", "roc.csv", "roc.png", "calibration.png", "training-curves.png"))
			assertTrue(Files.size(outDir.resolve(f)) > 0, f);
		CsvTable metrics = CsvTable.read(outDir.resolve("metrics.csv"));
		double auc = Double.NaN, t = Double.NaN, ece = Double.NaN, eceScaled = Double.NaN;
		for (int i = 0; i < metrics.rowCount(); i++) {
			String m = metrics.get(i, "metric");
			if (m.equals("roc_auc")) {
				auc = metrics.number(i, "value");
				assertTrue(metrics.number(i, "ci_low") < auc && auc < metrics.number(i, "ci_high"));
			}
			if (m.equals("temperature")) t = metrics.number(i, "value");
			if (m.equals("ece")) ece = metrics.number(i, "value");
			if (m.equals("ece_scaled")) eceScaled = metrics.number(i, "value");
		}
		// Blast vs rest, binormal with shift 1.5 in one of three logits: AUC well above chance.
		assertTrue(auc > 0.75 && auc < 0.95, "AUC " + auc);
		// Logits z = noise + 1.5 on the true class have the Bayes posterior softmax(1.5 z); the file holds
		// softmax(2 z), so the right temperature is 2 / 1.5.
		assertEquals(4.0 / 3, t, 0.1, "over-confidence is measured on the validation set");
		assertTrue(eceScaled < ece, ece + " -> " + eceScaled);
		assertTrue(out().contains("ROC AUC"), out());
		CsvTable confusion = CsvTable.read(outDir.resolve("confusion.csv"));
		assertEquals(List.of("true_class", "pred_lymphocyte", "pred_neutrophil", "pred_blast", "total"), confusion.header());
		assertEquals("200", confusion.get(2, "total"));

		String before = Files.readString(outDir.resolve("metrics.json"));
		Path other = predictions("other.csv", 90, 3);
		code = run("evaluate", "--predictions", other.toString(), "--output", outDir.toString());
		assertEquals(1, code);
		assertTrue(err().contains("already exists") && err().contains("--overwrite"), err());
		assertEquals(before, Files.readString(outDir.resolve("metrics.json")), "nothing replaced");
		code = run("evaluate", "--predictions", other.toString(), "--output", outDir.toString(), "--overwrite");
		assertEquals(0, code, err());
		assertTrue(Files.readString(outDir.resolve("metrics.json")).contains("\"cases\": 90"));
		try (var files = Files.list(outDir)) {
			assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".part")), "no temporary files left");
		}
	}

	@Test
	void badInputIsExplained() throws IOException {
		Path test = predictions("test.csv", 30, 1);
		assertEquals(2, run("evaluate", "--predictions", test.toString(), "--output", dir.resolve("o").toString(), "--positive", "myeloblast"));
		assertTrue(err().contains("'myeloblast' is not one of the classes"), err());
		assertEquals(2, run("evaluate", "--output", dir.resolve("o").toString()));
		assertTrue(err().contains("give either --predictions CSV or --model/--data"), err());
		Path broken = dir.resolve("broken.csv");
		Files.writeString(broken, "image,true_class,p_a,p_b\nx,a,0.2,0.2\n");
		assertEquals(1, run("evaluate", "--predictions", broken.toString(), "--output", dir.resolve("o").toString()));
		assertTrue(err().contains("line 2") && err().contains("sum to"), err());
		assertEquals(1, run("evaluate", "--predictions", dir.resolve("missing.csv").toString(), "--output", dir.resolve("o").toString()));
		assertTrue(err().toLowerCase(Locale.ROOT).contains("no such csv file"), err());
	}
}
