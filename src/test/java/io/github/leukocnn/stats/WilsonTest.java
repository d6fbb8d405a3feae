package io.github.leukocnn.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WilsonTest {

	private static void assertInterval(Interval i, double p, double low, double high, double tol) {
		assertEquals(p, i.estimate(), 1e-12, "estimate");
		assertEquals(low, i.low(), tol, "low");
		assertEquals(high, i.high(), tol, "high");
	}

	@Test
	void handComputedSmallCounts() {
		// z = 1.96: 0/10 -> upper (z²/2n + z·z/2n)/(1 + z²/n) = 0.38415/1.38415
		assertInterval(Wilson.interval95(0, 10), 0.0, 0.0, 0.277533, 1e-6);
		// symmetric around 1/2: 0.5 ± z·sqrt(0.025 + 0.009604)/1.384146
		assertInterval(Wilson.interval95(5, 10), 0.5, 0.236593, 0.763407, 1e-6);
		assertInterval(Wilson.interval95(10, 10), 1.0, 0.722467, 1.0, 1e-6);
	}

	@Test
	void newcombe1998Examples() {
		// Newcombe, Stat Med 1998;17:857-872, Table I, method 3 (score interval without continuity correction)
		assertInterval(Wilson.interval95(81, 263), 81.0 / 263, 0.2553, 0.3662, 1e-4);
		assertInterval(Wilson.interval95(15, 148), 15.0 / 148, 0.0624, 0.1605, 1e-4);
		assertInterval(Wilson.interval95(0, 20), 0, 0, 0.1611, 1e-4);
		assertInterval(Wilson.interval95(1, 29), 1.0 / 29, 0.0061, 0.1718, 1e-4);
	}

	@Test
	void emptySampleIsUninformative() {
		Interval i = Wilson.interval95(0, 0);
		assertTrue(Double.isNaN(i.estimate()));
		assertEquals(0, i.low());
		assertEquals(1, i.high());
	}

	@Test
	void symmetricUnderComplement() {
		for (int k = 0; k <= 17; k++) {
			Interval a = Wilson.interval95(k, 17), b = Wilson.interval95(17 - k, 17);
			assertEquals(a.low(), 1 - b.high(), 1e-12);
			assertTrue(a.contains(a.estimate()));
		}
	}

	@Test
	void rejectsImpossibleCounts() {
		assertThrows(IllegalArgumentException.class, () -> Wilson.interval95(11, 10));
		assertThrows(IllegalArgumentException.class, () -> Wilson.interval95(-1, 10));
	}
}
