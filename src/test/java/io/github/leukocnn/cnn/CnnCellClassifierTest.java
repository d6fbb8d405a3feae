package io.github.leukocnn.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import ij.process.ColorProcessor;
import io.github.leukocnn.crop.CellCropper;
import io.github.leukocnn.crop.FieldCropScale;
import io.github.leukocnn.image.RgbImages;
import io.github.leukocnn.progress.ProgressListener;
import io.github.leukocnn.segment.CellMeasurements;
import io.github.leukocnn.segment.RedCellRuler;
import io.github.leukocnn.segment.Segmentation;
import io.github.leukocnn.synth.SmearSynthesizer;
import net.imglib2.img.array.ArrayImgs;

/** Batched classification equals the plain network output, is deterministic and calibrated by the card. */
class CnnCellClassifierTest {

	static Segmentation cellsAt(int w, int h, double d, double[][] centres) {
		List<CellMeasurements> m = new ArrayList<>();
		for (int i = 0; i < centres.length; i++)
			m.add(new CellMeasurements(i + 1, 0, 0, 1, 1, centres[i][0], centres[i][1], 1, 1, 1, 1, 0, 0, 0, 0, 0, false));
		return new Segmentation(ArrayImgs.unsignedShorts(w, h), ArrayImgs.unsignedShorts(w, h), m, d);
	}

	@Test
	void batchedCellsMatchTheNetworkAndAreDeterministic() {
		ModelCard card = ModelFileTest.card(16, List.of("a", "b", "c"), 1);
		var model = new ModelFile.Model(ModelFileTest.net(16, 3), card);
		CnnCellClassifier clf = new CnnCellClassifier(model, 4); // batch 4 < 7 cells: several batches
		ColorProcessor cp = io.github.leukocnn.cnn.ClassifyBenchmark.syntheticField(200, 150, 30, 3);
		double[][] centres = new double[7][];
		for (int i = 0; i < 7; i++) centres[i] = new double[] { 10 + 25 * i, 20 + 15 * i };
		Segmentation seg = cellsAt(200, 150, 30, centres);
		float[][] p = clf.classifyCells(RgbImages.wrap(cp), seg, ProgressListener.NONE);
		assertEquals(7, p.length);
		float[] crop = new float[3 * 16 * 16];
		for (int i = 0; i < 7; i++) {
			CellCropper.crop((int[]) cp.getPixels(), 200, 150, centres[i][0], centres[i][1], 30, card.cropSpec(), crop, 0);
			float[] ref = model.network().output(Nd4j.create(crop, new long[] { 1, 3, 16, 16 }), false).toFloatVector();
			float[] expected = CnnCellClassifier.calibrate(new float[][] { ref }, card.temperature())[0];
			assertArrayEquals(expected, p[i], 1e-5f);
			float s = 0;
			for (float v : p[i]) s += v;
			assertEquals(1, s, 1e-5);
		}
		float[][] again = clf.classifyCells(RgbImages.wrap(cp), seg, ProgressListener.NONE);
		for (int i = 0; i < 7; i++) assertArrayEquals(p[i], again[i]);
		assertNotSame(p, again);
		// closing frees the inference copy; the caller's network is left as it was
		assertTrue(clf.usesInferenceCopy());
		clf.close();
		assertThrows(IllegalStateException.class, () -> clf.classifyCells(RgbImages.wrap(cp), seg, ProgressListener.NONE));
		try (CnnCellClassifier fresh = new CnnCellClassifier(model, 4)) {
			float[][] afresh = fresh.classifyCells(RgbImages.wrap(cp), seg, ProgressListener.NONE);
			for (int i = 0; i < 7; i++) assertArrayEquals(p[i], afresh[i]);
		}
	}

	@Test
	void theCardsFieldScaleSizesTheCrops() {
		ColorProcessor cp = SmearSynthesizer.generate(new SmearSynthesizer.Settings(320, 240, 36, 4)).rgb();
		double red = RedCellRuler.diameter(cp);
		double segmentationDiameter = 60; // e.g. an estimate inflated by crowded cells
		double[][] centres = { { 100, 80 }, { 220, 160 } };
		Segmentation seg = cellsAt(320, 240, segmentationDiameter, centres);
		ModelCard card = ModelFileTest.card(16, List.of("a", "b", "c"), 1);
		var net = ModelFileTest.net(16, 3);
		for (String rule : List.of(FieldCropScale.SEGMENTATION, FieldCropScale.RED_CELLS)) {
			ModelCard c = card.withFieldScale(rule);
			float[][] p = new CnnCellClassifier(new ModelFile.Model(net, c), 4).classifyCells(RgbImages.wrap(cp), seg, ProgressListener.NONE);
			double d = rule.equals(FieldCropScale.RED_CELLS) ? FieldCropScale.LEUKOCYTE_PER_RED_CELL * red : segmentationDiameter;
			float[] crop = new float[3 * 16 * 16];
			for (int i = 0; i < centres.length; i++) {
				CellCropper.crop((int[]) cp.getPixels(), 320, 240, centres[i][0], centres[i][1], d, c.cropSpec(), crop, 0);
				float[] ref = net.output(Nd4j.create(crop, new long[] { 1, 3, 16, 16 }), false).toFloatVector();
				assertArrayEquals(CnnCellClassifier.calibrate(new float[][] { ref }, c.temperature())[0], p[i], 1e-5f, rule);
			}
		}
		assertTrue(Math.abs(FieldCropScale.LEUKOCYTE_PER_RED_CELL * red - segmentationDiameter) > 5,
			"the two rules crop differently here: red cells " + red + " px");
	}

	@Test
	void anEnsembleAveragesItsMembersLogProbabilitiesOnTheSameCrops() {
		ModelCard card = ModelFileTest.card(16, List.of("a", "b", "c"), 1);
		var a = ModelFileTest.net(16, 3);
		var b = NetworkFactory.build(16, 3, new int[] { 4, 8 }, 8, 1e-3, null, 8);
		ColorProcessor cp = io.github.leukocnn.cnn.ClassifyBenchmark.syntheticField(200, 150, 30, 3);
		double[][] centres = new double[7][];
		for (int i = 0; i < 7; i++) centres[i] = new double[] { 10 + 25 * i, 20 + 15 * i };
		Segmentation seg = cellsAt(200, 150, 30, centres);
		CnnCellClassifier fast = new CnnCellClassifier(new ModelFile.Model(List.of(a, b), card), 4);
		CnnCellClassifier plain = new CnnCellClassifier(new ModelFile.Model(List.of(a, b), card), 4, false);
		assertEquals(2, fast.networkCount());
		float[][] p = fast.classifyCells(RgbImages.wrap(cp), seg, ProgressListener.NONE);
		float[][] q = plain.classifyCells(RgbImages.wrap(cp), seg, ProgressListener.NONE);
		float[] crop = new float[3 * 16 * 16];
		for (int i = 0; i < 7; i++) {
			CellCropper.crop((int[]) cp.getPixels(), 200, 150, centres[i][0], centres[i][1], 30, card.cropSpec(), crop, 0);
			var x = Nd4j.create(crop, new long[] { 1, 3, 16, 16 });
			float[] pa = a.output(x, false).toFloatVector(), pb = b.output(x, false).toFloatVector();
			float[] expected = new float[3];
			double sum = 0;
			for (int j = 0; j < 3; j++) sum += expected[j] = (float) Math.sqrt((double) pa[j] * pb[j]);
			for (int j = 0; j < 3; j++) expected[j] /= sum;
			CnnCellClassifier.calibrate(new float[][] { expected }, card.temperature());
			assertArrayEquals(expected, p[i], 1e-5f);
			assertArrayEquals(expected, q[i], 1e-5f);
		}
		// one member twice is that member
		float[][] twice = CnnCellClassifier.geometricMean(new float[][][] { { { 0.6f, 0.3f, 0.1f } }, { { 0.6f, 0.3f, 0.1f } } });
		assertArrayEquals(new float[] { 0.6f, 0.3f, 0.1f }, twice[0], 1e-6f);
	}

	@Test
	void fieldTemperatureCalibratesFieldsButNotThePriorOfEmptyFields() {
		ModelCard card = ModelFileTest.card(16, List.of("a", "b", "c"), 1);
		float[][] cells = { { 0.5f, 0.3f, 0.2f }, { 0.7f, 0.2f, 0.1f } };
		CnnCellClassifier plain = new CnnCellClassifier(new ModelFile.Model(ModelFileTest.net(16, 3), card), 4);
		CnnCellClassifier sharp = new CnnCellClassifier(new ModelFile.Model(ModelFileTest.net(16, 3), card.withFieldTemperature(0.5)), 4);
		float[] field = plain.aggregateField(cells), calibrated = sharp.aggregateField(cells);
		assertArrayEquals(CnnCellClassifier.calibrate(new float[][] { field.clone() }, 0.5)[0], calibrated, 1e-6f);
		org.junit.jupiter.api.Assertions.assertTrue(calibrated[0] > field[0], "T < 1 sharpens the field's leading class");
		assertArrayEquals(plain.aggregateField(new float[0][]), sharp.aggregateField(new float[0][]), "prior unchanged");
	}

	@Test
	void temperatureSoftensAndSingleCellUsesTheWholeImage() {
		float[][] p = { { 0.9f, 0.1f } };
		CnnCellClassifier.calibrate(p, 2);
		assertEquals(3 / (3 + 1.0), p[0][0], 1e-5); // sqrt(9):sqrt(1)
		ModelCard card = ModelFileTest.card(16, List.of("a", "b"), 1);
		CnnCellClassifier clf = new CnnCellClassifier(new ModelFile.Model(ModelFileTest.net(16, 2), card), 2);
		ColorProcessor cp = io.github.leukocnn.cnn.ClassifyBenchmark.syntheticField(60, 50, 20, 5);
		float[] single = clf.classifySingleCell(RgbImages.wrap(cp));
		// whole-image rule: diameter = shorter side × cell fraction, centred
		float[][] viaCells = clf.classifyCells(RgbImages.wrap(cp), cellsAt(60, 50, 50 * card.cellFraction(),
			new double[][] { { 29.5, 24.5 } }), ProgressListener.NONE);
		assertArrayEquals(viaCells[0], single, 1e-6f);
	}
}
