package io.github.leukocnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.github.leukocnn.testutil.ConsoleCapture;

/** {@code leukocnn benchmark-classify}: prints cells/s of the inference copy and, on request, of plain DL4J beside it. */
class BenchmarkClassifySubcommandTest {

	private final ConsoleCapture console = new ConsoleCapture();

	@Test
	void comparesTheInferenceCopyWithDl4jInOneJvm() throws Exception {
		// under a decimal-comma locale, as on many laboratory PCs: scripts read these figures, so they keep their dots
		Locale before = Locale.getDefault();
		Locale.setDefault(Locale.GERMANY);
		try {
			assertEquals(0, console.run(new BenchmarkClassifySubcommand(), "--models", "all-screening", "--seconds", "0.3", "--compare-dl4j",
				"--repeat", "2", "--fields", "1", "--cell-diameter", "60"));
		}
		finally {
			Locale.setDefault(before);
		}
		String out = console.out();
		Matcher fast = Pattern.compile("all-screening: (\\d+) cells/s \\(batch 64, crop 32px, inference copy\\)").matcher(out);
		Matcher plain = Pattern.compile("all-screening: (\\d+) cells/s with the plain DL4J network \\(ratio ([0-9.]+)\\)").matcher(out);
		for (int i = 0; i < 2; i++) {
			assertTrue(fast.find() && plain.find(), out);
			int f = Integer.parseInt(fast.group(1)), p = Integer.parseInt(plain.group(1));
			assertTrue(f > 0 && p > 0, out);
			// the ratio is inference copy / plain DL4J of this pair: the printed figures are rounded to whole
			// cells/s (+-0.5 each) and the ratio to 2 decimals (+-0.005)
			double ratio = Double.parseDouble(plain.group(2));
			double low = (f - 0.5) / (p + 0.5) - 0.005, high = (f + 0.5) / (p - 0.5) + 0.005;
			assertTrue(ratio >= low - 1e-9 && ratio <= high + 1e-9,
				"ratio " + ratio + " is not " + f + " / " + p + " (" + low + " .. " + high + "):\n" + out);
		}
		assertTrue(out.contains("ms per field") && out.contains("peak heap"), out);
	}

	@Test
	void repeatMustBePositive() {
		assertThrows(Arguments.UsageException.class, () -> console.run(new BenchmarkClassifySubcommand(), "--repeat", "0"));
	}
}
