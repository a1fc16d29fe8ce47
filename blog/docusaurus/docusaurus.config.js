// Docusaurus 3 blog of the exported lessons: remark-math + rehype-katex, posts in lesson order, feeds with summaries only.
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';

export default {
  title: 'Lessons',
  url: 'http://127.0.0.1',
  baseUrl: '/',
  // Links between exported notebooks are links to their pages (../<slug>/), so a broken one fails the build.
  onBrokenLinks: 'throw',
  presets: [
    [
      'classic',
      {
        docs: false,
        blog: {
          path: 'blog',
          routeBasePath: '/',
          remarkPlugins: [remarkMath],
          rehypePlugins: [rehypeKatex],
          // Each lesson's front matter has a `date` derived from its order: ascending is reading order.
          sortPosts: 'ascending',
          postsPerPage: 'ALL',
          blogSidebarCount: 'ALL',
          blogSidebarTitle: 'Lessons',
          showReadingTime: false,
          feedOptions: {
            type: 'all',
            // A feed item is the lesson's summary and link: whole lessons with their chart data would be megabytes.
            createFeedItems: async ({ blogPosts, defaultCreateFeedItems, ...rest }) =>
              (await defaultCreateFeedItems({ blogPosts, ...rest })).map(({ content, ...item }) => item),
          },
        },
      },
    ],
  ],
  themeConfig: { navbar: { title: 'Lessons' } },
};
