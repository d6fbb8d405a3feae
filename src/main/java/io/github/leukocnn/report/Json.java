package io.github.leukocnn.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Minimal JSON text for the reports: maps (kept in insertion order, so output is deterministic),
 * lists, strings, numbers, booleans and null. NaN and infinities have no JSON form and become null.
 */
final class Json {

	private Json() {}

	static String write(Object value) {
		StringBuilder sb = new StringBuilder();
		write(sb, value, 0);
		return sb.append('\n').toString();
	}

	private static void write(StringBuilder sb, Object v, int indent) {
		if (v == null) sb.append("null");
		else if (v instanceof String s) string(sb, s);
		else if (v instanceof Boolean b) sb.append(b);
		else if (v instanceof Double || v instanceof Float) number(sb, ((Number) v).doubleValue());
		else if (v instanceof Number n) sb.append(n.longValue());
		else if (v instanceof Map<?, ?> m) {
			if (m.isEmpty()) {
				sb.append("{}");
				return;
			}
			sb.append("{\n");
			int i = 0;
			for (Map.Entry<?, ?> e : m.entrySet()) {
				pad(sb, indent + 1);
				string(sb, String.valueOf(e.getKey()));
				sb.append(": ");
				write(sb, e.getValue(), indent + 1);
				sb.append(++i < m.size() ? ",\n" : "\n");
			}
			pad(sb, indent);
			sb.append('}');
		}
		else if (v instanceof List<?> l) {
			boolean flat = l.stream().allMatch(x -> !(x instanceof Map) && !(x instanceof List));
			sb.append('[');
			for (int i = 0; i < l.size(); i++) {
				if (!flat) {
					sb.append('\n');
					pad(sb, indent + 1);
				}
				write(sb, l.get(i), indent + 1);
				if (i + 1 < l.size()) sb.append(flat ? ", " : ",");
			}
			if (!flat && !l.isEmpty()) {
				sb.append('\n');
				pad(sb, indent);
			}
			sb.append(']');
		}
		else if (v instanceof double[] a) {
			write(sb, java.util.Arrays.stream(a).boxed().toList(), indent);
		}
		else if (v instanceof long[] a) {
			write(sb, java.util.Arrays.stream(a).boxed().toList(), indent);
		}
		else throw new IllegalArgumentException("no JSON form for " + v.getClass().getName());
	}

	private static void number(StringBuilder sb, double d) {
		if (!Double.isFinite(d)) sb.append("null");
		else if (d == Math.rint(d) && Math.abs(d) < 1e15) sb.append(String.format(Locale.ROOT, "%.1f", d));
		else sb.append(new BigDecimal(d).round(new java.math.MathContext(10)).stripTrailingZeros().toPlainString());
	}

	private static void string(StringBuilder sb, String s) {
		sb.append('"');
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '"' -> sb.append("\\\"");
				case '\\' -> sb.append("\\\\");
				case '\n' -> sb.append("\\n");
				case '\r' -> sb.append("\\r");
				case '\t' -> sb.append("\\t");
				default -> {
					if (c < 0x20) sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
					else sb.append(c);
				}
			}
		}
		sb.append('"');
	}

	private static void pad(StringBuilder sb, int indent) {
		sb.append("  ".repeat(indent));
	}
}
