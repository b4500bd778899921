/**
 * The figures page's two charts, drawn with Apache ECharts: the trend of the last twelve months and
 * the comparison of departments or windows. Only the parts used are bundled — echarts/core, the bar
 * and line charts, the grid, legend and tooltip, and the SVG renderer — and the page loads this
 * module itself (a dynamic import from desk-figures.ts), so no other page carries ECharts. The
 * charts are pictures of the tables beside them, which hold the numbers for screen readers and
 * print: the chart containers are hidden from assistive technology and from paper.
 *
 * Content security policy: the SVG renderer sets styles through the CSSOM (allowed under
 * `style-src 'self'`); the tooltip is drawn inside the SVG (`renderMode: 'richText'`), because the
 * HTML tooltip writes inline `style` attributes the policy refuses.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** Colours told apart without hue alone: a dark and a light bar, a line with markers. */
const palette = ['#1d4f91', '#7fa7d9', '#b4301f'];
const font = { fontFamily: '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif', fontSize: 12 };

export interface TrendPoint {
  /** `2026-12`. */
  month: string;
  received: number;
  decided: number;
  /** 按时办结率 0–1, or null when nothing was decided. */
  onTime: number | null;
}

export interface ComparisonRow {
  label: string;
  received: number;
  decided: number;
}

function draw(container: HTMLElement, option: echarts.EChartsCoreOption): echarts.ECharts {
  let chart = echarts.getInstanceByDom(container);
  if (!chart) {
    const created = echarts.init(container, null, { renderer: 'svg' });
    new ResizeObserver(() => created.resize()).observe(container);
    chart = created;
  }
  chart.setOption(option, true);
  return chart;
}

/** What both charts share: colours, type, the legend on top, the tooltip drawn in the SVG. */
const common = {
  color: palette,
  textStyle: font,
  animation: false,
  tooltip: { trigger: 'axis', renderMode: 'richText', textStyle: font },
  legend: { top: 0, textStyle: font },
} as const;

/** Received and decided as bars, the on-time rate as a line on its own axis (a gap where it is "—"). */
export function drawTrend(container: HTMLElement, points: readonly TrendPoint[]): echarts.ECharts {
  return draw(container, {
    ...common,
    grid: { left: 48, right: 56, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: points.map((point) => point.month) },
    yAxis: [
      { type: 'value', name: '件', minInterval: 1 },
      { type: 'value', name: '按时办结率', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      { name: '收件量', type: 'bar', data: points.map((point) => point.received) },
      { name: '办结量', type: 'bar', data: points.map((point) => point.decided) },
      {
        name: '按时办结率',
        type: 'line',
        yAxisIndex: 1,
        symbol: 'circle',
        symbolSize: 7,
        connectNulls: false,
        data: points.map((point) => (point.onTime === null ? null : Math.round(point.onTime * 1000) / 10)),
      },
    ],
  });
}

/** The departments or windows side by side, received and decided as horizontal bars. */
export function drawComparison(container: HTMLElement, rows: readonly ComparisonRow[]): echarts.ECharts {
  return draw(container, {
    ...common,
    grid: { left: 96, right: 24, top: 40, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: rows.map((row) => row.label) },
    series: [
      { name: '收件量', type: 'bar', data: rows.map((row) => row.received) },
      { name: '办结量', type: 'bar', data: rows.map((row) => row.decided) },
    ],
  });
}
