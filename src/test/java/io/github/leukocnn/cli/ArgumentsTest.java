package io.github.leukocnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.leukocnn.cnn.ModelFile;

/** The options several subcommands share. */
class ArgumentsTest {

	@Test
	void modelsAreTrimmedAndDefaultToTheShippedOnes() {
		assertEquals(List.of("all-screening", "/m/my model.zip"),
			new Arguments(List.of("--models", " all-screening, /m/my model.zip ,"), Set.of()).models());
		assertEquals(ModelFile.SHIPPED, new Arguments(List.of(), Set.of()).models());
		var none = assertThrows(Arguments.UsageException.class, () -> new Arguments(List.of("--models", " , "), Set.of()).models());
		assertTrue(none.getMessage().contains("--models needs at least one model name or file"), none.getMessage());
	}

	@Test
	void aFlagGivenAValueIsAUsageErrorNotIgnored() {
		Set<String> flags = Set.of("overwrite", "recursive");
		var e = assertThrows(Arguments.UsageException.class, () -> new Arguments(List.of("--overwrite=true"), flags));
		assertTrue(e.getMessage().contains("--overwrite takes no value"), e.getMessage());
		e = assertThrows(Arguments.UsageException.class, () -> new Arguments(List.of("--input", "x", "--recursive=yes"), flags));
		assertTrue(e.getMessage().contains("--recursive takes no value"), e.getMessage());
		Arguments plain = new Arguments(List.of("--overwrite", "--threads=2"), flags);
		assertTrue(plain.flag("overwrite"));
		assertEquals(2, plain.threads());
	}

	@Test
	void aRepeatedOptionIsAUsageErrorNotLastWins() {
		Set<String> flags = Set.of("overwrite");
		for (List<String> args : List.of(List.of("--threads=1", "--threads", "2"), List.of("--threads", "1", "--threads", "2"),
			List.of("--threads=1", "--threads=2"), List.of("--overwrite", "--overwrite")))
		{
			var e = assertThrows(Arguments.UsageException.class, () -> new Arguments(args, flags), args.toString());
			assertTrue(e.getMessage().contains("is given more than once"), e.getMessage());
		}
	}
}
