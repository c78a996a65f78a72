// The dashboard is built into web/dist and served by the API process (src/api/web.ts); in development
// `npx vite web` proxies /api to a running `regulars serve` on port 3000.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The manifest (dist/.vite/manifest.json, not served) tells scripts/bundle-size.mjs which chunk
// imports which, so it can add up what the first screen loads.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, manifest: true, chunkSizeWarningLimit: 1200 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/docs': 'http://127.0.0.1:3000' } },
});
