/**
 * One ECharts chart drawn as SVG, resized with its box and disposed with the component; a click on a
 * data item is reported (for drilling down). Every chart of the app draws through it.
 */
import { init, type EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef } from 'react';

export function Chart({ option, label, testId, height = 280, onItemClick }: { option: EChartsCoreOption; label: string; testId?: string; height?: number; onItemClick?: (dataIndex: number, seriesIndex: number) => void }) {
  const element = useRef<HTMLDivElement>(null);
  const clicked = useRef(onItemClick);
  clicked.current = onItemClick;
  useEffect(() => {
    if (!element.current) return;
    const chart = init(element.current, undefined, { renderer: 'svg' });
    chart.setOption(option);
    chart.on('click', (params) => clicked.current?.(params.dataIndex, params.seriesIndex ?? 0));
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [option]);
  return <div ref={element} role="img" aria-label={label} data-testid={testId} style={{ height, width: '100%' }} />;
}
