package io.github.leukocnn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import io.github.leukocnn.ij.TestSmears;
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
		assertEquals(0, console.cli(args), console.err());
		assertTrue(console.out().contains("wrote 0 crops (24x24) of 20 images into " + out + "; 20 existing files left untouched"),
			console.out());
		assertArrayEquals(mine, Files.readAllBytes(kept), "an existing file is never overwritten");
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
}
