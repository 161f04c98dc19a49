/** The link to the session, shown selected in a readonly field, and whether it was copied. */
import { useEffect, useRef, useState } from 'react';
import { useModalFocus } from '../../app/use-modal-focus';
import { useLectureStore } from '../lectures/lecture-store';

/**
 * Links longer than this may be cut short on the way: many web servers refuse addresses over
 * 8 KB, and chat and mail programs break long links. Background clients make long links (a
 * link holds every operation they made: about 90,000 characters for ten seconds at 1,000 ops/s).
 */
const LONG_LINK_CHARS = 8000;

export function ShareDialog({ url, isCopied, onClose, onCopy }: { url: string; isCopied: boolean; onClose: () => void; onCopy: () => Promise<boolean> }) {
  const field = useRef<HTMLInputElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState(isCopied);
  const isOwnLecture = useLectureStore((s) => s.lecture !== null && s.ownSource !== null);
  useModalFocus(box, true, onClose, field);
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, [url]);
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div ref={box} className="dialog share-dialog" role="dialog" aria-modal="true" aria-labelledby="share-title" onClick={(e) => e.stopPropagation()}>
        <h2 id="share-title">Share this session</h2>
        <label className="share-field">
          <span>Share link</span>
          <input ref={field} type="text" readOnly value={url} onFocus={(e) => e.target.select()} />
        </label>
        <p role="status">{copied ? 'The link was copied to the clipboard.' : 'The link could not be copied here: select it and copy it yourself.'}</p>
        <p className="share-note">
          Whoever opens it sees the same cluster, the same events and the same position. It holds what was done, not the results: {url.length.toLocaleString('en')} characters, and nothing is sent to a server.
        </p>
        {isOwnLecture ? (
          <p className="share-note share-long">
            Your own lecture is not in the link (the viewer has no copy of its file): it opens on this cluster at this step, without the narration. Send the lecture file too.
          </p>
        ) : null}
        {url.length > LONG_LINK_CHARS ? (
          <p className="share-note share-long">
            That is long for a link: mail and chat programs may cut it. <strong>File ▸ Save scenario</strong> saves the same session as a file, which opens the same way (File ▸ Open scenario…).
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" onClick={() => void onCopy().then(setCopied)}>
            Copy link
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
