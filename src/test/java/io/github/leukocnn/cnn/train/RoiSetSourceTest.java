package io.github.leukocnn.cnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.gui.OvalRoi;
import ij.gui.PointRoi;
import ij.gui.Roi;
import ij.io.RoiEncoder;
import ij.process.ColorProcessor;
import io.github.leukocnn.io.PngWriter;
import io.github.leukocnn.io.RoiSets;
import io.github.leukocnn.testutil.RecordingProgress;

/**
 * Training source (b), images with ImageJ ROI sets whose ROI names carry the class: decoded into
 * one item per ROI with the right class and crop, and bad annotations reported precisely.
 */
class RoiSetSourceTest {

	static final int FG = 0xff4a2a96, BG = 0xffeeeae0, R = 12;

	@TempDir
	Path dir;

	/**
	 * A field {@code field_N.png} with {@code discs} filled discs and {@code rings} rings in a row,
	 * and its ROI set {@code field_N.zip}: one oval per cell named "disc-i" / "ring i".
	 */
	static void field(Path folder, int n, int discs, int rings) throws IOException {
		int cells = discs + rings, w = 40 * cells + 20, h = 60;
		ColorProcessor cp = new ColorProcessor(w, h);
		int[] px = (int[]) cp.getPixels();
		List<Roi> rois = new ArrayList<>();
		for (int c = 0; c < cells; c++) {
			boolean ring = c >= discs;
			double cx = 30 + 40 * c, cy = 30;
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					double d = Math.hypot(x - cx, y - cy);
					if (d <= R && (!ring || d >= R - 4)) px[y * w + x] = FG;
					else if (px[y * w + x] == 0) px[y * w + x] = BG;
				}
			Roi roi = new OvalRoi(cx - R, cy - R, 2 * R, 2 * R);
			roi.setName(ring ? "ring " + (c + 1) : "disc-" + (c + 1));
			rois.add(roi);
		}
		Files.createDirectories(folder);
		PngWriter.write(folder.resolve("field_" + n + ".png"), false, cp);
		RoiSets.write(folder.resolve("field_" + n + ".zip"), false, rois);
	}

	/** An ROI set written as the ROI Manager writes ROIs it has not been given names for. */
	static void unnamedRoiSet(Path zip) throws IOException {
		try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
			for (int i = 0; i < 3; i++) {
				Roi roi = new OvalRoi(18 + 40 * i, 18, 24, 24);
				out.putNextEntry(new ZipEntry(String.format("0030-%04d.roi", 30 + 40 * i)));
				out.write(RoiEncoder.saveAsByteArray(roi));
				out.closeEntry();
			}
		}
	}

	static Path dataset(Path folder) throws IOException {
		for (int n = 1; n <= 4; n++) field(folder, n, 4, 3);
		return folder;
	}

	static TrainingData load(Path folder) throws IOException {
		return RoiSetSource.load(folder, TrainingDataTest.card(16));
	}

	@Test
	void everyRoiBecomesACellOfItsNamedClass() throws IOException {
		TrainingData d = load(dataset(dir.resolve("rois")));
		assertEquals(List.of("disc", "ring"), d.classes());
		assertEquals(List.of(), d.failures());
		assertEquals(28, d.items().size());
		assertEquals(28, d.sampleCount());
		assertEquals(16, d.items().stream().filter(i -> i.label() == 0).count());
		assertEquals(12, d.items().stream().filter(i -> i.label() == 1).count());
		int ctx = TrainingData.contextSize(16);
		for (TrainingItem it : d.items()) {
			assertTrue(it.file().contains("#" + d.classes().get(it.label())), it.file());
			assertEquals(ctx * ctx, it.cells().get(0).length);
			// the crop is centred on the ROI: a disc is dark in the middle, a ring pale
			int centre = it.cells().get(0)[ctx / 2 * ctx + ctx / 2];
			int green = (centre >> 8) & 0xff;
			assertTrue(it.label() == 0 ? green < 80 : green > 180, it.file() + " centre " + Integer.toHexString(centre));
		}
		// image order, then ROI order: field 1's cells come first, so blocks keep an image's cells together
		assertTrue(d.items().get(0).file().contains("field_1.png#disc-1"), d.items().get(0).file());
		Splits s = Splits.holdOut(d, Splits.VALIDATION_FRACTION, Splits.TEST_FRACTION);
		for (TrainingItem t : s.test()) assertTrue(t.file().contains("field_4.png"), "test block = the last image: " + t.file());
	}

	@Test
	void trainsFromRoiSetsThroughTheTrainRun() throws IOException {
		Path data = dataset(dir.resolve("rois"));
		var o = TrainingJob.Options.defaults(data, "roi-sets", "roi", dir.resolve("roi.zip")).toBuilder().cropSize(16).cellFraction(0.8)
			.epochs(1).patience(5).maxMinutes(5).seed(1).batchSize(8).learningRate(5e-3).lrDecay(0.9).channels(new int[] { 8 }).dense(8)
			.cellsPerImage(0).trainingData("synthetic").citation("none").threads(1).build();
		ByteArrayOutputStream log = new ByteArrayOutputStream();
		TrainingJob.Outcome out = TrainingJob.run(o, new PrintStream(log, true, StandardCharsets.UTF_8), new RecordingProgress());
		assertEquals(List.of("disc", "ring"), out.card().classes());
		String printed = log.toString(StandardCharsets.UTF_8);
		assertTrue(printed.contains("loaded 28 images (28 cells) of classes [disc, ring]"), printed);
		assertTrue(Files.exists(dir.resolve("roi.zip")));
	}

	@Test
	void unnamedRoisAreRefusedWithTheReason() throws IOException {
		Path data = dataset(dir.resolve("rois"));
		field(data, 5, 4, 3);
		unnamedRoiSet(data.resolve("field_5.zip")); // replaces its named set
		TrainingData d = load(data);
		assertEquals(28, d.items().size(), "the other images are still used");
		assertEquals(1, d.failures().size(), d.failures().toString());
		String f = d.failures().get(0);
		assertTrue(f.contains("field_5.zip") && f.contains("'0030-0030' carries no class") && f.contains("default position name"), f);

		Path only = dir.resolve("only");
		field(only, 1, 4, 3);
		unnamedRoiSet(only.resolve("field_1.zip"));
		String msg = assertThrows(IOException.class, () -> load(only)).getMessage();
		assertTrue(msg.contains("no usable image with an ROI set") && msg.contains("carries no class"), msg);
	}

	@Test
	void aClassWithOneExampleIsNamed() throws IOException {
		Path data = dataset(dir.resolve("rois"));
		field(data, 5, 1, 0);
		List<Roi> rois = RoiSets.read(data.resolve("field_5.zip"));
		rois.get(0).setName("lonely_1");
		RoiSets.write(data.resolve("field_5.zip"), true, rois);
		String msg = assertThrows(IOException.class, () -> load(data)).getMessage();
		assertTrue(msg.contains("class 'lonely' has only 1 ROI(s)") && msg.contains("at least 5"), msg);
	}

	@Test
	void missingOrUnreadableImagesAndPointRoisAreReported() throws IOException {
		Path data = dataset(dir.resolve("rois"));
		field(data, 5, 4, 3);
		Files.delete(data.resolve("field_5.png")); // ROI set without its image
		field(data, 6, 4, 3);
		Files.writeString(data.resolve("field_6.png"), "not a png");
		field(data, 7, 4, 3);
		RoiSets.write(data.resolve("field_7.zip"), true, List.of(named(new PointRoi(30, 30), "disc-1")));
		TrainingData d = load(data);
		assertEquals(28, d.items().size());
		assertEquals(3, d.failures().size(), d.failures().toString());
		String all = String.join("\n", d.failures());
		assertTrue(all.contains("field_5.zip: ROI set without its image (expected field_5.EXT"), all);
		assertTrue(all.contains("field_6.png") && all.contains("field_6.zip is not used"), all);
		assertTrue(all.contains("field_7.zip: ROI 'disc-1' is a point ROI"), all);
	}

	@Test
	void aFolderWithoutRoiSetsSaysWhatItLooksFor() throws IOException {
		Files.createDirectories(dir.resolve("plain"));
		TrainingDataTest.cellImage(dir.resolve("plain").resolve("a_1.png"), false, 1);
		String msg = assertThrows(IOException.class, () -> load(dir.resolve("plain"))).getMessage();
		assertTrue(msg.contains("NAME.zip or NAME_rois.zip next to the image"), msg);
		msg = assertThrows(IOException.class, () -> load(dir.resolve("missing"))).getMessage();
		assertTrue(msg.contains("does not exist"), msg);
	}

	private static Roi named(Roi r, String name) {
		r.setName(name);
		return r;
	}
}
