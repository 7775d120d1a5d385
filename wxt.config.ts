import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// The extension's sources live in extension/ (static files in extension/public); WXT generates types into .wxt/.
export default defineConfig({
  srcDir: 'extension',
  publicDir: 'extension/public',
  // LEADLINE_OUT_DIR lets parallel builds (several engineers, bench vs tests) not empty each other's output.
  outDir: process.env.LEADLINE_OUT_DIR ?? '.output',
  vite: () => ({ plugins: [preact()] }),
  webExt: { disabled: true },
  manifest: {
    name: 'Leadline',
    description: 'Capture leads where you work and push each one through the funnel.',
    permissions: [
      'storage',
      'sidePanel',
      'contextMenus',
      'notifications',
      'alarms',
      'activeTab',
      'scripting',
    ],
    // Host integrations (extension/hosts/CONTEXT.md): the sidebar page may be framed only on supported hosts;
    // any other page is read on demand through activeTab + scripting, never by a content script.
    web_accessible_resources: [
      {
        resources: ['sidebar.html'],
        matches: [
          'https://mail.google.com/*',
          'https://outlook.office.com/*',
          'https://outlook.live.com/*',
          'https://outlook.office365.com/*',
          'https://phone.aircall.io/*',
          'https://workspace.aircall.io/*',
          'https://dialpad.com/*',
          'https://app.ringcentral.com/*',
          'https://voice.google.com/*',
        ],
      },
    ],
    // The team's sync server is self-hosted at an address only known at sign-in; extension pages call its
    // HTTP API (GET /api/v1/me) cross-origin, which needs host access (the server sends no CORS headers).
    host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: 'Leadline' },
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+L', mac: 'Alt+Shift+L' },
        description: 'Open the Leadline side panel',
      },
      // Host integrations (extension/background/context-menu.ts).
      'capture-selection': {
        suggested_key: { default: 'Alt+Shift+C' },
        description: 'Capture the selection (or the phone numbers on the page) as a lead',
      },
    },
  },
});
