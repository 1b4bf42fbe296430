import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

// Reads the invitation's QR code with the phone's camera. The browser's own
// BarcodeDetector is used where it reads QR codes (Chrome on Android); every
// other browser gets the WebAssembly reader of qr-code-reader.client.ts,
// fetched only when "Scan" is pressed, so the page loads no more script than
// without it. Where no camera can be used (no getUserMedia, as on a page
// served over plain http; no camera; the camera refused), the page says so and
// points to the name search. Without JavaScript nothing is shown: the name
// search is the way in. See docs/decisions/017-qr-code-reading.md.

type Detector = { detect(source: HTMLVideoElement): Promise<Array<{ rawValue: string }>> };
type DetectorClass = { new (options: { formats: string[] }): Detector; getSupportedFormats?: () => Promise<string[]> };

/** Reads one frame of the camera: the text of the QR code in it, or null. */
type QrReader = (frame: HTMLVideoElement) => Promise<string | null>;

async function nativeQrReader(): Promise<QrReader | null> {
  const Native = (globalThis as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (!Native) return null;
  try {
    if (Native.getSupportedFormats && !(await Native.getSupportedFormats()).includes("qr_code")) return null;
    const detector = new Native({ formats: ["qr_code"] });
    return async (frame) => (await detector.detect(frame))[0]?.rawValue || null;
  } catch {
    return null;
  }
}

/** The browser's own detector where it reads QR codes, the WebAssembly reader otherwise (loaded now). */
async function openQrReader(): Promise<QrReader> {
  const native = await nativeQrReader();
  if (native) return native;
  const { prepareQrCodeReader, readQrCodes } = await import("./qr-code-reader.client");
  await prepareQrCodeReader();
  return async (frame) => (await readQrCodes(frame))[0] ?? null;
}

type Camera = "available" | "none" | "refused";

/** What can be known before asking for the camera: whether there is one this page may use. */
async function cameraBeforeAsking(): Promise<Camera> {
  const media = navigator.mediaDevices;
  // Browsers offer getUserMedia only on https:// (and localhost).
  if (!media?.getUserMedia) return "none";
  try {
    // Firefox does not know the "camera" permission name and throws.
    const permission = await navigator.permissions?.query({ name: "camera" as PermissionName });
    if (permission?.state === "denied") return "refused";
  } catch {
    // Unknown: asking will tell.
  }
  try {
    // Before permission is given, a browser lists one device of each kind it has, unnamed.
    const devices = await media.enumerateDevices();
    if (!devices.some((device) => device.kind === "videoinput")) return "none";
  } catch {
    // Unknown: asking will tell.
  }
  return "available";
}

function cameraAfterError(error: unknown): Camera | null {
  const name = error instanceof DOMException || error instanceof Error ? error.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") return "refused";
  if (name === "NotFoundError" || name === "OverconstrainedError") return "none";
  return null;
}

export function QrScanner({
  onCode,
  labels,
}: {
  onCode: (code: string) => void;
  labels: { scan: string; stop: string; hint: string; failed: string };
}) {
  const { t } = useTranslation();
  const [camera, setCamera] = useState<Camera | null>(null);
  const [scanning, setScanning] = useState(false);
  const [problem, setProblem] = useState<"failed" | "readerFailed" | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const callback = useRef(onCode);
  callback.current = onCode;

  useEffect(() => {
    let current = true;
    const check = () =>
      void cameraBeforeAsking().then((found) => {
        if (!current) return;
        setCamera(found);
        if (found !== "available") setScanning(false);
      });
    check();
    // A camera plugged in (or out) while the page is open.
    navigator.mediaDevices?.addEventListener?.("devicechange", check);
    return () => {
      current = false;
      navigator.mediaDevices?.removeEventListener?.("devicechange", check);
    };
  }, []);

  useEffect(() => {
    if (!scanning) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const stop = () => {
      stream?.getTracks().forEach((track) => track.stop());
      setScanning(false);
    };
    const tick = async (read: QrReader) => {
      if (stopped || !video.current) return;
      try {
        const code = video.current.readyState >= 2 ? await read(video.current) : null;
        if (stopped) return;
        if (code) {
          callback.current(code);
          return stop();
        }
      } catch {
        // A frame that cannot be read: try the next one.
      }
      timer = setTimeout(() => void tick(read), 250);
    };
    // The reader loads while the person answers the browser's camera question.
    const reader = openQrReader();
    reader.catch(() => undefined);
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(async (media) => {
        stream = media;
        if (stopped || !video.current) return media.getTracks().forEach((track) => track.stop());
        video.current.srcObject = media;
        void video.current.play();
        let read: QrReader;
        try {
          read = await reader;
        } catch {
          if (!stopped) setProblem("readerFailed");
          return stop();
        }
        void tick(read);
      })
      .catch((error: unknown) => {
        if (stopped) return;
        const found = cameraAfterError(error);
        if (found) setCamera(found);
        else setProblem("failed");
        setScanning(false);
      });
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [scanning]);

  if (!camera) return null;
  if (camera !== "available") {
    return (
      <p className="notice notice-info checkin-scanner" role="status" data-testid="no-camera">
        {camera === "refused" ? t("invitations.checkin.cameraRefused") : t("invitations.checkin.noCamera")}{" "}
        <a href="#checkin-q" onClick={() => document.getElementById("checkin-q")?.focus()}>
          {t("invitations.checkin.findByName")}
        </a>
      </p>
    );
  }
  return (
    <div className="checkin-scanner">
      <button
        type="button"
        className={scanning ? "secondary" : undefined}
        onClick={() => {
          setProblem(null);
          setScanning((on) => !on);
        }}
      >
        {scanning ? labels.stop : labels.scan}
      </button>
      {scanning ? (
        <>
          <p className="hint">{labels.hint}</p>
          <video ref={video} className="checkin-video" muted playsInline />
        </>
      ) : null}
      {problem ? (
        <p className="notice notice-error" role="alert">
          {problem === "readerFailed" ? t("invitations.checkin.readerFailed") : labels.failed}
        </p>
      ) : null}
    </div>
  );
}
