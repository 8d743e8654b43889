/**
 * Reading a QR code on this device: from a camera's video or from a picture the voter chose (a photo
 * of a letter, a screenshot). The browser's own BarcodeDetector is used where it exists; elsewhere
 * (Chromium on Linux, Firefox, Safari) the pixels go to jsQR, loaded only when a picture is read.
 * Nothing leaves the device.
 *
 * @example
 * ```ts
 * try {
 *   const text = await readQrImage(file);
 * } catch (e) {
 *   if (e instanceof QrReadError) show(e.code); // 'not-image' | 'no-code'
 * }
 * ```
 */

/** Why no text came out of a picture. */
export class QrReadError extends Error {
  override name = 'QrReadError';
  readonly code: 'not-image' | 'no-code';
  constructor(code: 'not-image' | 'no-code') {
    super(code === 'not-image' ? 'the file is not a picture this browser can read' : 'no QR code found');
    this.code = code;
  }
}

/** The part of the browser's BarcodeDetector used here. */
export interface Detector {
  detect(source: ImageBitmapSource): Promise<{ rawValue: string }[]>;
}

type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

/** The browser's QR code detector, or undefined where there is none. @example `barcodeDetector()?.detect(video)` */
export function barcodeDetector(): Detector | undefined {
  const Ctor = (globalThis as { BarcodeDetector?: new (options: { formats: string[] }) => Detector })
    .BarcodeDetector;
  if (!Ctor) return undefined;
  try {
    return new Ctor({ formats: ['qr_code'] });
  } catch {
    return undefined;
  }
}

/** Whether this browser can read codes from the camera (a detector and a camera API). @example `canScanWithCamera()` */
export function canScanWithCamera(): boolean {
  return barcodeDetector() !== undefined && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

/**
 * The text of the QR code in a picture; QrReadError when it is no picture or holds no code.
 * @example `const text = await readQrImage(input.files[0])`
 */
export async function readQrImage(file: Blob): Promise<string> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new QrReadError('not-image');
  }
  try {
    const detector = barcodeDetector();
    const found = detector ? await detector.detect(bitmap).catch(() => []) : [];
    const text = found[0]?.rawValue ?? (await readWithJsQr(bitmap));
    if (text === undefined) throw new QrReadError('no-code');
    return text;
  } finally {
    bitmap.close();
  }
}

/**
 * Photos are read scaled down first (faster), then at full size (up to 3000 px), then smaller: the
 * decoder misses some codes at one scale that it reads at another.
 */
async function readWithJsQr(bitmap: ImageBitmap): Promise<string | undefined> {
  const module = (await import('jsqr')) as unknown as { default: JsQr | { default: JsQr } };
  const jsQR = typeof module.default === 'function' ? module.default : module.default.default;
  const longest = Math.max(bitmap.width, bitmap.height);
  const first = Math.min(longest, 1200);
  const sides = [
    ...new Set([first, Math.min(longest, 3000), Math.round(first * 0.8), Math.round(first * 0.6)]),
  ];
  for (const side of sides) {
    const scale = side / longest;
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) return undefined;
    // A transparent picture (an exported code) is read on white, as it would be printed.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0, width, height);
    const found = jsQR(context.getImageData(0, 0, width, height).data, width, height);
    if (found) return found.data;
  }
  return undefined;
}
