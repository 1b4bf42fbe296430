// Reads QR codes in browsers whose own BarcodeDetector cannot (iPhone
// Safari, Firefox, Chromium on a laptop): ZXing's C++ reader compiled to
// WebAssembly (the zxing-wasm package). The scanner loads this module with
// import() only when someone presses "Scan" in such a browser, so the check-in
// page itself never carries it. The .wasm file is one of the app's built
// assets (/build/_assets/, cached for a year like every hashed build file),
// never a CDN: a door on a venue's network may reach nothing but this app.
// Why this library: docs/decisions/017-qr-code-reading.md.
import { prepareZXingModule, purgeZXingModule, readBarcodes } from "zxing-wasm/reader";
import readerWasm from "zxing-wasm/reader/zxing_reader.wasm";

// One overrides object: the library reuses its instance while they stay the same.
const overrides = { locateFile: (path: string, prefix: string) => (path.endsWith(".wasm") ? readerWasm : prefix + path) };
prepareZXingModule({ overrides });

/** Anything the camera or a test can hand over: a video frame, a picture, a canvas, or its pixels. */
export type QrImage = ImageData | ImageBitmap | HTMLCanvasElement | HTMLVideoElement | HTMLImageElement | OffscreenCanvas;

// A phone's camera gives 1920×1080 or more; a QR code held up to it reads as
// well at this size, in a fraction of the time.
const LONGEST_SIDE = 1280;
let canvas: HTMLCanvasElement | null = null;

function sizeOf(image: Exclude<QrImage, ImageData>): { width: number; height: number } {
  if (image instanceof HTMLVideoElement) return { width: image.videoWidth, height: image.videoHeight };
  if (image instanceof HTMLImageElement) return { width: image.naturalWidth, height: image.naturalHeight };
  return { width: image.width, height: image.height };
}

function pixelsOf(image: QrImage): ImageData | null {
  if (image instanceof ImageData) return image;
  const { width, height } = sizeOf(image);
  if (!width || !height) return null;
  const scale = Math.min(1, LONGEST_SIDE / Math.max(width, height));
  canvas ??= document.createElement("canvas");
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const context = canvas.getContext("2d", { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return context.getImageData(0, 0, canvas.width, canvas.height);
}

/** Fetches and compiles the WebAssembly reader, so that the first frame does not wait for it. */
export async function prepareQrCodeReader(): Promise<void> {
  try {
    await prepareZXingModule({ overrides, fireImmediately: true });
  } catch (error) {
    // The library keeps a failed load (no connection at the door); the next Scan must try again.
    purgeZXingModule();
    prepareZXingModule({ overrides });
    throw error;
  }
}

/** The texts of the QR codes readable in the image (at most one), with the WebAssembly reader. */
export async function readQrCodes(image: QrImage): Promise<string[]> {
  const pixels = pixelsOf(image);
  if (!pixels) return [];
  const results = await readBarcodes(pixels, { formats: ["QRCode"], tryHarder: true, maxNumberOfSymbols: 1 });
  return results.filter((result) => result.isValid && result.text).map((result) => result.text);
}
