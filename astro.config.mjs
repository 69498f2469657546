// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { tfjsTypes } from './src/integrations/tfjs-types.ts';
import { lazyMonacoCss } from './src/integrations/lazy-monaco-css.ts';
import { moduleSidebar } from './src/integrations/module-sidebar.ts';
import { shikiNoTimeLimit } from './src/integrations/shiki-no-time-limit.ts';
import { tfjsWasmThreads } from './src/integrations/tfjs-wasm-threads.ts';
import { rehypeScrollTables } from './src/integrations/rehype-scroll-tables.ts';

// Astro 7's default Markdown processor (Sätteri) takes no remark/rehype plugins; KaTeX needs the unified one.
// MDX inherits it. KaTeX renders at build time, so lesson pages ship math as HTML + CSS, no math JavaScript.
// rehypeScrollTables puts each Markdown table in a focusable box that scrolls sideways on a phone.
export default defineConfig({
  site: 'https://runnable-deep-learning.example',
  markdown: { processor: unified({ remarkPlugins: [remarkMath], rehypePlugins: [rehypeKatex, rehypeScrollTables] }) },
  integrations: [
    starlight({
      title: 'Runnable Deep Learning',
      description: 'Learn deep-learning ideas by writing TypeScript that trains real models in your browser.',
      customCss: ['katex/dist/katex.min.css', './src/styles/course.css', './src/styles/figures.css'],
      // One group per module folder, from its overview's frontmatter: a module that lands needs no edit here.
      sidebar: [...moduleSidebar(`${import.meta.dirname}/src/content/docs`), { label: 'Your progress', link: '/progress/' }],
      // Pagination names an overview after its module; the sidebar numbers lessons and marks exercises, and the home
      // page's button leads to the first lesson: all from the content collections (course-navigation.ts).
      routeMiddleware: ['./src/route-data/overview-pagination.ts', './src/route-data/course-navigation.ts'],
      // Code colours must not depend on the machine's load: see shiki-no-time-limit.ts. Long lines wrap (keeping
      // their indent) rather than scroll: on a phone nothing needs a sideways scroll, nor a keyboard to do it.
      expressiveCode: { shiki: { transformers: [shikiNoTimeLimit] }, defaultProps: { wrap: true } },
      // The lesson body, plus the script that gives a display formula wider than the column a tab stop; the sidebar,
      // plus the script that marks the lessons whose exercises have passed.
      components: { MarkdownContent: './src/components/MarkdownContent.astro', Sidebar: './src/components/Sidebar.astro' },
    }),
  ],
  // Solutions: published by default as /solutions/<exercise id>.json, fetched only once a learner unlocks one.
  // RDL_SOLUTIONS=off builds a course for graded use with no solution in the site (src/integrations/solutions.ts).
  // Off by default: RDL_CROSS_ORIGIN_ISOLATION=1 makes `astro dev` / `astro preview` send COOP/COEP, so pages get
  // SharedArrayBuffer and tfjs its threaded WASM build. On 2 cores it was slower (docs/backends.md, threaded WASM).
  ...(process.env.RDL_CROSS_ORIGIN_ISOLATION === '1' && {
    server: { headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } },
  }),
  vite: {
    plugins: [tfjsTypes(import.meta.dirname), lazyMonacoCss()],
    // Module workers (the exercise runner, Monaco's workers) are bundled as ES modules. Worker bundles get only
    // these plugins, not the page's: tfjsWasmThreads keeps tfjs's threaded WASM working once minified.
    worker: { format: 'es', plugins: () => [tfjsWasmThreads()] },
    // Pre-bundle the runner's libraries when the dev server starts. Discovered late (on the first Run, inside the
    // worker), they would make Vite re-optimise and reload the page mid-run.
    optimizeDeps: { include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-webgpu', 'sucrase', 'uplot'] },
  },
});
