import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API serves this bundle at `/` (apps/api/src/console); `npm run build` writes it here.
const outDir = fileURLToPath(new URL('../../dist/console', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    reportCompressedSize: false,
  },
  server: {
    // `npx vite --config apps/console/vite.config.ts` next to a running API on :3000.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
