/// <reference types="vitest" />
import { defineConfig } from 'vite';

// The UI is served by `ascent serve` (embedded at build time); in development, Vite proxies the API to it.
// Vitest runs the unit tests in src/; the browser tests in e2e/ run under node --test (ctest web.e2e).
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
  test: { include: ['src/**/*.test.ts'] },
});
