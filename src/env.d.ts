/// <reference types="astro/client" />
declare module 'virtual:tfjs-types' {
  const files: { path: string; content: string }[];
  export default files;
}
