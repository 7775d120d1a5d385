import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// The extension's sources live in extension/; WXT generates types into .wxt/.
export default defineConfig({
  srcDir: 'extension',
  outDir: '.output',
  vite: () => ({ plugins: [preact()] }),
  webExt: { disabled: true },
  manifest: {
    name: 'Leadline',
    description: 'Capture leads where you work and push each one through the funnel.',
    permissions: ['storage', 'sidePanel', 'contextMenus', 'notifications', 'alarms'],
  },
});
