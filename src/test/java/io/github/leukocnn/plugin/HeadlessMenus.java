package io.github.leukocnn.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;

import ij.Menus;

/**
 * Installs the commands of LeukoCNN's plugins.config so that {@code run("Segment Leukocytes", ...)}
 * works in headless ImageJ 1. ImageJ 1 reads plugins.config when it builds its menu bar, which an
 * AWT-less JVM cannot do (Fiji's headless mode patches this); so the test reads the same file the
 * jar ships and fills ImageJ's command table (a private field) the way Menus would.
 */
final class HeadlessMenus {

	private HeadlessMenus() {}

	/** Parses plugins.config from the class path: command label -> class name, in file order. */
	static Map<String, String> pluginsConfig() throws IOException {
		Map<String, String> entries = new LinkedHashMap<>();
		try (InputStream in = HeadlessMenus.class.getResourceAsStream("/plugins.config")) {
			if (in == null) throw new IOException("plugins.config is not on the class path (the pom copies it into the jar root)");
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				line = line.trim();
				if (line.isEmpty() || line.startsWith("#")) continue;
				// Menu>Sub, "Label", class.Name("arg")
				int q1 = line.indexOf('"'), q2 = line.indexOf('"', q1 + 1);
				String label = line.substring(q1 + 1, q2);
				String className = line.substring(line.indexOf(',', q2) + 1).trim();
				entries.put(label, className);
			}
		}
		return entries;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	static synchronized void install() throws IOException, ReflectiveOperationException {
		Field field = Menus.class.getDeclaredField("pluginsTable");
		field.setAccessible(true);
		Hashtable table = (Hashtable) field.get(null);
		if (table == null) {
			table = new Hashtable();
			field.set(null, table);
		}
		table.putAll(pluginsConfig());
	}
}
