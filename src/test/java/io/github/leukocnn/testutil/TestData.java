package io.github.leukocnn.testutil;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real smear data beside the project ({@code ../shared/data}, or the system property
 * {@code leukocnn.data}). Tests that need it call {@link #require(String)}: on a fresh clone
 * without the data they are skipped with a message instead of failing.
 */
public final class TestData {

	private TestData() {}

	public static Path root() {
		String p = System.getProperty("leukocnn.data");
		return p != null ? Path.of(p) : Path.of("..", "shared", "data");
	}

	/** The data set folder {@code name} (e.g. "wbc-masks"); skips the test when it is absent. */
	public static Path require(String name) {
		Path dir = root().resolve(name);
		assumeTrue(Files.isDirectory(dir), "real data set '" + name + "' not found at " +
			dir.toAbsolutePath().normalize() + ": test skipped (place the shared data beside the project to run it)");
		return dir;
	}
}
