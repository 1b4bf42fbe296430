import { useEffect, useRef, useState } from "react";

// Reads a QR code with the camera where the browser has BarcodeDetector
// (Chrome on Android does). Elsewhere it renders nothing and the door uses
// name search. No library: the browser's own detector is fast and small.

type Detector = { detect(source: HTMLVideoElement): Promise<Array<{ rawValue: string }>> };
type DetectorClass = { new (options: { formats: string[] }): Detector; getSupportedFormats?: () => Promise<string[]> };

function detectorClass(): DetectorClass | null {
  const candidate = (globalThis as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  return candidate ?? null;
}

export function QrScanner({
  onCode,
  labels,
}: {
  onCode: (code: string) => void;
  labels: { scan: string; stop: string; hint: string; failed: string };
}) {
  const [supported, setSupported] = useState(false);
  const [scanning, setScanning] = useState(false);
  const [failed, setFailed] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const callback = useRef(onCode);
  callback.current = onCode;

  useEffect(() => {
    const Detector = detectorClass();
    if (!Detector || !navigator.mediaDevices?.getUserMedia) return;
    if (!Detector.getSupportedFormats) return setSupported(true);
    Detector.getSupportedFormats()
      .then((formats) => setSupported(formats.includes("qr_code")))
      .catch(() => setSupported(false));
  }, []);

  useEffect(() => {
    if (!scanning) return;
    const Detector = detectorClass();
    if (!Detector) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const detector = new Detector({ formats: ["qr_code"] });
    const tick = async () => {
      if (stopped || !video.current) return;
      try {
        const codes = video.current.readyState >= 2 ? await detector.detect(video.current) : [];
        if (codes[0]?.rawValue) {
          callback.current(codes[0].rawValue);
          setScanning(false);
          return;
        }
      } catch {
        // A frame that cannot be read: try the next one.
      }
      timer = setTimeout(tick, 250);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then((media) => {
        stream = media;
        if (stopped || !video.current) return media.getTracks().forEach((track) => track.stop());
        video.current.srcObject = media;
        void video.current.play();
        void tick();
      })
      .catch(() => {
        setFailed(true);
        setScanning(false);
      });
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [scanning]);

  if (!supported) return null;
  return (
    <div className="checkin-scanner">
      <button
        type="button"
        className={scanning ? "secondary" : undefined}
        onClick={() => {
          setFailed(false);
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
      {failed ? (
        <p className="notice notice-error" role="alert">
          {labels.failed}
        </p>
      ) : null}
    </div>
  );
}
