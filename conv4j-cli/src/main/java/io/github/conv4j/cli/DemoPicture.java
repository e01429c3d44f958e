package io.github.conv4j.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.MultipleGradientPaint;
import java.awt.Polygon;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;

/**
 * A small landscape drawn with Java2D — sky gradient, sun, hills, a house, a checkerboard and text — so the demo has
 * a realistic picture (smooth areas, hard edges, thin lines, round shapes) without shipping or downloading one.
 * It draws the same pixels on every run of a given JVM.
 */
final class DemoPicture {
    static final int WIDTH = 320;
    static final int HEIGHT = 240;

    private DemoPicture() {}

    static BufferedImage draw() {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, new Color(40, 90, 200), 0, 150, new Color(200, 225, 255)));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setPaint(new RadialGradientPaint(
                    250f,
                    55f,
                    32f,
                    new float[] {0f, 1f},
                    new Color[] {new Color(255, 250, 200), new Color(255, 170, 40)},
                    MultipleGradientPaint.CycleMethod.NO_CYCLE));
            g.fill(new Ellipse2D.Double(218, 23, 64, 64));
            g.setPaint(new GradientPaint(0, 140, new Color(70, 160, 70), 0, HEIGHT, new Color(20, 80, 30)));
            g.fillPolygon(new Polygon(
                    new int[] {0, 60, 130, 200, 270, 320, 320, 0},
                    new int[] {170, 130, 155, 120, 150, 135, 240, 240},
                    8));
            drawHouse(g);
            drawCheckerboard(g);
            g.setColor(new Color(30, 30, 30));
            g.setStroke(new BasicStroke(2f));
            g.drawLine(10, 230, 150, 185);
            drawText(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawHouse(Graphics2D g) {
        g.setColor(new Color(230, 220, 200));
        g.fillRect(40, 150, 70, 55);
        g.setColor(new Color(160, 40, 40));
        g.fillPolygon(new int[] {32, 75, 118}, new int[] {152, 115, 152}, 3);
        g.setColor(new Color(90, 60, 30));
        g.fillRect(65, 175, 18, 30);
        g.setColor(new Color(120, 180, 230));
        g.fillRect(48, 160, 14, 12);
        g.fillRect(90, 160, 14, 12);
    }

    private static void drawCheckerboard(Graphics2D g) {
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                g.setColor((r + c) % 2 == 0 ? Color.BLACK : Color.WHITE);
                g.fillRect(250 + 12 * c, 180 + 12 * r, 12, 12);
            }
        }
    }

    private static void drawText(Graphics2D g) {
        try {
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 28));
            g.drawString("conv4j", 18, 40);
        } catch (InternalError | LinkageError | RuntimeException e) {
            // A headless JVM without fonts cannot draw text; the picture is still a fine demo without it.
        }
    }
}
