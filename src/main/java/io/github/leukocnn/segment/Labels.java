package io.github.leukocnn.segment;

/** Connected-component labelling and seeded flooding on int label arrays (row-major, 0 = background). */
final class Labels {

	private Labels() {}

	/**
	 * 8-connected components of the non-zero pixels of {@code mask}, numbered 1..n in raster order of
	 * their first pixel (deterministic).
	 *
	 * @return labels; the number of components is stored in {@code count[0]}
	 */
	static int[] components(byte[] mask, int w, int h, int[] count) {
		int[] labels = new int[mask.length];
		int[] queue = null;
		int n = 0;
		for (int start = 0; start < mask.length; start++) {
			if (mask[start] == 0 || labels[start] != 0) continue;
			if (queue == null) queue = new int[mask.length];
			n++;
			int head = 0, tail = 0;
			labels[start] = n;
			queue[tail++] = start;
			while (head < tail) {
				int p = queue[head++];
				int y = p / w, x = p - y * w;
				for (int dy = -1; dy <= 1; dy++) {
					int yy = y + dy;
					if (yy < 0 || yy >= h) continue;
					for (int dx = -1; dx <= 1; dx++) {
						int xx = x + dx;
						if (xx < 0 || xx >= w) continue;
						int q = yy * w + xx;
						if (mask[q] != 0 && labels[q] == 0) {
							labels[q] = n;
							queue[tail++] = q;
						}
					}
				}
			}
		}
		count[0] = n;
		return labels;
	}

	/**
	 * Seeded watershed by flooding: grows the non-zero seeds of {@code labels} (in place) into the pixels
	 * allowed by {@code allowed}, lowest {@code priority} first (4-connected), ties first come first
	 * served. Priorities are clamped to 0..levels-1 (a bucket queue: linear time).
	 */
	static void flood(int[] labels, int[] priority, byte[] allowed, int w, int h, int levels) {
		int n = labels.length;
		byte[] border = borders(w, h);
		int[] next = new int[n];
		int[] head = new int[levels], tail = new int[levels];
		java.util.Arrays.fill(head, -1);
		java.util.Arrays.fill(tail, -1);
		// queued: pixels ever put in the queue; seeds (labelled from the start) never are, their free neighbours are
		boolean[] queued = new boolean[n];
		for (int p = 0; p < n; p++) {
			if (labels[p] == 0) continue;
			int b = border[p];
			if ((b & LEFT) == 0) push(p - 1, labels, priority, allowed, queued, next, head, tail, levels);
			if ((b & RIGHT) == 0) push(p + 1, labels, priority, allowed, queued, next, head, tail, levels);
			if ((b & TOP) == 0) push(p - w, labels, priority, allowed, queued, next, head, tail, levels);
			if ((b & BOTTOM) == 0) push(p + w, labels, priority, allowed, queued, next, head, tail, levels);
		}
		int level = 0;
		while (level < levels) {
			int p = head[level];
			if (p < 0) {
				level++;
				continue;
			}
			head[level] = next[p];
			if (head[level] < 0) tail[level] = -1;
			// label = label of a labelled 4-neighbour with the lowest label id (deterministic)
			int b = border[p], lab = 0;
			if ((b & LEFT) == 0) lab = pick(lab, labels[p - 1]);
			if ((b & RIGHT) == 0) lab = pick(lab, labels[p + 1]);
			if ((b & TOP) == 0) lab = pick(lab, labels[p - w]);
			if ((b & BOTTOM) == 0) lab = pick(lab, labels[p + w]);
			labels[p] = lab;
			int before = level;
			if ((b & LEFT) == 0) level = Math.min(level, push(p - 1, labels, priority, allowed, queued, next, head, tail, levels, before));
			if ((b & RIGHT) == 0) level = Math.min(level, push(p + 1, labels, priority, allowed, queued, next, head, tail, levels, before));
			if ((b & TOP) == 0) level = Math.min(level, push(p - w, labels, priority, allowed, queued, next, head, tail, levels, before));
			if ((b & BOTTOM) == 0) level = Math.min(level, push(p + w, labels, priority, allowed, queued, next, head, tail, levels, before));
		}
	}

	static final int LEFT = 1, RIGHT = 2, TOP = 4, BOTTOM = 8;

	/**
	 * Which image borders each pixel lies on (LEFT | RIGHT | TOP | BOTTOM bits): spares a division per
	 * pixel. Read-only; the last small one made is kept per thread, since one image asks for it repeatedly.
	 */
	static byte[] borders(int w, int h) {
		// keyed by both sides: a 300 x 600 map read as 600 x 300 has its right borders mid-row
		BorderMap cached = LAST_BORDERS.get();
		if (cached != null && cached.width() == w && cached.height() == h) return cached.bits();
		byte[] b = new byte[w * h];
		for (int y = 0, i = 0; y < h; y++)
			for (int x = 0; x < w; x++, i++)
				b[i] = (byte) ((x == 0 ? LEFT : 0) | (x == w - 1 ? RIGHT : 0) | (y == 0 ? TOP : 0) | (y == h - 1 ? BOTTOM : 0));
		if (b.length <= MAX_CACHED) LAST_BORDERS.set(new BorderMap(w, h, b));
		return b;
	}

	private record BorderMap(int width, int height, byte[] bits) {}

	private static final ThreadLocal<BorderMap> LAST_BORDERS = new ThreadLocal<>();
	/** Larger border maps are not kept (their cost is small next to the rest of a large image). */
	private static final int MAX_CACHED = 1 << 20;

	private static int pick(int current, int candidate) {
		if (candidate == 0) return current;
		return current == 0 ? candidate : Math.min(current, candidate);
	}

	private static void push(int q, int[] labels, int[] priority, byte[] allowed, boolean[] queued, int[] next,
		int[] head, int[] tail, int levels)
	{
		push(q, labels, priority, allowed, queued, next, head, tail, levels, 0);
	}

	/** Queues q at max(its priority, floor) so that flooding never goes back below the current level. */
	private static int push(int q, int[] labels, int[] priority, byte[] allowed, boolean[] queued, int[] next,
		int[] head, int[] tail, int levels, int floor)
	{
		if (queued[q] || labels[q] != 0 || allowed[q] == 0) return Integer.MAX_VALUE;
		queued[q] = true;
		int l = Math.max(floor, Math.min(levels - 1, Math.max(0, priority[q])));
		next[q] = -1;
		if (tail[l] < 0) head[l] = q;
		else next[tail[l]] = q;
		tail[l] = q;
		return l;
	}
}
