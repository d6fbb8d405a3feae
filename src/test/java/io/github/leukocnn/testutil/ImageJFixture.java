package io.github.leukocnn.testutil;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.scijava.Context;
import org.scijava.command.CommandService;

import io.github.leukocnn.classify.CellClassifier;
import io.github.leukocnn.ij.CellTables;
import io.github.leukocnn.ij.Classifiers;
import io.github.leukocnn.segment.LeukocyteSegmenter;
import io.github.leukocnn.segment.Segmenters;

/**
 * The set-up the plugin and command tests share, as one JUnit 5 extension:
 * <pre>
 * &#64;RegisterExtension
 * static final ImageJFixture IMAGEJ = ImageJFixture.create().menus().segmenter(RecordingSegmenter.class);
 * </pre>
 * For the test class it chooses stand-in segmenter and classifier through the system properties the
 * plugins read (and restores them afterwards, so other classes get the standard ones), fills ImageJ
 * 1's command table from plugins.config ({@link HeadlessMenus}) and opens a SciJava context if asked;
 * before each test it empties LeukoCNN's result tables, which are static and outlive a test.
 */
public final class ImageJFixture implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

	/** property -> value for the class; a null value clears the property (the standard implementation). */
	private final Map<String, String> properties = new LinkedHashMap<>();
	private final Map<String, String> saved = new LinkedHashMap<>();
	private boolean menus, scijava;
	private Context context;
	private CommandService commands;

	private ImageJFixture() {}

	public static ImageJFixture create() {
		return new ImageJFixture();
	}

	/** Plugins create this segmenter (public no-argument constructor) instead of the standard one. */
	public ImageJFixture segmenter(Class<? extends LeukocyteSegmenter> type) {
		properties.put(Segmenters.PROPERTY, type.getName());
		return this;
	}

	/** Plugins use the standard segmenter, whatever an earlier class set. */
	public ImageJFixture standardSegmenter() {
		properties.put(Segmenters.PROPERTY, null);
		return this;
	}

	/** Every model choice gives this classifier (public no-argument constructor). */
	public ImageJFixture classifier(Class<? extends CellClassifier> type) {
		properties.put(Classifiers.PROPERTY, type.getName());
		return this;
	}

	/** {@code run("Segment Leukocytes", ...)} and the other LeukoCNN commands work in headless macros. */
	public ImageJFixture menus() {
		menus = true;
		return this;
	}

	/** A SciJava context with a {@link CommandService} for the class: {@link #commands()}. */
	public ImageJFixture scijava() {
		scijava = true;
		return this;
	}

	public CommandService commands() {
		if (commands == null) throw new IllegalStateException("register the fixture with scijava()");
		return commands;
	}

	@Override
	public void beforeAll(ExtensionContext extension) throws Exception {
		for (Map.Entry<String, String> p : properties.entrySet()) {
			saved.put(p.getKey(), System.getProperty(p.getKey()));
			set(p.getKey(), p.getValue());
		}
		if (menus) HeadlessMenus.install();
		if (scijava) {
			context = new Context(CommandService.class);
			commands = context.service(CommandService.class);
		}
	}

	@Override
	public void beforeEach(ExtensionContext extension) {
		CellTables.reset(CellTables.CELLS);
		CellTables.reset(CellTables.FIELDS);
	}

	@Override
	public void afterAll(ExtensionContext extension) {
		saved.forEach(ImageJFixture::set);
		saved.clear();
		if (context != null) context.dispose();
		context = null;
		commands = null;
	}

	private static void set(String key, String value) {
		if (value == null) System.clearProperty(key);
		else System.setProperty(key, value);
	}
}
