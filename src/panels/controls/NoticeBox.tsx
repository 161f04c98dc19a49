/**
 * The notice of an input, a file or a link the page refused, with Dismiss: under the client
 * form, or in a lecture (which takes the controls' place) under the narration, so a file
 * opened in a lecture that cannot be read still says why.
 */
import { useStore } from '../../store/store';

/** Notices shown elsewhere: beside the header's settings, in the playback bar, or as the engine's failure. */
const SHOWN_ELSEWHERE = new Set(['settings', 'seed', 'step', 'engine']);

export function NoticeBox() {
  const notice = useStore((s) => s.notice);
  const noticeShown = useStore((s) => s.noticeShown);
  if (!notice || SHOWN_ELSEWHERE.has(notice.field ?? '')) return null;
  return (
    <div className="notice" role="alert">
      <span>{notice.message}</span>
      <button type="button" className="small secondary" onClick={() => noticeShown(null)}>
        Dismiss
      </button>
    </div>
  );
}
