// Charts: the card's `chart_spec` is a VChart spec, drawn with @visactor/vchart served from the
// service's node_modules and loaded on first use (it is large).
import { escapeHtml } from './markdown.js';

let vchart;
function loadVChart() {
  vchart ??= new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = '/sandbox/vendor/vchart.js';
    s.onload = () => resolve(window.VChart);
    s.onerror = () => reject(new Error('VChart failed to load'));
    document.head.appendChild(s);
  });
  return vchart;
}

export function renderChart(box, element) {
  box.dataset.chartState = 'loading';
  loadVChart()
    .then((ns) => {
      const VChart = ns.VChart ?? ns.default;
      // No animation: the sandbox is screenshot by its tests, and Feishu's animation adds nothing here.
      const spec = { ...element.chart_spec, animation: false };
      const chart = new VChart(spec, { dom: box, mode: 'desktop-browser', dpr: window.devicePixelRatio || 1 });
      chart.renderSync();
      box._vchart = chart;
      box.dataset.chartState = 'rendered';
    })
    .catch((err) => {
      box.dataset.chartState = 'failed';
      box.innerHTML = `<div class="lk-placeholder">图表无法显示：${escapeHtml(err.message ?? String(err))}</div>`;
    });
}

export function releaseCharts(root) {
  for (const el of root.querySelectorAll('.lk-chart')) el._vchart?.release?.();
}
