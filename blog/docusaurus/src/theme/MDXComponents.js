// The kit's output components for every MDX page, with KaTeX's CSS and the kit's stylesheet (src/nb/ is copied from build/mdx/kit/components/).
import MDXComponents from '@theme-original/MDXComponents';
import { components } from '../nb/index.js';
import 'katex/dist/katex.min.css';
import '../nb/nb-output.css';

export default { ...MDXComponents, ...components };
