package io.github.leukocnn.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;
import io.github.leukocnn.io.RoiSets;
import io.github.leukocnn.segment.CellMeasurements;
import io.github.leukocnn.testutil.DarkBlobSegmenter;

/** The {@code segment} verb end to end, with a stand-in segmenter whose answers are known. */
class SegmentSubcommandTest {

	@TempDir
	Path dir;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();

	/** Pink field with {@code blobs} dark discs (dark centre = nucleus) in a row. */
	private Path field(String name, int blobs) throws IOException {
		Path f = dir.resolve("in").resolve(name);
		Files.createDirectories(f.getParent());
		BufferedImage bi = new BufferedImage(60 * Math.max(1, blobs), 60, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 60; y++)
			for (int x = 0; x < bi.getWidth(); x++) {
				int cx = (x / 60) * 60 + 30, d2 = (x - cx) * (x - cx) + (y - 30) * (y - 30);
				bi.setRGB(x, y, x / 60 < blobs && d2 < 100 ? 0x301050 : x / 60 < blobs && d2 < 400 ? 0x8060a0 : 0xf0d0d8);
			}
		ImageIO.write(bi, "png", f.toFile());
		return f;
	}

	private int run(String... args) throws Exception {
		SegmentSubcommand cmd = new SegmentSubcommand(DarkBlobSegmenter::new);
		return cmd.run(new Arguments(Arrays.asList(args), cmd.flags()), new PrintStream(out, true, StandardCharsets.UTF_8),
			new PrintStream(err, true, StandardCharsets.UTF_8));
	}

	private String stderr() {
		return err.toString(StandardCharsets.UTF_8);
	}

	@Test
	void writesLabelsTableAndRoisPerImageAndKeepsGoingAfterBadFiles() throws Exception {
		field("two.png", 2);
		field("three.png", 3);
		Files.writeString(dir.resolve("in/broken.jpg"), "no jpeg here");
		BufferedImage grey = new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY);
		ImageIO.write(grey, "png", dir.resolve("in/grey.png").toFile());
		Path o = dir.resolve("out");

		assertEquals(1, run("--input", dir.resolve("in").toString(), "--output", o.toString(), "--threads", "2"));

		for (String[] c : new String[][] { { "two", "2" }, { "three", "3" } }) {
			int n = Integer.parseInt(c[1]);
			ImagePlus cells = IJ.openImage(o.resolve(c[0] + "_cells.tif").toString());
			ImagePlus nuclei = IJ.openImage(o.resolve(c[0] + "_nuclei.tif").toString());
			assertEquals(16, cells.getBitDepth());
			assertEquals(n, (int) cells.getProcessor().getStats().max);
			assertEquals(1, cells.getProcessor().get(30, 30));
			assertEquals(1, nuclei.getProcessor().get(30, 30));
			assertEquals(0, nuclei.getProcessor().get(30, 45), "cytoplasm is not nucleus");
			assertEquals(1, cells.getProcessor().get(30, 45));
			List<String> csv = Files.readAllLines(o.resolve(c[0] + "_cells.csv"));
			assertEquals(String.join(",", CellMeasurements.COLUMNS), csv.get(0));
			assertEquals(n + 1, csv.size());
			assertTrue(csv.get(1).startsWith("1,"));
			List<Roi> rois = RoiSets.read(o.resolve(c[0] + "_RoiSet.zip"));
			assertEquals(n, rois.size());
			assertEquals("cell-0001", rois.get(0).getName());
			assertEquals(cells.getProcessor().getStats().pixelCount - countZeros(cells), totalArea(rois));
		}
		String e = stderr();
		assertTrue(e.contains("broken.jpg") && e.contains("not an image file"), e);
		assertTrue(e.contains("grey.png") && e.contains("greyscale"), e);
		List<String> failures = Files.readAllLines(o.resolve("failures.csv"));
		assertEquals(3, failures.size(), failures.toString());
		assertFalse(Files.exists(o.resolve("broken_cells.tif")), "no outputs for a failed image");
		String o1 = out.toString(StandardCharsets.UTF_8);
		assertTrue(o1.contains("4 image(s): 2 processed, 2 failed"), o1);
	}

	private static long countZeros(ImagePlus imp) {
		long n = 0;
		for (short s : (short[]) imp.getProcessor().getPixels())
			if (s == 0) n++;
		return n;
	}

	private static long totalArea(List<Roi> rois) {
		long n = 0;
		for (Roi r : rois)
			n += r.getContainedPoints().length;
		return n;
	}

	@Test
	void existingResultsAreNotOverwrittenUnlessAsked() throws Exception {
		field("a.png", 2);
		Path o = Files.createDirectories(dir.resolve("out"));
		Path csv = o.resolve("a_cells.csv");
		Files.writeString(csv, "my own notes");
		assertEquals(1, run("--input", dir.resolve("in").toString(), "--output", o.toString()));
		assertTrue(stderr().contains(csv.toString()) && stderr().contains("--overwrite"), stderr());
		assertEquals("my own notes", Files.readString(csv));
		assertFalse(Files.exists(o.resolve("a_cells.tif")), "checked before writing anything of this image");

		assertEquals(0, run("--input", dir.resolve("in").toString(), "--output", o.toString(), "--overwrite"));
		assertEquals(3, Files.readAllLines(csv).size());
		try (var files = Files.list(o)) {
			assertEquals(Set.of("a_cells.tif", "a_nuclei.tif", "a_cells.csv", "a_RoiSet.zip", "failures.csv"),
				new java.util.HashSet<>(files.map(p -> p.getFileName().toString()).toList()), "no temporary files left");
		}
		assertEquals(List.of("file,error"), Files.readAllLines(o.resolve("failures.csv")));
	}

	@Test
	void tinyAndEmptyImagesGiveZeroCellsNotErrors() throws Exception {
		field("empty.png", 0);
		BufferedImage one = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
		one.setRGB(0, 0, 0xf0d0d8);
		ImageIO.write(one, "png", dir.resolve("in/one.png").toFile());
		Path o = dir.resolve("out");
		assertEquals(0, run("--input", dir.resolve("in").toString(), "--output", o.toString()), stderr());
		for (String name : new String[] { "empty", "one" }) {
			assertEquals(1, Files.readAllLines(o.resolve(name + "_cells.csv")).size());
			assertEquals(0, RoiSets.read(o.resolve(name + "_RoiSet.zip")).size());
			assertEquals(0, (int) IJ.openImage(o.resolve(name + "_cells.tif").toString()).getProcessor().getStats().max);
		}
	}

	@Test
	void unusableOutputAndMissingInputFailWithExitCodeOne() throws Exception {
		field("a.png", 1);
		Path file = Files.writeString(dir.resolve("file"), "x");
		assertEquals(1, run("--input", dir.resolve("in").toString(), "--output", file.resolve("sub").toString()));
		assertTrue(stderr().contains("cannot be created"), stderr());
		assertEquals(1, run("--input", dir.resolve("nothing").toString(), "--output", dir.resolve("o").toString()));
		assertTrue(stderr().contains("does not exist"), stderr());
	}

	@Test
	void verbsAreRegisteredWithTheLauncher() {
		ByteArrayOutputStream o = new ByteArrayOutputStream();
		PrintStream ps = new PrintStream(o, true, StandardCharsets.UTF_8);
		assertEquals(0, LeukoCnnCli.run(List.of("help"), ps, ps));
		String help = o.toString(StandardCharsets.UTF_8);
		assertTrue(help.contains("segment") && help.contains("synthesize"), help);
		assertEquals(2, LeukoCnnCli.run(List.of("segment", "--output", "x"), ps, ps), "missing --input is a usage error");
	}

	@Test
	void usageErrorsAreRejected() {
		assertThrows(Arguments.UsageException.class, () -> run("--output", "x"));
		assertThrows(Arguments.UsageException.class, () -> run("--input", "a", "--output", "x", "--cell-diameter", "-3"));
		assertThrows(Arguments.UsageException.class, () -> run("--input", "a", "--output", "x", "--threads", "0"));
		assertThrows(Arguments.UsageException.class, () -> run("--input", "a", "--output", "x", "--bogus", "1"));
	}

	@Test
	void recursiveNameCollisionsDoNotOverwriteEachOther() throws Exception {
		field("a.png", 1);
		field("x/a.png", 2);
		field("x_a.png", 3);
		Path o = dir.resolve("out");
		assertEquals(0, run("--input", dir.resolve("in").toString(), "--output", o.toString(), "--recursive"), stderr());
		List<Integer> counts = new ArrayList<>();
		for (String n : new String[] { "a", "x_a_png", "x_a_png-2" })
			counts.add(Files.readAllLines(o.resolve(n + "_cells.csv")).size() - 1);
		assertEquals(List.of(1, 2, 3), counts);
	}
}
