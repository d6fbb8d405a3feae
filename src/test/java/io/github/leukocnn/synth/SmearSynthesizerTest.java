package io.github.leukocnn.synth;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import io.github.leukocnn.cli.Arguments;
import io.github.leukocnn.cli.SynthesizeSubcommand;
import io.github.leukocnn.io.AtomicFiles;

class SmearSynthesizerTest {

	private static final SmearSynthesizer.Settings SMALL = new SmearSynthesizer.Settings(320, 240, 40, 7);

	@Test
	void sameSeedGivesIdenticalPixelsAndTruth() {
		SyntheticField a = SmearSynthesizer.generate(SMALL), b = SmearSynthesizer.generate(SMALL);
		assertArrayEquals((int[]) a.rgb().getPixels(), (int[]) b.rgb().getPixels());
		assertArrayEquals(a.cells(), b.cells());
		assertArrayEquals(a.nuclei(), b.nuclei());
		assertEquals(a.truth(), b.truth());
		SyntheticField c = SmearSynthesizer.generate(SMALL.withSeed(8));
		assertFalse(Arrays.equals((int[]) a.rgb().getPixels(), (int[]) c.rgb().getPixels()));
	}

	@Test
	void groundTruthIsConsistentWithItselfAndTheImage() {
		int cut = 0;
		for (long seed = 1; seed <= 6; seed++) {
			SyntheticField f = SmearSynthesizer.generate(new SmearSynthesizer.Settings(400, 300, 50, seed));
			int n = f.truth().size(), w = f.width();
			assertTrue(n >= 4, "at least one of each type fits: " + n);
			int[] area = new int[n + 1], nucleus = new int[n + 1];
			for (int i = 0; i < f.cells().length; i++) {
				int cell = f.cells()[i] & 0xffff, nuc = f.nuclei()[i] & 0xffff;
				assertTrue(cell <= n);
				if (nuc != 0) assertEquals(cell, nuc, "a nucleus pixel lies in the cell with its id");
				area[cell]++;
				nucleus[nuc]++;
			}
			Map<CellClass, Integer> count = new EnumMap<>(CellClass.class);
			for (TrueCell t : f.truth()) {
				count.merge(t.cellClass(), 1, Integer::sum);
				assertEquals(area[t.id()], t.area());
				assertEquals(nucleus[t.id()], t.nucleusArea());
				if (t.cutByBorder()) {
					assertTrue(t.area() > 0 && t.area() < Math.PI * t.diameter() * t.diameter() / 4, "partly outside: " + t);
					cut++;
					continue;
				}
				assertTrue(t.nucleusArea() > 0 && t.nucleusArea() < t.area(), t.toString());
				double expectedArea = Math.PI * t.diameter() * t.diameter() / 4;
				assertEquals(expectedArea, t.area(), 0.15 * expectedArea, "label area matches the drawn size: " + t);
				assertEquals(t.id(), f.cells()[(int) t.centreY() * w + (int) t.centreX()] & 0xffff, "centre is inside: " + t);
				if (t.cellClass() == CellClass.NEUTROPHIL) assertTrue(t.lobes() >= 3 && t.lobes() <= 5);
				else assertEquals(1, t.lobes());
			}
			for (CellClass c : List.of(CellClass.NEUTROPHIL, CellClass.LYMPHOCYTE, CellClass.MONOCYTE))
				assertTrue(count.getOrDefault(c, 0) >= 1, "seed " + seed + " has a " + c);
			if (count.containsKey(CellClass.BLAST))
				assertTrue(count.get(CellClass.BLAST) * 2 >= n - 4, "leukaemic fields are blast-rich: " + count);
			assertTouchingPairShareABorder(f);
			assertNucleiAreDarkAndPurple(f);
		}
		assertTrue(cut >= 1, "some fields have a leukocyte cut by the border");
	}

	@Test
	void bothNormalAndLeukaemicFieldsOccur() {
		Set<Boolean> kinds = new HashSet<>();
		for (long seed = 1; seed <= 8; seed++)
			kinds.add(SmearSynthesizer.generate(new SmearSynthesizer.Settings(400, 300, 50, seed)).truth().stream()
				.anyMatch(t -> t.cellClass() == CellClass.BLAST));
		assertEquals(Set.of(true, false), kinds);
	}

	@Test
	void nuclearToCytoplasmicRatioFollowsTheCellType() {
		SyntheticField f = SmearSynthesizer.generate(new SmearSynthesizer.Settings(1200, 900, 60, 4));
		Map<CellClass, double[]> fraction = new EnumMap<>(CellClass.class);
		for (TrueCell t : f.truth())
			fraction.merge(t.cellClass(), new double[] { t.nucleusArea() / (double) t.area(), 1 }, (x, y) -> new double[] { x[0] + y[0], x[1] + y[1] });
		double neutrophil = mean(fraction.get(CellClass.NEUTROPHIL)), lymphocyte = mean(fraction.get(CellClass.LYMPHOCYTE));
		double monocyte = mean(fraction.get(CellClass.MONOCYTE));
		assertTrue(lymphocyte > 0.5 && neutrophil < 0.45 && monocyte < lymphocyte, neutrophil + " " + lymphocyte + " " + monocyte);
		if (fraction.containsKey(CellClass.BLAST)) assertTrue(mean(fraction.get(CellClass.BLAST)) > 0.55);
	}

	private static double mean(double[] sumAndCount) {
		return sumAndCount[0] / sumAndCount[1];
	}

	private static void assertTouchingPairShareABorder(SyntheticField f) {
		boolean anyTouching = f.truth().stream().anyMatch(TrueCell::touching);
		assertTrue(anyTouching, "every field has a touching pair");
		int w = f.width();
		boolean shared = false;
		for (int i = 0; i < f.cells().length - 1 && !shared; i++) {
			int a = f.cells()[i] & 0xffff, b = f.cells()[i + 1] & 0xffff;
			if ((i + 1) % w != 0 && a != 0 && b != 0 && a != b) shared = true;
		}
		assertTrue(shared, "touching leukocytes are adjacent in the labels");
	}

	private static void assertNucleiAreDarkAndPurple(SyntheticField f) {
		long[] nucleus = new long[4], background = new long[4];
		for (int i = 0; i < f.cells().length; i++) {
			int c = f.rgb().get(i);
			long[] acc = f.nuclei()[i] != 0 ? nucleus : f.cells()[i] == 0 ? background : null;
			if (acc == null) continue;
			acc[0] += (c >> 16) & 0xff;
			acc[1] += (c >> 8) & 0xff;
			acc[2] += c & 0xff;
			acc[3]++;
		}
		double nr = nucleus[0] / (double) nucleus[3], ng = nucleus[1] / (double) nucleus[3], nb = nucleus[2] / (double) nucleus[3];
		double bg = background[1] / (double) background[3];
		assertTrue(ng < bg - 80, "nuclei are dark: green " + ng + " vs " + bg);
		assertTrue(nb > nr && nr > ng, "nuclei are purple (B > R > G): " + nr + "," + ng + "," + nb);
	}

	@Test
	void settingsAreValidated() {
		assertThrows(IllegalArgumentException.class, () -> new SmearSynthesizer.Settings(8, 100, 40, 1));
		assertThrows(IllegalArgumentException.class, () -> new SmearSynthesizer.Settings(100, 100, Double.NaN, 1));
		assertThrows(IllegalArgumentException.class, () -> new SmearSynthesizer.Settings(100, 100, 2, 1));
	}

	@Test
	void writerSavesImageLabelsAndTruthAndRefusesToOverwrite(@TempDir Path dir) throws IOException {
		SyntheticField f = SmearSynthesizer.generate(SMALL);
		SyntheticFieldWriter.write(f, dir, "f", SyntheticFieldWriter.Format.PNG, false);
		ImagePlus image = IJ.openImage(dir.resolve("f.png").toString());
		assertEquals(24, image.getBitDepth());
		assertArrayEquals((int[]) f.rgb().getPixels(), (int[]) image.getProcessor().getPixels(), "PNG is lossless");
		ImagePlus cells = IJ.openImage(dir.resolve("ground-truth/f_cells.png").toString());
		assertEquals(16, cells.getBitDepth());
		assertArrayEquals(f.cells(), (short[]) cells.getProcessor().getPixels());
		ImagePlus nuclei = IJ.openImage(dir.resolve("ground-truth/f_nuclei.png").toString());
		assertArrayEquals(f.nuclei(), (short[]) nuclei.getProcessor().getPixels());
		List<String> csv = Files.readAllLines(dir.resolve("ground-truth/f_truth.csv"));
		assertEquals(String.join(",", TrueCell.COLUMNS), csv.get(0));
		assertEquals(f.truth().size() + 1, csv.size());
		assertTrue(csv.get(1).startsWith("1," + f.truth().get(0).cellClass().label() + ","));
		assertThrows(AtomicFiles.OutputExistsException.class, () -> SyntheticFieldWriter.write(f, dir, "f", SyntheticFieldWriter.Format.PNG, false));
		SyntheticFieldWriter.write(f, dir, "g", SyntheticFieldWriter.Format.JPEG, false);
		assertEquals(24, IJ.openImage(dir.resolve("g.jpg").toString()).getBitDepth());
	}

	@Test
	void commandIsReproducibleByteForByte(@TempDir Path dir) throws Exception {
		for (String sub : new String[] { "a", "b" })
			assertEquals(0, run("--output", dir.resolve(sub).toString(), "--count", "2", "--seed", "11", "--width", "200", "--height", "150", "--cell-diameter", "30"));
		for (String name : new String[] { "smear-s11.png", "smear-s12.png", "ground-truth/smear-s12_cells.png", "ground-truth/smear-s12_truth.csv" })
			assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(name)), Files.readAllBytes(dir.resolve("b").resolve(name)), name);
		assertEquals(1, run("--output", dir.resolve("a").toString(), "--count", "1", "--seed", "11", "--width", "200", "--height", "150", "--cell-diameter", "30"),
			"existing fields are not replaced without --overwrite");
		assertThrows(Arguments.UsageException.class, () -> run("--output", dir.toString(), "--count", "1"));
		assertThrows(Arguments.UsageException.class, () -> run("--output", dir.toString(), "--count", "1", "--seed", "1", "--format", "gif"));
	}

	private static int run(String... args) throws Exception {
		SynthesizeSubcommand cmd = new SynthesizeSubcommand();
		ByteArrayOutputStream sink = new ByteArrayOutputStream();
		PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8);
		return cmd.run(new Arguments(Arrays.asList(args), cmd.flags()), ps, ps);
	}
}
