package io.github.leukocnn.segment.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Pascal VOC annotation boxes ({@code <object><name>..</name><bndbox>..}) of one class. */
public final class VocBoxes {

	/** Inclusive pixel box as in VOC files. */
	public record Box(double xmin, double ymin, double xmax, double ymax) {

		public double area() {
			return Math.max(0, xmax - xmin + 1) * Math.max(0, ymax - ymin + 1);
		}

		public double iou(Box o) {
			double iw = Math.min(xmax, o.xmax) - Math.max(xmin, o.xmin) + 1;
			double ih = Math.min(ymax, o.ymax) - Math.max(ymin, o.ymin) + 1;
			if (iw <= 0 || ih <= 0) return 0;
			double inter = iw * ih;
			return inter / (area() + o.area() - inter);
		}
	}

	private VocBoxes() {}

	public static List<Box> read(Path xml, String className) throws IOException {
		try {
			DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
			dbf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			DocumentBuilder db = dbf.newDocumentBuilder();
			Document doc = db.parse(xml.toFile());
			NodeList objects = doc.getElementsByTagName("object");
			List<Box> out = new ArrayList<>();
			for (int i = 0; i < objects.getLength(); i++) {
				Element o = (Element) objects.item(i);
				if (!className.equals(text(o, "name").trim())) continue;
				Element b = (Element) o.getElementsByTagName("bndbox").item(0);
				if (b == null) continue;
				out.add(new Box(num(b, "xmin"), num(b, "ymin"), num(b, "xmax"), num(b, "ymax")));
			}
			return out;
		}
		catch (IOException e) {
			throw e;
		}
		catch (Exception e) {
			throw new IOException("cannot read VOC annotation " + xml + ": " + e.getMessage(), e);
		}
	}

	private static String text(Element e, String tag) {
		NodeList l = e.getElementsByTagName(tag);
		return l.getLength() == 0 ? "" : l.item(0).getTextContent();
	}

	private static double num(Element e, String tag) throws IOException {
		String t = text(e, tag).trim();
		try {
			return Double.parseDouble(t);
		}
		catch (NumberFormatException ex) {
			throw new IOException("bad <" + tag + "> value '" + t + "'");
		}
	}
}
