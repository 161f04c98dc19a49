/**
 * The notice of an input the page refused, with Dismiss: under the client form (in the three
 * columns, hanging below the controls panel, so that no node's row gives way: see app.css), or
 * in a lecture (which takes the controls' place) under the narration. A file, a share or an export
 * refused, and a link, are said over the stage instead (`PageNotice`, `LinkNotice`).
 */
import { useStore } from '../../store/store';
import { focusHandedOff } from '../../app/focus-handoff';

/** What the header's Share and File menu (and a panel's SVG/PNG) did not do: said by `PageNotice`. */
const PAGE_FIELDS = new Set(['file', 'share', 'export']);

/** Notices shown elsewhere: beside the header's settings, in the playback bar, as the engine's failure, at the top (a link's) or over the panels (`PAGE_FIELDS`). */
const SHOWN_ELSEWHERE = new Set(['settings', 'seed', 'step', 'engine', 'link', ...PAGE_FIELDS]);

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

/** Over the stage, under the header: a link refused (`LinkNotice`), or a file, a share or an export (`PageNotice`). */
export function StageNotices() {
  return (
    <>
      <LinkNotice />
      <PageNotice />
    </>
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

/**
 * Why a file could not be opened (or a link made, a session saved, a drawing exported), over
 * the stage, where a refused link is said. Under the client form the reason took seven lines
 * of its narrow column: cut to its first five ("…the text ends before the JSON does (a
 * closing"), and the node list folded to one row ("▼ B +2") until Dismiss. Here it is whole,
 * so the lecturer learns exactly what is wrong with the file; the stage's drawing gives up the
 * room (the ring draws smaller), and every control stays in reach.
 */
export function PageNotice() {
  const notice = useStore((s) => s.notice);
  const noticeShown = useStore((s) => s.noticeShown);
  if (!notice || !PAGE_FIELDS.has(notice.field ?? '')) return null;
  // Dismissed, the focus goes back to the menu the notice answers, at the header's right.
  const origin = () => document.querySelector<HTMLElement>(notice.field === 'share' ? '.share-tools > button' : '.share-tools button[aria-haspopup="menu"]');
  return (
    <div className="notice page-notice" role="alert">
      <span>{notice.message}</span>
      <button type="button" className="small secondary" onClick={(e) => dismissed(e.currentTarget, () => noticeShown(null), notice.field === 'export' ? null : origin())}>
        Dismiss
      </button>
    </div>
  );
}

/** Dismiss: the notice goes, and the focus to `to` or else the control before it (the form it spoke of), not to the page's body. */
function dismissed(button: HTMLElement, dismiss: () => void, to: HTMLElement | null = null): void {
  focusHandedOff(button.closest('[role="alert"]') ?? button, to);
  dismiss();
}
