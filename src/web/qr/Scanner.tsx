/**
 * Scanning a QR code into a page: with the camera where the browser can detect codes itself
 * (BarcodeDetector), and everywhere from a picture — on a phone the file chooser offers to take a
 * photo — read on this device (read-image.ts). The text read goes to `onText`; what it means (a
 * credential, a receipt…) is the caller's to judge. Problems reading are said here, in plain words.
 *
 * @example
 * ```tsx
 * <Scanner id="credential-scan" title={t.credential.scanTitle} photoLabel={t.credential.scanPhoto} onText={fill} />
 * ```
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '../i18n/index.ts';
import { barcodeDetector, canScanWithCamera, QrReadError, readQrImage } from './read-image.ts';

const SCAN_EVERY_MS = 250;

export function Scanner({
  id,
  title,
  photoLabel,
  onText,
}: {
  id: string;
  title: string;
  photoLabel: string;
  onText: (text: string) => void;
}) {
  const t = useT();
  const [reading, setReading] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [stream, setStream] = useState<MediaStream>();
  const video = useRef<HTMLVideoElement>(null);
  // The camera loop outlives renders: it calls the latest onText, not the one it started with.
  const latest = useRef(onText);
  latest.current = onText;
  const camera = canScanWithCamera();

  const stop = () => {
    setStream((s) => {
      for (const track of s?.getTracks() ?? []) track.stop();
      return undefined;
    });
  };

  useEffect(() => {
    const detector = barcodeDetector();
    const element = video.current;
    if (!stream || !detector || !element) return;
    element.srcObject = stream;
    void element.play().catch(() => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    const tick = async () => {
      const found = await detector.detect(element).catch(() => []);
      if (!live) return;
      const text = found[0]?.rawValue;
      if (text !== undefined) {
        stop();
        latest.current(text);
      } else timer = setTimeout(() => void tick(), SCAN_EVERY_MS);
    };
    timer = setTimeout(() => void tick(), SCAN_EVERY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
      for (const track of stream.getTracks()) track.stop();
    };
  }, [stream]);

  const startCamera = async () => {
    setProblem(undefined);
    try {
      setStream(
        await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }),
      );
    } catch {
      setProblem(t.check.scan.cameraRefused);
    }
  };

  const readPhoto = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setProblem(undefined);
    setReading(true);
    try {
      onText(await readQrImage(file));
    } catch (e) {
      const code = e instanceof QrReadError ? e.code : 'no-code';
      setProblem(code === 'not-image' ? t.check.scan.notImage : t.check.scan.noCode);
    } finally {
      setReading(false);
      // The same picture can be chosen again (after a retake it is often the same name).
      input.value = '';
    }
  };

  return (
    <section class="scan" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {camera && (
        <div class="actions">
          {stream ? (
            <button type="button" class="secondary" onClick={stop}>
              {t.check.scan.stop}
            </button>
          ) : (
            <button type="button" class="secondary" onClick={() => void startCamera()}>
              {t.check.scan.camera}
            </button>
          )}
        </div>
      )}
      {stream && (
        <>
          <p class="hint">{t.check.scan.cameraHint}</p>
          <video class="scan-view" ref={video} muted playsInline aria-label={t.check.scan.preview} />
        </>
      )}
      <label class="field" for={`${id}-photo`}>
        {photoLabel}
      </label>
      <p class="hint" id={`${id}-photo-hint`}>
        {t.check.scan.photoHint}
      </p>
      <input
        type="file"
        id={`${id}-photo`}
        accept="image/*"
        aria-describedby={problem ? `${id}-photo-hint ${id}-problem` : `${id}-photo-hint`}
        onChange={(e) => void readPhoto(e.currentTarget)}
      />
      <div role="status">{reading && <p class="hint">{t.check.scan.reading}</p>}</div>
      <div role="alert">
        {problem && (
          <p class="field-error" id={`${id}-problem`}>
            {problem}
          </p>
        )}
      </div>
    </section>
  );
}
