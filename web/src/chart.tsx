// Charts (ECharts, SVG renderer, only the parts used), each with a table for screen readers.
import { useEffect, useRef } from 'preact/hooks';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

const palette = ['#1d5f8a', '#c05621', '#2f855a', '#6b46c1', '#b7791f', '#4a5568'];
const highlighted = '#c53030';

export interface Series {
  name: string;
  values: (number | null)[];
  line?: boolean;   // a line instead of bars
  stack?: string;   // bars with the same stack are stacked
}

interface ChartProps {
  title: string;
  labels: string[];
  series: Series[];
  format: (v: number) => string;
  horizontal?: boolean;
  highlight?: number; // a category drawn in another colour (the council among its comparators)
}

export function Chart({ title, labels, series, format, horizontal, highlight }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const chart = echarts.init(box.current, undefined, { renderer: 'svg' });
    // A horizontal chart is drawn bottom up: reverse it so it reads top down, like the table.
    const order = (values: any[]) => (horizontal ? [...values].reverse() : values); // eslint-disable-line @typescript-eslint/no-explicit-any
    const marked = highlight === undefined ? undefined : horizontal ? labels.length - 1 - highlight : highlight;
    const category = { type: 'category' as const, data: order(labels), axisLabel: { width: horizontal ? 160 : 110, overflow: 'truncate' as const, interval: 0 } };
    const value = { type: 'value' as const, axisLabel: { formatter: (v: number) => format(v) } };
    chart.setOption({
      animation: false,
      color: palette,
      legend: series.length > 1 ? { bottom: 0 } : undefined,
      grid: { left: horizontal ? 170 : 90, right: 20, top: 10, bottom: series.length > 1 ? 60 : 40 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => (v == null ? 'no value' : format(v)) },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: series.map((s) => ({
        name: s.name,
        type: s.line ? 'line' : 'bar',
        stack: s.stack,
        data: order(s.values).map((v, i) => (i === marked ? { value: v, itemStyle: { color: highlighted } } : v)),
      })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [title, labels.join('|'), JSON.stringify(series), highlight]);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <div ref={box} style={{ height: horizontal ? `${60 + labels.length * 26}px` : '280px' }} aria-hidden="true" />
      <table class="sr-only">
        <thead><tr><th>{title}</th>{series.map((s) => <th key={s.name}>{s.name}</th>)}</tr></thead>
        <tbody>
          {labels.map((l, i) => (
            <tr key={l}>
              <th>{l}{i === highlight ? ' (highlighted)' : ''}</th>
              {series.map((s) => <td key={s.name}>{s.values[i] == null ? 'no value' : format(s.values[i] as number)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** One series of bars. */
export function Bars(props: { title: string; labels: string[]; values: number[]; format: (v: number) => string; horizontal?: boolean }) {
  const { values, ...rest } = props;
  return <Chart {...rest} series={[{ name: props.title, values }]} />;
}
