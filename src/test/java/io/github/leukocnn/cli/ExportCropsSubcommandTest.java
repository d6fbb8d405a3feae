package io.github.leukocnn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ColorProcessor;
import io.github.leukocnn.crop.CellCropper;
import io.github.leukocnn.crop.FieldCropScale;
import io.github.leukocnn.ij.TestSmears;
import io.github.leukocnn.image.RgbImages;
import io.github.leukocnn.progress.ProgressListener;
import io.github.leukocnn.segment.CellMeasurements;
import io.github.leukocnn.segment.RedCellRuler;
import io.github.leukocnn.segment.SegmentationSettings;
import io.github.leukocnn.segment.Segmentation;
import io.github.leukocnn.segment.Segmenters;
import io.github.leukocnn.synth.SmearSynthesizer;
import io.github.leukocnn.testutil.ConsoleCapture;

/** {@code leukocnn export-crops}: the crops training sees, folder per class, never overwriting. */
class ExportCropsSubcommandTest {

	@TempDir
	Path dir;

	private final ConsoleCapture console = new ConsoleCapture();

	private static List<Path> pngs(Path folder) throws Exception {
		try (Stream<Path> s = Files.list(folder)) {
			return s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
		}
	}

	@Test
	void writesOneCropPerImageIntoClassFoldersAndKeepsExistingFiles() throws Exception {
		Path data = TrainSubcommandTest.sizesData(dir), out = dir.resolve("crops");
		List<String> args = List.of("export-crops", "--data", data.toString(), "--kind", "single-cell", "--out", out.toString(),
			"--crop-size", "24", "--threads", "1");
		assertEquals(0, console.cli(args), console.err());
		assertTrue(console.out().contains("wrote 20 crops (24x24) of 20 images into " + out), console.out());
		for (String c : new String[] { "big", "small" }) {
			List<Path> crops = pngs(out.resolve(c));
			assertEquals(10, crops.size(), c);
			ImagePlus crop = IJ.openImage(crops.get(0).toString());
			assertEquals(24, crop.getWidth());
			assertEquals(24, crop.getHeight());
		}
		Path kept = out.resolve("big").resolve("big1.png");
		byte[] mine = { 1, 2, 3 };
		Files.write(kept, mine);
		// an existing file is never overwritten, and not writing a crop is a failure, not a success
		assertEquals(1, console.cli(args), console.err());
		assertTrue(console.out().contains("wrote 0 crops (24x24) of 20 images into " + out + "; 20 crops not written because the file exists"),
			console.out());
		assertTrue(console.err().contains("not written: " + kept + " exists"), console.err());
		assertArrayEquals(mine, Files.readAllBytes(kept), "an existing file is never overwritten");
	}

	@Test
	void imagesThatDifferOnlyByExtensionGetACropEach() throws Exception {
		Path data = TrainSubcommandTest.sizesData(dir), out = dir.resolve("crops");
		// big1.jpg beside big1.png: both were named big1.png, the second was dropped and counted as "existing"
		ImagePlus jpg = IJ.openImage(data.resolve("big/big1.png").toString());
		IJ.saveAs(jpg, "jpg", data.resolve("big/big1.jpg").toString());
		assertTrue(Files.exists(data.resolve("big/big1.jpg")));
		assertEquals(0, console.cli(List.of("export-crops", "--data", data.toString(), "--kind", "single-cell", "--out", out.toString(),
			"--crop-size", "24", "--threads", "1")), console.err());
		assertTrue(console.out().contains("wrote 21 crops (24x24) of 21 images into " + out + "; 0 crops not written"), console.out());
		List<Path> big = pngs(out.resolve("big"));
		assertEquals(11, big.size(), big.toString());
		assertTrue(big.contains(out.resolve("big/big1_png.png")) && big.contains(out.resolve("big/big1_jpg.png")), big.toString());
		assertTrue(big.contains(out.resolve("big/big2.png")), "names without a clash are as before: " + big);
	}

	@Test
	void roiSetItemNamesKeepTheirFormAndSeparateImagesThatDifferByExtension() {
		List<int[]> one = List.of(new int[1]);
		List<io.github.leukocnn.cnn.train.TrainingItem> items = List.of(
			new io.github.leukocnn.cnn.train.TrainingItem("/d/x.png#blast 1", 0, 0, one),
			new io.github.leukocnn.cnn.train.TrainingItem("/d/x.jpg#blast 1", 0, 0, one),
			new io.github.leukocnn.cnn.train.TrainingItem("/d/y.tif#lym", 1, 0, one),
			new io.github.leukocnn.cnn.train.TrainingItem("/d/y.tif#lym", 1, 0, one));
		assertEquals(List.of("x_blast 1_png", "x_blast 1_jpg", "y_lym_tif", "y_lym_tif-2"), ExportCropsSubcommand.cropNames(items, true));
	}

	@Test
	void fieldsGiveOneCropPerCellAndTheRedCellScaleFallsBackWithoutRedCells() throws Exception {
		Path data = dir.resolve("fields");
		for (String c : new String[] { "big", "small" }) {
			Files.createDirectories(data.resolve(c));
			for (int i = 1; i <= 5; i++)
				new FileSaver(TestSmears.discs(c + i, 2, c.equals("big") ? 30 : 16)).saveAsPng(data.resolve(c).resolve(c + i + ".png").toString());
		}
		Path bySegmentation = dir.resolve("segmentation"), byRedCells = dir.resolve("red-cells");
		assertEquals(0, console.cli(List.of("export-crops", "--data", data.toString(), "--kind", "fields", "--out",
			bySegmentation.toString(), "--crop-size", "24", "--threads", "1")), console.err());
		assertEquals(0, console.cli(List.of("export-crops", "--data", data.toString(), "--kind", "fields", "--out",
			byRedCells.toString(), "--crop-size", "24", "--threads", "1", "--field-scale", "red-cells")), console.err());
		List<Path> crops = pngs(bySegmentation.resolve("big"));
		assertEquals(10, crops.size(), "two cells in each of five fields");
		assertTrue(crops.get(0).getFileName().toString().equals("big1_cell1.png"), crops.toString());
		// purple discs on a plain background: no red cell to measure, so the crops are the segmentation's
		for (String c : new String[] { "big", "small" })
			for (Path f : pngs(bySegmentation.resolve(c)))
				assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(byRedCells.resolve(c).resolve(f.getFileName())), f.toString());

		assertEquals(2, console.cli(List.of("export-crops", "--data", data.toString(), "--kind", "fields", "--out",
			dir.resolve("x").toString(), "--field-scale", "white-cells")));
		assertTrue(console.err().contains("--field-scale must be one of segmentation, red-cells, got 'white-cells'"), console.err());
	}

	/** The largest difference of one channel value between two ARGB crops of the same size. */
	private static int maxChannelDifference(int[] a, int[] b) {
		assertEquals(a.length, b.length);
		int max = 0;
		for (int i = 0; i < a.length; i++)
			for (int shift = 0; shift < 24; shift += 8)
				max = Math.max(max, Math.abs((a[i] >> shift & 255) - (b[i] >> shift & 255)));
		return max;
	}

	/** The 24-px crop (cell fraction 0.55) of the cell at (cx, cy) of {@code field} for a cell diameter of {@code diameter}. */
	private static int[] expectedCrop(ColorProcessor field, double cx, double cy, double diameter) {
		float[] buf = new float[3 * 24 * 24];
		CellCropper.crop((int[]) field.getPixels(), field.getWidth(), field.getHeight(), cx, cy, diameter / 0.55, 0, false, 24, buf, 0);
		return CellCropper.toArgb(buf, 0, 24);
	}

	@Test
	void onFieldsWithRedCellsTheRedCellScaleSizesTheCropsByTheRuler() throws Exception {
		// synthetic smears with red cells 0.66 of the leukocyte diameter (48 px); the user gives that diameter
		Path data = dir.resolve("smears");
		List<ColorProcessor> fields = new ArrayList<>();
		for (String c : new String[] { "a", "b" }) {
			Files.createDirectories(data.resolve(c));
			for (int i = 1; i <= 5; i++) {
				ColorProcessor field = SmearSynthesizer.generate(new SmearSynthesizer.Settings(640, 480, 48, fields.size() + 3)).rgb();
				fields.add(field);
				assertTrue(new FileSaver(new ImagePlus(c + i, field)).saveAsPng(data.resolve(c).resolve(c + i + ".png").toString()));
			}
		}
		Path bySegmentation = dir.resolve("segmentation"), byRedCells = dir.resolve("red-cells");
		List<String> common = List.of("export-crops", "--data", data.toString(), "--kind", "fields", "--crop-size", "24",
			"--cell-diameter", "48", "--threads", "1");
		assertEquals(0, console.cli(concat(common, "--out", bySegmentation.toString())), console.err());
		assertEquals(0, console.cli(concat(common, "--out", byRedCells.toString(), "--field-scale", "red-cells")), console.err());

		int compared = 0;
		for (int f = 0; f < fields.size(); f++) {
			ColorProcessor field = fields.get(f);
			String name = (f < 5 ? "a" : "b") + (f % 5 + 1);
			Path folder = f < 5 ? Path.of("a") : Path.of("b");
			double red = RedCellRuler.diameter(field);
			assertTrue(red > 0, name + ": the ruler measures the red cells");
			double byRuler = FieldCropScale.LEUKOCYTE_PER_RED_CELL * red;
			assertTrue(Math.abs(byRuler / 48 - 1) > 0.15, name + ": the two scales differ (" + byRuler + " vs 48 px), else this test shows nothing");
			Segmentation seg = Segmenters.standard().segment(RgbImages.wrap(field), new SegmentationSettings(48, 1, ProgressListener.NONE));
			assertEquals(48, seg.cellDiameter(), 1e-9);
			assertEquals(seg.measurements().size(), pngs(byRedCells.resolve(folder)).stream()
				.filter(p -> p.getFileName().toString().startsWith(name + "_cell")).count(), name + ": one crop per cell");
			for (int c = 0; c < seg.measurements().size(); c++) {
				CellMeasurements m = seg.measurements().get(c);
				String file = name + "_cell" + (c + 1) + ".png";
				int[] segmentationCrop = (int[]) IJ.openImage(bySegmentation.resolve(folder).resolve(file).toString()).getProcessor().getPixels();
				int[] redCellCrop = (int[]) IJ.openImage(byRedCells.resolve(folder).resolve(file).toString()).getProcessor().getPixels();
				// the segmentation's crop is sized by the diameter given, the red-cell crop by 2.1 x the ruler, not by 48 px
				// (within 1 level: the test crops once, export-crops through a wider context crop)
				assertTrue(maxChannelDifference(expectedCrop(field, m.centroidX(), m.centroidY(), 48), segmentationCrop) <= 1,
					file + ": --field-scale segmentation crops for the 48 px given");
				assertTrue(maxChannelDifference(expectedCrop(field, m.centroidX(), m.centroidY(), byRuler), redCellCrop) <= 1,
					file + ": --field-scale red-cells crops for " + FieldCropScale.LEUKOCYTE_PER_RED_CELL + " x the ruler's " + red + " px");
				assertTrue(maxChannelDifference(segmentationCrop, redCellCrop) > 20, file + ": the two scales give different crops");
				compared++;
			}
		}
		assertTrue(compared >= 10, "cells compared: " + compared);
	}

	private static List<String> concat(List<String> a, String... b) {
		List<String> all = new ArrayList<>(a);
		all.addAll(List.of(b));
		return all;
	}
}
