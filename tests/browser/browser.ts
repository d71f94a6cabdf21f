import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium, never a downloaded one; flags keep it off the (closed) network. A test may
 * add flags of its own (fake camera and microphone for the session room).
 */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}
