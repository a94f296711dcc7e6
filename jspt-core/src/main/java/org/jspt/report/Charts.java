package org.jspt.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts as PNG bytes, drawn with XChart off screen (headless Java2D). NaN points are left
 * out of a series (a class without a value in that iteration), so a series may have gaps.
 */
final class Charts {
    static final int W = 560, H = 380;
    private static final BasicStroke DASHED = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

    private Charts() {}

    /** Lines with markers: one series per entry, over the shared x values; null if no series has a finite point. */
    static XYChart lines(String title, String xTitle, String yTitle, double[] x, Map<String, double[]> series) {
        XYChart c = xy(title, xTitle, yTitle);
        boolean any = false;
        for (Map.Entry<String, double[]> e : series.entrySet()) any |= add(c, e.getKey(), x, e.getValue()) != null;
        return any ? c : null;
    }

    /** {@link #lines} over iteration numbers (whole-number x labels). */
    static XYChart perIteration(String title, String yTitle, double[] iterations, Map<String, double[]> series) {
        XYChart c = lines(title, "iteration", yTitle, iterations, series);
        if (c != null) c.getStyler().setXAxisDecimalPattern("0");
        return c;
    }

    /** FSC curves of each class with the 0.5 and 0.143 thresholds as dashed lines. */
    static XYChart fsc(String title, Map<String, double[][]> curves) {
        XYChart c = xy(title, "spatial frequency (1/Å)", "FSC");
        double xmax = 0;
        for (Map.Entry<String, double[][]> e : curves.entrySet()) {
            XYSeries s = add(c, e.getKey(), e.getValue()[0], e.getValue()[1]);
            if (s != null) s.setMarker(SeriesMarkers.NONE);
            for (double v : e.getValue()[0]) if (Double.isFinite(v)) xmax = Math.max(xmax, v);
        }
        for (double t : new double[] {0.5, 0.143}) {
            XYSeries s = c.addSeries("FSC = " + t, new double[] {0, xmax}, new double[] {t, t});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(Color.GRAY);
            s.setLineStyle(DASHED);
        }
        c.getStyler().setYAxisMin(-0.2).setYAxisMax(1.05);
        return c;
    }

    /** A histogram of {@code values} in {@code bins} equal bins between their minimum and maximum. */
    static CategoryChart histogram(String title, String xTitle, double[] values, int bins) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (!(hi > lo)) {
            lo -= 0.5;
            hi += 0.5;
        }
        double width = (hi - lo) / bins;
        List<Double> centres = new ArrayList<>(), counts = new ArrayList<>();
        double[] n = new double[bins];
        for (double v : values) n[Math.min(bins - 1, (int) ((v - lo) / width))]++;
        for (int b = 0; b < bins; b++) {
            centres.add(round3(lo + (b + 0.5) * width));
            counts.add(n[b]);
        }
        CategoryChart c = new CategoryChartBuilder().width(W).height(H * 3 / 4).title(title).xAxisTitle(xTitle).yAxisTitle("particles").build();
        style(c.getStyler());
        c.getStyler().setAvailableSpaceFill(0.95);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setXAxisLabelRotation(60);
        c.getStyler().setXAxisDecimalPattern("0.###");
        c.addSeries("particles", centres, counts);
        return c;
    }

    /** Bars, one per category. */
    static CategoryChart bars(String title, String xTitle, String yTitle, List<String> categories, List<Double> values) {
        CategoryChart c = new CategoryChartBuilder().width(W).height(H).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(c.getStyler());
        c.getStyler().setLegendVisible(false);
        c.getStyler().setYAxisDecimalPattern("0.#");
        c.addSeries(yTitle, categories, values);
        return c;
    }

    /** Points only (no lines), one series per entry; square plot with equal axes of half-width {@code extent}. */
    static XYChart scatter(String title, Map<String, double[][]> points, double extent) {
        XYChart c = new XYChartBuilder().width(H + 140).height(H + 40).title(title).build();
        style(c.getStyler());
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setXAxisMin(-extent).setXAxisMax(extent).setYAxisMin(-extent).setYAxisMax(extent);
        c.getStyler().setMarkerSize(5);
        c.getStyler().setAxisTicksVisible(false);
        c.getStyler().setPlotGridLinesVisible(false);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        for (Map.Entry<String, double[][]> e : points.entrySet()) {
            if (e.getValue()[0].length > 0) c.addSeries(e.getKey(), e.getValue()[0], e.getValue()[1]);
        }
        return c;
    }

    /** A closed outline (e.g. a circle of the projection) drawn as a thin grey line, without legend entry. */
    static void outline(XYChart c, String name, double[] x, double[] y) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(Color.LIGHT_GRAY);
        s.setShowInLegend(false);
    }

    /** PNG bytes of a chart. */
    static byte[] png(Chart<?, ?> c) throws IOException {
        return BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder().width(W).height(H).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(c.getStyler());
        c.getStyler().setMarkerSize(6).setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setYAxisDecimalPattern("0.###");
        return c;
    }

    /** Adds the finite points of (x, y) as a series; null when there are none (nothing is added). */
    private static XYSeries add(XYChart c, String name, double[] x, double[] y) {
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                xs.add(x[i]);
                ys.add(y[i]);
            }
        }
        return xs.isEmpty() ? null : c.addSeries(name, xs, ys);
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE).setPlotBackgroundColor(Color.WHITE).setLegendBorderColor(Color.LIGHT_GRAY)
                .setAntiAlias(true).setChartTitleBoxVisible(false);
    }

    private static double round3(double v) { return Math.round(v * 1000) / 1000.0; }
}
