// The kit's output components (nb/ is copied from build/mdx/kit/components/) for every MDX file.
import { components } from './nb/index.js';

export function useMDXComponents(given) {
  return { ...given, ...components };
}
