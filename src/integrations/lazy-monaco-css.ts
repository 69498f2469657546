/**
 * Vite plugin: Monaco's stylesheets load with the editor instead of in every lesson's <head>.
 *
 * Monaco's ESM modules `import './x.css'` (122 files, ~175 KB). Astro collects the CSS of every module a page's
 * scripts can reach, dynamic imports included, and links it up front, so a reader who never opens the editor
 * would download and parse it before the page renders. This plugin turns each of those imports into a tiny JS
 * module that inserts the CSS text as a <style> when it runs, which is when the editor chunk loads.
 *
 * The text is imported `?raw`: `?inline` (Vite-processed) failed lightningcss's minifier on the combined output.
 * Raw text cannot have its relative url()s rewritten, so the one file with a relative url (codicon.css, 872 bytes:
 * the icon font's @font-face, which downloads only when an icon is drawn) stays a normal, eager import.
 */
import type { Plugin } from 'vite';

const PREFIX = '\0lazy-monaco-css:';

export function lazyMonacoCss(): Plugin {
  return {
    name: 'rdl:lazy-monaco-css',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!importer || !/[\\/]monaco-editor[\\/]esm[\\/]/.test(importer) || !/\.css$/.test(source) || /codicon\.css$/.test(source)) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      // The id must not end in .css, or Vite's CSS plugin would treat this JS module as a stylesheet.
      return resolved ? `${PREFIX}${resolved.id}.js` : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length, -'.js'.length);
      return [
        `import css from ${JSON.stringify(`${file}?raw`)};`,
        // Once per file, even if the module were evaluated twice (HMR).
        `if (typeof document !== 'undefined' && !document.querySelector(${JSON.stringify(`style[data-monaco-css="${file.split(/[\\/]/).slice(-2).join('/')}"]`)})) {`,
        `  const style = document.createElement('style');`,
        `  style.dataset.monacoCss = ${JSON.stringify(file.split(/[\\/]/).slice(-2).join('/'))};`,
        `  style.textContent = css;`,
        `  document.head.appendChild(style);`,
        `}`,
      ].join('\n');
    },
  };
}
