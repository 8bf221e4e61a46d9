/**
 * One ECharts chart: echarts/core with only the charts and components the console draws (the full
 * `echarts` package would add ~300 KB gzipped). Lives in the dashboard's chunk, never the initial one.
 * The canvas is an image to assistive technology (`aria-label`); each chart has a table beside it.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { prefersReducedMotion } from '../motion';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export default function EChart(props: { option: EChartsCoreOption; label: string; height?: number; testId?: string }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const c = echarts.init(element.current!);
    chart.current = c;
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // notMerge: a series that left the option (a tier with no more sales) leaves the chart too.
    chart.current?.setOption(prefersReducedMotion ? { ...props.option, animation: false } : props.option, {
      notMerge: true,
    });
  }, [props.option]);

  return (
    <div
      ref={element}
      role="img"
      aria-label={props.label}
      data-testid={props.testId}
      style={{ width: '100%', height: props.height ?? 280 }}
    />
  );
}
