/**
 * Monaco's own way out of its Tab trap (in the editor Tab indents; this key makes Tab move focus instead), said on
 * the exercise (Exercise.astro) and in the editor's accessible name (monaco-editor.ts). A module of its own so the
 * page's text does not import Monaco. Monaco binds Ctrl+M, and Ctrl+Shift+M on a Mac, where Cmd+M minimises the window.
 */
export const TAB_TRAP_KEYS = 'Ctrl+M (on a Mac, Ctrl+Shift+M)';
