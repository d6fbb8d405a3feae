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
}
