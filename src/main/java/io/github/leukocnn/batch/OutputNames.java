package io.github.leukocnn.batch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Output file stems of batch inputs: all outputs go into one flat folder, so each input needs a stem
 * that no other input of the batch has. The rules, applied to the inputs in batch (sorted) order:
 * <ol>
 * <li>the stem is the path below the input folder without its extension, with folder separators
 * replaced by '_': {@code field7.jpg -> field7}, {@code patient1/day 2/field7.jpg -> patient1_day 2_field7};</li>
 * <li>inputs whose stems are equal (ignoring case, for case-insensitive file systems), e.g.
 * {@code a.jpg} and {@code a.png}, or {@code x_y/a.jpg} and {@code x/y_a.jpg}, keep their extension:
 * {@code a_jpg}, {@code a_png};</li>
 * <li>if a stem is still taken, {@code -2}, {@code -3}, … is appended.</li>
 * </ol>
 * Because the inputs are sorted first, the same folder always gives the same names.
 */
public final class OutputNames {

	private OutputNames() {}

	/** Stems for {@code relativePaths}, in the same order. */
	public static List<String> assign(List<Path> relativePaths) {
		List<String> bases = new ArrayList<>();
		Map<String, Integer> count = new HashMap<>();
		for (Path p : relativePaths) {
			String base = base(p);
			bases.add(base);
			count.merge(key(base), 1, Integer::sum);
		}
		Set<String> used = new HashSet<>();
		List<String> names = new ArrayList<>();
		for (int i = 0; i < relativePaths.size(); i++) {
			String preferred = bases.get(i);
			if (count.get(key(preferred)) > 1) {
				String ext = extension(relativePaths.get(i).getFileName().toString());
				if (!ext.isEmpty()) preferred += "_" + ext;
			}
			String name = preferred;
			for (int k = 2; used.contains(key(name)); k++)
				name = preferred + "-" + k;
			used.add(key(name));
			names.add(name);
		}
		return names;
	}

	/** Rule 1: relative path without extension, separators replaced by '_'. */
	static String base(Path relative) {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < relative.getNameCount() - 1; i++)
			sb.append(relative.getName(i)).append('_');
		String file = relative.getFileName().toString();
		int dot = file.lastIndexOf('.');
		sb.append(dot > 0 ? file.substring(0, dot) : file);
		return sb.toString();
	}

	private static String extension(String file) {
		int dot = file.lastIndexOf('.');
		return dot > 0 ? file.substring(dot + 1) : "";
	}

	private static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}
}
