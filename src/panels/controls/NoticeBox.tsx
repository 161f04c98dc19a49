/**
 * The notice of an input, a file or a link the page refused, with Dismiss: under the client
 * form, or in a lecture (which takes the controls' place) under the narration, so a file
 * opened in a lecture that cannot be read still says why.
 */
import { useStore } from '../../store/store';
import { focusHandedOff } from '../../app/focus-handoff';

/** Notices shown elsewhere: beside the header's settings, in the playback bar, as the engine's failure, or at the top (a link's). */
const SHOWN_ELSEWHERE = new Set(['settings', 'seed', 'step', 'engine', 'link']);

export function NoticeBox() {
  const notice = useStore((s) => s.notice);
  const noticeShown = useStore((s) => s.noticeShown);
  if (!notice || SHOWN_ELSEWHERE.has(notice.field ?? '')) return null;
  return (
    <div className="notice" role="alert">
      <span>{notice.message}</span>
      <button type="button" className="small secondary" onClick={(e) => dismissed(e.currentTarget, () => noticeShown(null))}>
        Dismiss
      </button>
    </div>
  );
}

/**
 * A link that could not be opened, said at the top of the page over whatever opened instead:
 * under the client form it was below the first screen of a phone, where the default ring
 * looked as if the link had worked. The decoder's own words, for a bug report, fold away.
 */
export function LinkNotice() {
  const notice = useStore((s) => s.notice);
  const noticeShown = useStore((s) => s.noticeShown);
  if (notice?.field !== 'link') return null;
  const at = notice.message.indexOf(' (the decoder said, for a bug report: ');
  const plain = at < 0 ? notice.message : notice.message.slice(0, at);
  const detail = at < 0 ? null : notice.message.slice(at + 2, -1);
  return (
    <div className="notice link-notice" role="alert">
      <span>
        {plain}
        {detail ? (
          <details>
            <summary>Details for a bug report</summary>
            {detail}
          </details>
        ) : null}
      </span>
      <button type="button" className="small secondary" onClick={(e) => dismissed(e.currentTarget, () => noticeShown(null))}>
        Dismiss
      </button>
    </div>
  );
}

/** Dismiss: the notice goes, and the focus to the control before it (the form it spoke of), not to the page's body. */
function dismissed(button: HTMLElement, dismiss: () => void): void {
  focusHandedOff(button.closest('[role="alert"]') ?? button);
  dismiss();
}
