import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

// The API server of `npm run dev`; in production it serves the built files itself (same origin).
const API_ORIGIN = 'http://127.0.0.1:3000';
const API_PATHS = ['/api', '/health', '/ready', '/docs', '/openapi.json'];

const proxy: Record<string, ProxyOptions> = Object.fromEntries(
  API_PATHS.map((path) => [path, { target: API_ORIGIN }]),
);

export default defineConfig({
  // Anchored to this folder so the build works whichever directory it is started from.
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { proxy },
  preview: { proxy },
});
