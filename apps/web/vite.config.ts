import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Run from the repository root: `vite build --config apps/web/vite.config.ts`.
const root = import.meta.dirname;
const api = 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: false,
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/health': { target: api, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/health': { target: api, changeOrigin: false },
    },
  },
  build: {
    // The ECharts chunk is ~550 kB before gzip and only the statistics pages load it.
    chunkSizeWarningLimit: 700,
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: {
      output: {
        // React is its own long-cached chunk. antd is left to the bundler on purpose: the login page and the shell
        // then load only the components they use, and Table / DatePicker / Cascader come with the admin pages.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/,
              priority: 30,
            },
            // ECharts (with zrender) only for the statistics pages: a chunk of its own, loaded with them.
            {
              name: 'echarts',
              test: /node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/,
              priority: 20,
            },
          ],
        },
      },
    },
  },
});
