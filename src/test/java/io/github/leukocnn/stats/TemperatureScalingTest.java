package io.github.leukocnn.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class TemperatureScalingTest {

	/** Labels drawn from softmax(z); the "network" reports z·t, i.e. it is over-confident by t. */
	private static Object[] synthetic(double t, int n, long seed) {
		Random r = new Random(seed);
		int k = 4;
		double[][] logits = new double[n][k];
		int[] truth = new int[n];
		for (int i = 0; i < n; i++) {
			double[] z = new double[k];
			for (int c = 0; c < k; c++)
				z[c] = 1.5 * r.nextGaussian();
			double[] p = TemperatureScaling.softmax(z, 1);
			double u = r.nextDouble(), acc = 0;
			truth[i] = k - 1;
			for (int c = 0; c < k; c++) {
				acc += p[c];
				if (u < acc) {
					truth[i] = c;
					break;
				}
			}
			for (int c = 0; c < k; c++)
				logits[i][c] = z[c] * t;
		}
		return new Object[] { logits, truth };
	}

	@Test
	void recoversKnownTemperature() {
		for (double t : new double[] { 0.5, 2.5 }) {
			Object[] data = synthetic(t, 20_000, 5);
			double fitted = TemperatureScaling.fit((double[][]) data[0], (int[]) data[1]);
			assertEquals(t, fitted, 0.08 * t, "true T " + t);
		}
	}

	@Test
	void scalingReducesEceAndNllOfOverconfidentModel() {
		Object[] val = synthetic(3, 5000, 1), test = synthetic(3, 5000, 2);
		double[][] z = (double[][]) test[0];
		int[] y = (int[]) test[1];
		double t = TemperatureScaling.fit((double[][]) val[0], (int[]) val[1]);
		double before = Calibration.topLabel(TemperatureScaling.apply(z, 1), y, 10).ece();
		double after = Calibration.topLabel(TemperatureScaling.apply(z, t), y, 10).ece();
		assertTrue(before > 0.1, "over-confident model is badly calibrated: " + before);
		assertTrue(after < 0.03, "scaled ECE " + after);
		assertTrue(TemperatureScaling.negativeLogLikelihood(z, y, t) < TemperatureScaling.negativeLogLikelihood(z, y, 1));
	}

	@Test
	void deterministicAndArgmaxPreserving() {
		Object[] d = synthetic(2, 500, 9);
		double[][] z = (double[][]) d[0];
		int[] y = (int[]) d[1];
		assertEquals(TemperatureScaling.fit(z, y), TemperatureScaling.fit(z, y));
		double[][] p = TemperatureScaling.apply(z, 1.7);
		for (int i = 0; i < z.length; i++)
			assertEquals(Probabilities.argmax(z[i]), Probabilities.argmax(p[i]));
	}

	@Test
	void logitsOfProbabilitiesRoundTrip() {
		double[][] p = { { 0.7, 0.2, 0.1 }, { 0, 1, 0 } };
		double[][] back = TemperatureScaling.apply(TemperatureScaling.logits(p), 1);
		assertArrayEquals(p[0], back[0], 1e-12);
		assertArrayEquals(p[1], back[1], 1e-9);
		// NLL by hand at T = 1: -(ln 0.7 + ln 1) / 2
		assertEquals(-Math.log(0.7) / 2, TemperatureScaling.negativeLogLikelihood(TemperatureScaling.logits(p), new int[] { 0, 1 }, 1), 1e-9);
	}
}
