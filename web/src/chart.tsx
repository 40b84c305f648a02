// A bar chart (ECharts, SVG renderer, only the parts used), with a text alternative for screen readers.
import { useEffect, useRef } from 'preact/hooks';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

interface Props {
  title: string;
  labels: string[];
  values: number[];
  format: (v: number) => string;
  horizontal?: boolean;
}

export function Bars({ title, labels, values, format, horizontal }: Props) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const chart = echarts.init(box.current, undefined, { renderer: 'svg' });
    const category = { type: 'category' as const, data: labels, axisLabel: { width: 160, overflow: 'truncate' as const } };
    const value = { type: 'value' as const, axisLabel: { formatter: (v: number) => format(v) } };
    chart.setOption({
      animation: false,
      grid: { left: horizontal ? 170 : 80, right: 20, top: 10, bottom: 40 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => format(v) },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: [{ type: 'bar', data: values, itemStyle: { color: '#1d5f8a' } }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [labels.join('|'), values.join('|')]);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <div ref={box} style={{ height: horizontal ? `${40 + labels.length * 28}px` : '260px' }} aria-hidden="true" />
      <table class="sr-only">
        <tbody>
          {labels.map((l, i) => (
            <tr key={l}>
              <th>{l}</th>
              <td>{format(values[i])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
