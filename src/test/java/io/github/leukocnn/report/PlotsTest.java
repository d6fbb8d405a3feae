package io.github.leukocnn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.process.ColorProcessor;
import io.github.leukocnn.stats.BootstrapAuc;
import io.github.leukocnn.stats.Calibration;
import io.github.leukocnn.stats.RocCurve;

class PlotsTest {

	@TempDir
	Path dir;

	/** Pixels of {@code rgb} (within a tolerance) in the rectangle. */
	private static int count(ColorProcessor ip, int rgb, int x0, int y0, int x1, int y1) {
		int n = 0;
		for (int y = y0; y < y1; y++)
			for (int x = x0; x < x1; x++) {
				int v = ip.get(x, y);
				int d = Math.abs(((v >> 16) & 255) - ((rgb >> 16) & 255)) + Math.abs(((v >> 8) & 255) - ((rgb >> 8) & 255)) +
					Math.abs((v & 255) - (rgb & 255));
				if (d < 30) n++;
			}
		return n;
	}

	@Test
	void perfectRocRunsUpTheLeftEdgeAndAlongTheTop() {
		double[] s = { 0.9, 0.8, 0.7, 0.3, 0.2, 0.1 };
		boolean[] y = { true, true, true, false, false, false };
		RocCurve roc = RocCurve.of(s, y);
		ColorProcessor ip = Plots.roc(roc, BootstrapAuc.interval95(s, y), "blast");
		assertEquals(560, ip.getWidth());
		Plots.Canvas c = new Plots.Canvas(560, 560, 0, 1, 0, 1);
		int blue = Plots.BLUE.getRGB() & 0xffffff;
		int left = (int) c.px(0), top = (int) c.py(1), bottom = (int) c.py(0), right = (int) c.px(1);
		// the curve (0,0)->(0,1)->(1,1): blue along the left edge and the top edge of the plot area
		assertTrue(count(ip, blue, left - 2, top + 20, left + 3, bottom - 20) > 100, "left edge");
		assertTrue(count(ip, blue, left + 20, top - 2, right - 20, top + 3) > 100, "top edge");
		// and none near the lower-right corner, where a bad classifier would be
		assertEquals(0, count(ip, blue, right - 100, bottom - 100, right - 5, bottom - 5));
	}

	@Test
	void rocWithoutNegativesStillRenders() {
		double[] s = { 0.9, 0.4 };
		boolean[] y = { true, true };
		ColorProcessor ip = Plots.roc(RocCurve.of(s, y), BootstrapAuc.interval95(s, y), "pre");
		assertEquals(0, count(ip, Plots.ORANGE.getRGB() & 0xffffff, 0, 0, ip.getWidth(), ip.getHeight()), "no Youden point");
	}

	@Test
	void reliabilityAndTrainingPlotsRenderAndSave() throws IOException {
		Random r = new Random(1);
		double[] p = new double[500];
		boolean[] e = new boolean[500];
		for (int i = 0; i < p.length; i++) {
			p[i] = 0.5 + 0.5 * r.nextDouble();
			e[i] = r.nextDouble() < p[i] - 0.15;
		}
		ColorProcessor rel = Plots.reliability(Calibration.of(p, e, 10), Calibration.of(p, e, 10), 1.3);
		assertTrue(count(rel, Plots.ORANGE.getRGB() & 0xffffff, 0, 0, rel.getWidth(), rel.getHeight()) > 100);
		Path csv = dir.resolve("training.csv");
		Files.writeString(csv, "epoch,train_loss,val_loss,val_accuracy,lr\n1,1.2,1.3,0.4,0.01\n2,0.8,1.0,0.6,0.01\n3,0.5,0.9,0.7,0.01\n4,0.4,,0.72,0.01\n");
		TrainingHistory h = TrainingHistory.read(csv);
		assertEquals(4, h.epochs().size());
		assertTrue(Double.isNaN(h.epochs().get(3).validationLoss()));
		ColorProcessor t = Plots.trainingCurves(h);
		assertEquals(640, t.getWidth());
		assertTrue(count(t, Plots.GREEN.getRGB() & 0xffffff, 0, 360, 640, 640) > 50, "accuracy in the lower panel");
		// Saved for eyeballing in target/ when run from Maven.
		Path out = Path.of("target", "test-plots");
		Files.createDirectories(out);
		new ij.io.FileSaver(new ij.ImagePlus("t", t)).saveAsPng(out.resolve("training-curves.png").toString());
		new ij.io.FileSaver(new ij.ImagePlus("r", rel)).saveAsPng(out.resolve("calibration.png").toString());
	}

	@Test
	void trainingCsvWithoutRequiredColumnsIsRejected() throws IOException {
		Path csv = dir.resolve("bad.csv");
		Files.writeString(csv, "epoch,loss\n1,0.5\n");
		IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> TrainingHistory.read(csv));
		assertTrue(e.getMessage().contains("train_loss"), e.getMessage());
	}
}
