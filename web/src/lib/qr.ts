import QRCode from 'qrcode';

/**
 * An otpauth:// address as a QR code in a data: URL (the CSP allows data: images, and an SVG
 * needs no canvas). Error correction M survives a slightly blurred phone camera.
 */
export async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
