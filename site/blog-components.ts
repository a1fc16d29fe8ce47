// What a React blog passes to the exported MDX (build/mdx/kit/index.js): the site's output components, with the lazily loading PlotlyChart.
import { components as siteComponents } from './components';
import { PlotlyChart } from './blog-chart';

export { setPlotlySrc } from './blog-chart';

/** Every component the exported MDX uses, by the name it uses. */
export const components = { ...siteComponents, PlotlyChart };
