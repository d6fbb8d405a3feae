package io.github.leukocnn.plugin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PluginDialogTest {

	@Test
	void checkboxKeysInsideBracketedValuesDoNotCount() {
		assertFalse(PluginDialog.checkboxOn("folder=[/x/keep overwrite off] ", "overwrite"));
		assertFalse(PluginDialog.checkboxOn("model_file=[/m/ show_results .zip] cell_diameter=0 ", "show_results"));
		assertFalse(PluginDialog.checkboxOn("folder=[/x/ overwrite", "overwrite"), "an unclosed bracket runs to the end, as in ImageJ");
		assertTrue(PluginDialog.checkboxOn("folder=[/x/keep overwrite off] overwrite ", "overwrite"));
		assertTrue(PluginDialog.checkboxOn("overwrite folder=[/x] ", "overwrite"));
		assertTrue(PluginDialog.checkboxOn("cell_diameter=0 add_to_roi_manager show_results ", "show_results"));
		assertFalse(PluginDialog.checkboxOn("cell_diameter=0 show_results_now ", "show_results"));
		assertFalse(PluginDialog.checkboxOn("name=overwrite ", "overwrite"), "a value is not a key");
	}
}
